/**
 * Lead source webhooks for the tests: requests signed the way each source documents (written here
 * independently of the connectors, so a test can catch a connector that signs wrong), and `HookService`
 * over in-memory fakes with the real intake (cheap enough for property tests).
 */
import { createHmac } from 'node:crypto';
import { HookService, type UnmappedReporter } from '../../shared/app/hook-service';
import { IntakeService } from '../../shared/app/intake-service';
import type { Connector, HookRequest } from '../../shared/connectors/connector';
import { connectorsByName } from '../../shared/connectors/registry';
import type { HookInbox, UnmappedHook } from '../../shared/ports';
import { fakeDeps } from './fakes';

/** The example credentials of config/connectors.example.json. */
export const CREDENTIALS = {
  'twilio-voice': { authToken: 'local-twilio-auth-token' },
  callrail: { signingKey: 'local-callrail-signing-key' },
  angi: { apiKey: 'local-angi-api-key' },
  thumbtack: { username: 'local-thumbtack-user', password: 'local-thumbtack-password' },
} as const;

/** Twilio's `X-Twilio-Signature` for a POST of `params` to `url` (the algorithm in Twilio's docs). */
export const twilioSignature = (authToken: string, url: string, params: Record<string, string>): string => {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => `${signed}${name}${params[name]}`, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
};

/** CallRail's `Signature`: base64 HMAC-SHA1 of the raw body with the signing key. */
export const callrailSignature = (signingKey: string, body: string): string =>
  createHmac('sha1', signingKey).update(body, 'utf8').digest('base64');

/** An HTTP Basic `Authorization` value. */
export const basicAuth = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

/** A `HookInbox` in memory. */
export class InMemoryHookInbox implements HookInbox {
  readonly kept = new Map<string, UnmappedHook>();

  async keep(hook: UnmappedHook): Promise<boolean> {
    if (this.kept.has(hook.id)) return false;
    this.kept.set(hook.id, hook);
    return true;
  }

  async get(id: string): Promise<UnmappedHook | undefined> {
    return this.kept.get(id);
  }
}

export const HOOKS_BASE_URL = 'https://leads.example.test/v1/hooks';

/** `HookService` with every connector (or `connectors`), the example credentials and settings, on in-memory fakes. */
export const hookHarness = (
  connectors: ReadonlyMap<string, Connector> = connectorsByName(),
  credentials: Readonly<Record<string, unknown>> = CREDENTIALS,
) => {
  const { deps, store, clock } = fakeDeps();
  const inbox = new InMemoryHookInbox();
  const reported: Parameters<UnmappedReporter>[0][] = [];
  const hooks = new HookService({
    connectors,
    secrets: { get: async (name) => credentials[name] },
    capture: new IntakeService(deps),
    inbox,
    reportUnmapped: async (hook) => {
      reported.push(hook);
    },
    clock,
    config: deps.config,
    ports: { fetchJson: async () => ({}), hooksBaseUrl: HOOKS_BASE_URL },
  });
  return { hooks, store, inbox, reported, clock };
};

/** A POST to `/hooks/<connector>` as the handler hands it to `HookService`. */
export const hookRequest = (
  connector: string,
  body: string,
  headers: Record<string, string> = {},
): HookRequest => ({
  method: 'POST',
  url: `${HOOKS_BASE_URL}/${connector}`,
  headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  query: new URLSearchParams(),
  rawBody: Buffer.from(body, 'utf8'),
});
