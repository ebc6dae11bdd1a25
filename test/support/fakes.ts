/**
 * Small in-memory fakes of the ports for unit tests, with the same contract as the DynamoDB adapter
 * (conditional create/replace, sparse open list), so use cases can be tested without an engine.
 */
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../local/manual-clock';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import type { IntakeDeps } from '../../shared/app/intake-service';
import { MemoryMetricSink } from '../../shared/aws/powertools-metrics';
import type { AppConfig } from '../../shared/domain/config';
import type { Lead } from '../../shared/domain/lead';
import { assigneeOf, leadDueAt } from '../../shared/domain/lead';
import { parseAppConfig } from '../../shared/domain/load-config';
import { AlreadyExistsError, ConflictError } from '../../shared/errors';
import type { IdSource } from '../../shared/ids';
import type {
  ConfigSource,
  LeadRef,
  LeadStore,
  OpenLeadRef,
  Page,
  QueueMessage,
  WorkQueue,
} from '../../shared/ports';
import type { QueueName } from '../../shared/settings';

export const exampleConfig = (): AppConfig =>
  parseAppConfig(
    JSON.parse(readFileSync('config/business.example.json', 'utf8')),
    JSON.parse(readFileSync('config/roster.example.json', 'utf8')),
  );

export const staticConfig = (config: AppConfig = exampleConfig()): ConfigSource => ({
  load: async () => config,
});

export const sequentialIds = (prefix = '01TEST'): IdSource => {
  let n = 0;
  return {
    newLeadId: () => {
      n += 1;
      return `${prefix}${String(n).padStart(26 - prefix.length, '0')}`;
    },
  };
};

export class InMemoryLeadStore implements LeadStore {
  readonly leads = new Map<string, Lead>();

  async get(id: string): Promise<Lead | undefined> {
    const lead = this.leads.get(id);
    return lead ? structuredClone(lead) : undefined;
  }

  async create(lead: Lead): Promise<void> {
    if (this.leads.has(lead.id)) throw new AlreadyExistsError(`Lead ${lead.id} exists`);
    this.leads.set(lead.id, structuredClone(lead));
  }

  async replace(lead: Lead, expectedVersion: number): Promise<void> {
    if (this.leads.get(lead.id)?.version !== expectedVersion)
      throw new ConflictError(`Lead ${lead.id} changed`);
    this.leads.set(lead.id, structuredClone(lead));
  }

  async findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]> {
    return [...this.leads.values()]
      .filter((lead) => lead.phone === phone && lead.createdAt >= sinceIso)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((lead) => ({ leadId: lead.id, status: lead.status, createdAt: lead.createdAt }));
  }

  async listOpen(options: { dueBefore?: string } = {}): Promise<Page<OpenLeadRef>> {
    const items = [...this.leads.values()]
      .filter((lead) => lead.status !== 'closed')
      .map((lead): OpenLeadRef => {
        const dueAt = leadDueAt(lead);
        return {
          leadId: lead.id,
          status: lead.status,
          ...(assigneeOf(lead) ? { assigneeId: assigneeOf(lead)?.id } : {}),
          ...(lead.handoff ? { assignedAt: lead.handoff.createdAt, handoffSeq: lead.handoff.seq } : {}),
          ...(lead.handoff ? { handoffState: lead.handoff.state, dispatch: lead.handoff.dispatch } : {}),
          ...(dueAt ? { dueAt } : {}),
        };
      })
      .filter((ref) => !options.dueBefore || (ref.dueAt ?? '9999') < options.dueBefore)
      .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    return { items };
  }

  async listCreated(fromIso: string, toIso: string): Promise<LeadRef[]> {
    return [...this.leads.values()]
      .filter((lead) => lead.createdAt >= fromIso && lead.createdAt < toIso)
      .map((lead) => ({ leadId: lead.id, status: lead.status, createdAt: lead.createdAt }));
  }

  async getMany(ids: readonly string[]): Promise<Lead[]> {
    return [...new Set(ids)].flatMap((id) => {
      const lead = this.leads.get(id);
      return lead ? [structuredClone(lead)] : [];
    });
  }
}

/** Records what was queued, per queue. */
export class RecordingQueue implements WorkQueue {
  readonly sent: { queue: QueueName; message: QueueMessage }[] = [];

  async send(queue: QueueName, messages: readonly QueueMessage[]): Promise<void> {
    for (const message of messages) this.sent.push({ queue, message: structuredClone(message) });
  }
}

export const fakeDeps = (start = '2026-11-18T16:00:00Z') => {
  const clock = new ManualClock(start);
  const store = new InMemoryLeadStore();
  const queue = new RecordingQueue();
  const metrics = new MemoryMetricSink();
  const deps: IntakeDeps = {
    store,
    clock,
    config: staticConfig(),
    ids: sequentialIds(),
    metrics,
    dispatches: new DispatchRequester({ queue, metrics }),
  };
  return { deps, store, clock, queue, metrics };
};
