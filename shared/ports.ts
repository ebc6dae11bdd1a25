/**
 * Ports: what the application needs from the outside world. `shared/aws/` implements them over the
 * AWS SDK, `local/` over embedded engines, and unit tests with small in-memory fakes.
 */
import type { AppConfig } from './domain/config';
import type { Lead, LeadStatus, Source } from './domain/lead';

export interface Clock {
  now(): Date;
}

/** A lead found by phone (GSI `byPhone`). */
export interface LeadRef {
  leadId: string;
  status: LeadStatus;
  createdAt: string;
}

/** An open lead as the `open` index shows it: enough for capacity, round-robin, reviews and repairs. */
export interface OpenLeadRef {
  leadId: string;
  status: LeadStatus;
  /** The person the lead waits on (handoff recipient or accepted owner). */
  assigneeId?: string;
  /** When the current handoff was created. */
  assignedAt?: string;
  /** The next deadline: acceptance deadline while awaiting acceptance, else next action / follow-up due. */
  dueAt?: string;
  handoffSeq?: number;
  handoffState?: string;
  dispatch?: 'pending' | 'done';
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to continue. Undefined on the last page. */
  cursor?: string;
}

/** The lead store: one item per lead carrying its current handoff and timeline; single-item conditional writes. */
export interface LeadStore {
  /** Strongly consistent read. */
  get(id: string): Promise<Lead | undefined>;
  /** Writes a new lead; `AlreadyExistsError` if the id is taken (idempotent creates use deterministic ids). */
  create(lead: Lead): Promise<void>;
  /**
   * Replaces the lead if the stored version is still `expectedVersion`; `ConflictError` otherwise.
   * The caller passes the new state with `version = expectedVersion + 1`.
   */
  replace(lead: Lead, expectedVersion: number): Promise<void>;
  /** Leads with this E.164 phone created at or after `sinceIso`, newest first. */
  findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]>;
  /** Open leads (not closed) in deadline order; with `dueBefore`, only those due strictly before it. */
  listOpen(options?: { dueBefore?: string; limit?: number; cursor?: string }): Promise<Page<OpenLeadRef>>;
}

export interface ConfigSource {
  /** The current business settings and roster (validated). May be cached by the adapter. */
  load(): Promise<AppConfig>;
}

/** Who an API key belongs to. */
export interface ApiClient {
  keyId: string;
  scope: 'intake' | 'ops';
  /** The source an intake key posts as. */
  source?: Source;
}

export interface ApiKeyDirectory {
  lookup(apiKey: string): Promise<ApiClient | undefined>;
}
