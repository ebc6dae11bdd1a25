/**
 * Small in-memory fakes of the ports for unit tests, with the same contract as the DynamoDB adapter
 * (conditional create/replace, sparse open list), so use cases can be tested without an engine.
 */
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../local/manual-clock';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import type { IntakeDeps } from '../../shared/app/intake-service';
import { MemoryMetricSink } from '../../shared/aws/powertools-metrics';
import type { AppConfig, AwayEntry } from '../../shared/domain/config';
import {
  type FailedHandoff,
  type FailureReport,
  failureId,
  mergeFailure,
} from '../../shared/domain/failures';
import type { Lead } from '../../shared/domain/lead';
import { assigneeOf, leadDueAt, leadTimerAt } from '../../shared/domain/lead';
import { parseAppConfig } from '../../shared/domain/load-config';
import { AlreadyExistsError, ConflictError, ValidationError } from '../../shared/errors';
import type { IdSource } from '../../shared/ids';
import type {
  AvailabilityStore,
  ClaimStore,
  ConfigSource,
  FailureStore,
  LeadRef,
  LeadStore,
  LinkTokenRecord,
  OpenLeadRef,
  Page,
  PhoneClaim,
  PhoneMarker,
  QueueMessage,
  SessionRecord,
  SessionStore,
  SignInTokenRecord,
  TokenStore,
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

/** What DynamoDB keeps of a value (`removeUndefinedValues`): a deep copy without undefined fields. */
const storedCopy = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(storedCopy) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (field !== undefined) copy[name] = storedCopy(field);
  }
  return copy as T;
};

const DAY_MS = 86_400_000;
/** The longest range `listCreated` reads, as the DynamoDB store allows. */
const MAX_CREATED_RANGE_MS = 15 * DAY_MS;

const invalidCursor = (cause?: unknown): ValidationError =>
  new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor returned by this list' }], {
    cause,
  });

/** The fakes' cursor: the sort key of the last item handed out (`<dueAt>#<id>` for open leads). */
const encodeAfterCursor = (after: string): string =>
  Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

const decodeAfterCursor = (cursor: string): string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalidCursor(error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const entries = Object.entries(parsed);
  const after = (parsed as { after?: unknown }).after;
  if (entries.length !== 1 || typeof after !== 'string') throw invalidCursor();
  return after;
};

const leadRef = (lead: Lead): LeadRef => ({
  leadId: lead.id,
  status: lead.status,
  createdAt: lead.createdAt,
});

/** The `open` index entry of a lead that is not closed: what the DynamoDB store projects. */
const openLeadRef = (lead: Lead): OpenLeadRef =>
  storedCopy({
    leadId: lead.id,
    status: lead.status,
    assigneeId: assigneeOf(lead)?.id,
    assignedAt: lead.handoff?.createdAt,
    dueAt: leadDueAt(lead),
    handoffSeq: lead.handoff?.seq,
    handoffState: lead.handoff?.state,
    dispatch: lead.handoff?.dispatch,
    timerAt: leadTimerAt(lead),
  });

/**
 * `LeadStore` in memory, held to the same contract as the DynamoDB store (`test/contract/`): stored
 * leads are plain copies, writes are conditional, the open list is sparse, ordered by due time then id,
 * and paged with a cursor like DynamoDB's (a full page carries one, even when nothing follows).
 */
export class InMemoryLeadStore implements LeadStore {
  readonly leads = new Map<string, Lead>();
  /** Phone markers by phone, as stored (an expired one stays until overwritten, as before TTL deletes it). */
  readonly phoneMarkers = new Map<string, PhoneMarker>();

  async claimPhone(marker: PhoneMarker, now: Date): Promise<PhoneClaim> {
    const stored = this.phoneMarkers.get(marker.phone);
    if (stored && stored.expiresAt > now.toISOString()) return { claimed: false, holder: { ...stored } };
    this.phoneMarkers.set(marker.phone, { ...marker });
    return { claimed: true };
  }

  async takeOverPhone(marker: PhoneMarker, previous: PhoneMarker, now: Date): Promise<PhoneClaim> {
    const stored = this.phoneMarkers.get(marker.phone);
    if (stored?.leadId !== previous.leadId || stored.expiresAt !== previous.expiresAt) {
      return this.claimPhone(marker, now);
    }
    this.phoneMarkers.set(marker.phone, { ...marker });
    return { claimed: true };
  }

  async get(id: string): Promise<Lead | undefined> {
    const lead = this.leads.get(id);
    return lead ? storedCopy(lead) : undefined;
  }

  async create(lead: Lead): Promise<void> {
    if (this.leads.has(lead.id)) throw new AlreadyExistsError(`Lead ${lead.id} already exists`);
    this.leads.set(lead.id, storedCopy(lead));
  }

  async replace(lead: Lead, expectedVersion: number): Promise<void> {
    if (lead.version !== expectedVersion + 1) {
      throw new Error(
        `Lead ${lead.id}: the new state must carry version ${expectedVersion + 1}, not ${lead.version}`,
      );
    }
    if (this.leads.get(lead.id)?.version !== expectedVersion) {
      throw new ConflictError(`Lead ${lead.id} is no longer at version ${expectedVersion} (or is missing)`);
    }
    this.leads.set(lead.id, storedCopy(lead));
  }

  async findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]> {
    return [...this.leads.values()]
      .filter((lead) => lead.phone === phone && lead.createdAt >= sinceIso)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(leadRef);
  }

  async listOpen(
    options: { dueBefore?: string; limit?: number; cursor?: string } = {},
  ): Promise<Page<OpenLeadRef>> {
    const { dueBefore, limit, cursor } = options;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new ValidationError('Invalid limit', [{ path: 'limit', message: 'must be a positive integer' }]);
    }
    const after = cursor === undefined ? undefined : decodeAfterCursor(cursor);
    const entries = [...this.leads.values()]
      .filter((lead) => lead.status !== 'closed')
      .map((lead) => ({ key: `${leadDueAt(lead)}#${lead.id}`, lead }))
      .filter(
        ({ key }) => (dueBefore === undefined || key < dueBefore) && (after === undefined || key > after),
      )
      .sort((a, b) => a.key.localeCompare(b.key));
    const page = limit === undefined ? entries : entries.slice(0, limit);
    const last = page.at(-1);
    const full = limit !== undefined && page.length === limit;
    return {
      items: page.map(({ lead }) => openLeadRef(lead)),
      ...(full && last ? { cursor: encodeAfterCursor(last.key) } : {}),
    };
  }

  async listCreated(fromIso: string, toIso: string): Promise<LeadRef[]> {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    if (Number.isNaN(from) || Number.isNaN(to) || to < from || to - from > MAX_CREATED_RANGE_MS) {
      throw new ValidationError('Invalid range', [
        { path: 'range', message: `a valid range of at most ${MAX_CREATED_RANGE_MS / DAY_MS} days` },
      ]);
    }
    return [...this.leads.values()]
      .filter((lead) => lead.createdAt >= fromIso && lead.createdAt < toIso)
      .map((lead) => ({ key: `${lead.createdAt}#${lead.id}`, lead }))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ lead }) => leadRef(lead));
  }

  async getMany(ids: readonly string[]): Promise<Lead[]> {
    return [...new Set(ids)].flatMap((id) => {
      const lead = this.leads.get(id);
      return lead ? [storedCopy(lead)] : [];
    });
  }
}

/** `TokenStore` in memory: a put never overwrites (same contract as the DynamoDB store). */
export class InMemoryTokenStore implements TokenStore {
  readonly records = new Map<string, LinkTokenRecord>();

  async put(record: LinkTokenRecord): Promise<void> {
    if (this.records.has(record.tokenHash)) {
      throw new AlreadyExistsError(`A link token with this hash already exists (lead ${record.leadId})`);
    }
    this.records.set(record.tokenHash, storedCopy(record));
  }

  async get(tokenHash: string): Promise<LinkTokenRecord | undefined> {
    const record = this.records.get(tokenHash);
    return record ? storedCopy(record) : undefined;
  }
}

/** `AvailabilityStore` in memory: one entry per person, set and cleared alone; `reads` counts reads. */
export class InMemoryAvailability implements AvailabilityStore {
  readonly entries = new Map<string, AwayEntry>();
  reads = 0;

  async read(): Promise<Record<string, AwayEntry>> {
    this.reads += 1;
    return Object.fromEntries([...this.entries].map(([id, entry]) => [id, storedCopy(entry)]));
  }

  async setAway(personId: string, entry: AwayEntry): Promise<void> {
    this.entries.set(personId, storedCopy(entry));
  }

  async clearAway(personId: string): Promise<void> {
    this.entries.delete(personId);
  }
}

/** `ClaimStore` in memory: a claim is taken once until released (claims never expire here). */
export class InMemoryClaimStore implements ClaimStore {
  readonly claims = new Map<string, string>();

  async claim(key: string, now: Date): Promise<boolean> {
    if (this.claims.has(key)) return false;
    this.claims.set(key, now.toISOString());
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }
}

const MAX_FAILURE_PAGE = 100;

/**
 * `FailureStore` in memory, held to the DynamoDB store's contract: reports merge into one record per
 * failure id (reopening a resolved one), open records list most recently seen first (ties by id),
 * paged by a cursor that a full page always carries.
 */
export class InMemoryFailureStore implements FailureStore {
  readonly failures = new Map<string, FailedHandoff>();

  async record(report: FailureReport, now: Date): Promise<{ failure: FailedHandoff; created: boolean }> {
    const existing = this.failures.get(failureId(report));
    const failure = mergeFailure(existing, report, now);
    this.failures.set(failure.id, storedCopy(failure));
    return { failure: storedCopy(failure), created: existing?.status !== 'open' };
  }

  async get(id: string): Promise<FailedHandoff | undefined> {
    const failure = this.failures.get(id);
    return failure ? storedCopy(failure) : undefined;
  }

  async listOpen(options: { limit?: number; cursor?: string } = {}): Promise<Page<FailedHandoff>> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FAILURE_PAGE) {
      throw new ValidationError('Bad limit', [{ path: 'limit', message: 'a whole number from 1 to 100' }]);
    }
    const before = options.cursor === undefined ? undefined : decodeAfterCursor(options.cursor);
    const open = [...this.failures.values()]
      .filter((failure) => failure.status === 'open')
      .map((failure) => ({ key: `${failure.lastSeenAt}#${failure.id}`, failure }))
      .filter(({ key }) => before === undefined || key < before)
      .sort((a, b) => b.key.localeCompare(a.key));
    const page = open.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(({ failure }) => storedCopy(failure)),
      ...(page.length === limit && last ? { cursor: encodeAfterCursor(last.key) } : {}),
    };
  }

  async resolve(id: string, resolution: string, now: Date): Promise<boolean> {
    const failure = this.failures.get(id);
    if (failure?.status !== 'open') return false;
    this.failures.set(id, { ...failure, status: 'resolved', resolvedAt: now.toISOString(), resolution });
    return true;
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

/** `SessionStore` in memory: the same promises as the DynamoDB store (conditional puts, single use). */
export class InMemorySessionStore implements SessionStore {
  readonly signInTokens = new Map<string, SignInTokenRecord & { usedAt?: string }>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly counts = new Map<string, number>();

  async putSignInToken(record: SignInTokenRecord): Promise<void> {
    if (this.signInTokens.has(record.tokenHash))
      throw new AlreadyExistsError('A sign-in link with this hash exists');
    this.signInTokens.set(record.tokenHash, { ...record });
  }

  async peekSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined> {
    const stored = this.signInTokens.get(tokenHash);
    if (!stored || stored.usedAt !== undefined || Date.parse(stored.expiresAt) <= now.getTime())
      return undefined;
    const { usedAt: _, ...record } = stored;
    return record;
  }

  async consumeSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined> {
    const record = await this.peekSignInToken(tokenHash, now);
    if (record) this.signInTokens.set(tokenHash, { ...record, usedAt: now.toISOString() });
    return record;
  }

  async putSession(record: SessionRecord): Promise<void> {
    if (this.sessions.has(record.idHash)) throw new AlreadyExistsError('A session with this hash exists');
    this.sessions.set(record.idHash, { ...record });
  }

  async getSession(idHash: string, now: Date): Promise<SessionRecord | undefined> {
    const record = this.sessions.get(idHash);
    return record && Date.parse(record.expiresAt) > now.getTime() ? { ...record } : undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.sessions.delete(idHash);
  }

  async countRequest(key: string, now: Date, windowMinutes: number, limit: number): Promise<boolean> {
    const windowMs = windowMinutes * 60_000;
    const slot = `${key}|${Math.floor(now.getTime() / windowMs)}`;
    const count = this.counts.get(slot) ?? 0;
    if (count >= limit) return false;
    this.counts.set(slot, count + 1);
    return true;
  }
}
