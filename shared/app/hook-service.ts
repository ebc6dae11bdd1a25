/**
 * Webhooks from lead sources (docs/product-rules.md §11): verify the request as the source documents it,
 * map its payload, and capture the lead through intake — the same rules as `POST /leads` (dedupe on the
 * source's own id, the same-phone rule, never bounce). A bad signature stores nothing; a payload the
 * connector cannot read is kept raw and shown in the failed list, and the source still gets a 2xx so it
 * does not drop the lead after its retries.
 */
import { createHash } from 'node:crypto';
import type {
  Captured,
  Connector,
  ConnectorPorts,
  HookRequest,
  HookResponse,
  MappedLead,
} from '../connectors/connector';
import { jsonAnswer } from '../connectors/connector';
import type { Source } from '../domain/lead';
import { ValidationError } from '../errors';
import { leadIdForExternal } from '../ids';
import { logger } from '../observability';
import type { Clock, ConfigSource, ConnectorSecrets, HookInbox } from '../ports';
import type { FailureReports } from './collaborators';

/** Intake as the hooks use it: one submission in, the lead it landed on out. */
export interface LeadCapture {
  submit(submission: {
    channel: Source;
    format: 'json';
    body: unknown;
  }): Promise<{ kind: 'created' | 'existing'; lead: { id: string } }>;
}

/** Reports an unreadable payload to the failed list (a person looks at it). */
export type UnmappedReporter = (hook: { id: string; connector: string; reason: string }) => Promise<void>;

/** The failed-list entry of an unreadable webhook payload: a person reviews it (retry outcome `needs_a_person`). */
export const reportUnmappedTo =
  (failures: Pick<FailureReports, 'report'>): UnmappedReporter =>
  async ({ id, connector, reason }) => {
    await failures.report({
      leadId: id,
      seq: 0,
      kind: 'unmapped',
      what: `A ${connector} webhook we could not read`,
      reason,
      attempts: 1,
      retry: { type: 'review', inboxId: id, connector },
    });
  };

export interface HookDeps {
  connectors: ReadonlyMap<string, Connector>;
  secrets: ConnectorSecrets;
  capture: LeadCapture;
  inbox: HookInbox;
  reportUnmapped: UnmappedReporter;
  clock: Clock;
  /** The business settings: each request reads the connectors' settings (`business.connectors`) afresh. */
  config: ConfigSource;
  ports: Pick<ConnectorPorts, 'fetchJson' | 'hooksBaseUrl'>;
}

/** What the handler answers: the source's expected response, or a refusal. */
export type HookOutcome =
  | { kind: 'answer'; response: HookResponse }
  | { kind: 'refused'; status: 401 | 403 | 404; reason: string };

/** The answer to a payload kept for a person: the connector's own (TwiML for a call), else `{ok, kept}`. */
const keptAnswer = (
  connector: Connector,
  request: HookRequest,
  ports: ConnectorPorts,
  kept: string,
): HookOutcome => ({
  kind: 'answer',
  response: connector.unmappedAnswer?.(request, ports) ?? jsonAnswer({ ok: true, kept }),
});

const NOT_FOUND: HookOutcome = { kind: 'refused', status: 404, reason: 'no such connector' };

export class HookService {
  constructor(private readonly deps: HookDeps) {}

  /** Handles one webhook request to `/hooks/<name>`. */
  async handle(name: string, request: HookRequest): Promise<HookOutcome> {
    const connector = this.deps.connectors.get(name);
    if (!connector) return NOT_FOUND;
    const stored = await this.deps.secrets.get(name);
    const credentials = connector.credentials.safeParse(stored);
    if (stored === undefined || !credentials.success) {
      // Not set up: refuse as an unknown route would, so probing does not learn which sources are in use.
      logger.warn('Webhook for a connector without credentials', { connector: name });
      return NOT_FOUND;
    }
    if (request.method === 'GET') {
      return connector.handshake
        ? { kind: 'answer', response: connector.handshake(request, credentials.data) }
        : NOT_FOUND;
    }
    const refusal = connector.verify(request, credentials.data);
    if (refusal) {
      logger.warn('Webhook refused', { connector: name, reason: refusal.reason });
      return { kind: 'refused', status: refusal.status, reason: refusal.reason };
    }
    const ports = await this.ports();
    const mapping = await connector.map(request, credentials.data, ports);
    if (mapping.kind === 'none') {
      return { kind: 'answer', response: mapping.response ?? jsonAnswer({ ok: true }) };
    }
    if (mapping.kind === 'unmapped') {
      const kept = await this.keepUnmapped(connector, request, mapping.reason, mapping.externalId);
      return keptAnswer(connector, request, ports, kept);
    }
    if (mapping.kind === 'several') {
      const leadIds: string[] = [];
      const kept: string[] = [];
      for (const item of mapping.items) {
        const outcome =
          item.kind === 'lead'
            ? await this.capture(connector, request, item.lead)
            : { kept: await this.keepUnmapped(connector, request, item.reason, item.externalId) };
        if ('kept' in outcome) kept.push(outcome.kept);
        else leadIds.push(outcome.leadId);
      }
      return { kind: 'answer', response: jsonAnswer({ ok: true, leadIds, kept }) };
    }
    const outcome = await this.capture(connector, request, mapping.lead);
    if ('kept' in outcome) return keptAnswer(connector, request, ports, outcome.kept);
    return {
      kind: 'answer',
      response:
        connector.answer?.(outcome, request, ports) ?? jsonAnswer({ ok: true, leadId: outcome.leadId }),
    };
  }

  /** Captures one mapped lead through intake; a lead intake refuses (no usable contact) is kept for a person. */
  private async capture(
    connector: Connector,
    request: HookRequest,
    lead: MappedLead,
  ): Promise<Captured | { kept: string }> {
    const body = { ...lead.fields, externalId: lead.externalId, ...(lead.test ? { test: true } : {}) };
    try {
      const outcome = await this.deps.capture.submit({ channel: connector.source, format: 'json', body });
      const captured = { leadId: outcome.lead.id, existing: outcome.kind === 'existing' };
      logger.info('Webhook lead captured', {
        connector: connector.name,
        leadId: captured.leadId,
        existing: captured.existing,
      });
      return captured;
    } catch (error) {
      // Intake refuses only what cannot be a lead (no usable contact): keep it for a person anyway.
      if (!(error instanceof ValidationError)) throw error;
      const reason = `not a usable lead: ${error.message}`;
      return { kept: await this.keepUnmapped(connector, request, reason, lead.externalId) };
    }
  }

  private async ports(): Promise<ConnectorPorts> {
    const { business } = await this.deps.config.load();
    const { fetchJson, hooksBaseUrl } = this.deps.ports;
    return {
      fetchJson,
      hooksBaseUrl,
      settings: business.connectors,
      now: this.deps.clock.now(),
      timeZone: business.timezone,
    };
  }

  /** Keeps a payload for a person (failed list) and returns the id it is kept under. */
  private async keepUnmapped(
    connector: Connector,
    request: HookRequest,
    reason: string,
    externalId: string | undefined,
  ): Promise<string> {
    const key = externalId ?? createHash('sha256').update(request.rawBody).digest('hex');
    const id = leadIdForExternal(`hook:${connector.name}`, key);
    const isNew = await this.deps.inbox.keep({
      id,
      connector: connector.name,
      receivedAt: this.deps.clock.now().toISOString(),
      reason,
      contentType: request.headers['content-type'] ?? '',
      body: request.rawBody.toString('utf8'),
    });
    if (isNew) await this.deps.reportUnmapped({ id, connector: connector.name, reason });
    logger.warn('Webhook payload kept unmapped', { connector: connector.name, id, reason });
    return id;
  }
}
