/**
 * Ports: what the application needs from the outside world. `shared/aws/` implements them over the
 * AWS SDK, `local/` over embedded engines, and unit tests with small in-memory fakes.
 */
import type { AppConfig } from './domain/config';
import type { FailedHandoff, FailureReport } from './domain/failures';
import type { Lane } from './domain/lanes';
import type { Channel, FollowUpRef, Lead, LeadStatus, NotificationPurpose, Source } from './domain/lead';
import type { TimerPayload } from './domain/timer-payloads';
import type { SmsFailoverMessage } from './ports-sms';
import type { FailureQueueName, QueueName } from './settings';

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
  /** When the lead's next follow-up or idle next-action timer should fire (accepted leads; `leadTimerAt`). */
  timerAt?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to continue. Undefined on the last page. */
  cursor?: string;
}

/**
 * A phone's marker (docs/product-rules.md §2): the lead a customer's phone attaches to during the
 * repeat-contact window. One per phone, written only by conditional writes and read strongly
 * consistent, so submissions racing from one phone agree on one lead.
 */
export interface PhoneMarker {
  /** E.164. */
  phone: string;
  leadId: string;
  /** The end of the repeat-contact window: from then on the marker no longer counts, deleted or not. */
  expiresAt: string;
}

/** A marker write's outcome: this call's marker holds, or `holder` does (a marker that counts now). */
export type PhoneClaim = { claimed: true } | { claimed: false; holder: PhoneMarker };

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
  /** Writes `marker` unless its phone's stored marker still counts at `now`; then returns that one. */
  claimPhone(marker: PhoneMarker, now: Date): Promise<PhoneClaim>;
  /**
   * Replaces `previous` (a marker whose lead is closed or missing) with `marker`, only if the stored
   * marker is still exactly `previous`; else as `claimPhone` (returns whichever marker counts now).
   */
  takeOverPhone(marker: PhoneMarker, previous: PhoneMarker, now: Date): Promise<PhoneClaim>;
  /** Leads with this E.164 phone created at or after `sinceIso`, newest first. */
  findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]>;
  /** Open leads (not closed) in deadline order; with `dueBefore`, only those due strictly before it. */
  listOpen(options?: { dueBefore?: string; limit?: number; cursor?: string }): Promise<Page<OpenLeadRef>>;
  /** Leads created in `[fromIso, toIso)` (index `byDay`, one query per UTC day; at most 15 days). */
  listCreated(fromIso: string, toIso: string): Promise<LeadRef[]>;
  /** Strongly consistent batch read; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<Lead[]>;
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

/** One-shot timers (EventBridge Scheduler `at(...)` schedules on AWS). */
export interface TimerService {
  /** Creates the timer; an existing timer of that name counts as created (idempotent). */
  schedule(timer: { name: string; at: Date; payload: TimerPayload }): Promise<void>;
  /** Deletes the timer; one already gone counts as deleted (idempotent). */
  cancel(name: string): Promise<void>;
}

/** Dispatch a handoff: create its timer and queue its notifications. */
export interface DispatchMessage {
  type: 'dispatch';
  leadId: string;
  seq: number;
  /** Set when ops retries a failed dispatch: success closes that failed-handoff record. */
  retryOf?: string;
}

/** Send one notification of a handoff step to one person on one channel. */
export interface NotifyMessage {
  type: 'notify';
  leadId: string;
  seq: number;
  recipientId: string;
  channel: Channel;
  purpose: NotificationPurpose;
  /** Which follow-up a `follow_up` / `follow_up_missed` message is about. */
  followUp?: FollowUpRef;
  /** Which idle check (its round) an `idle_reminder` / `idle_escalation` message is about. */
  idleRound?: number;
  /** Set when ops retries a failed notification: a failed claim may be taken again, and success closes it. */
  retryOf?: string;
}

/** Send a board sign-in link to one roster person on one channel (the notifier issues the link). */
export interface SignInMessage {
  type: 'sign_in';
  recipientId: string;
  channel: Channel;
  /** One per request for a link: a redelivered message with the same id sends nothing more. */
  requestId?: string;
}

export type QueueMessage = DispatchMessage | NotifyMessage | SignInMessage | SmsFailoverMessage;

export interface WorkQueue {
  /** Sends every message or throws (partial batch failures are retried inside, then reported). */
  send(queue: QueueName, messages: readonly QueueMessage[]): Promise<void>;
}

export interface SmsMessage {
  /** E.164. */
  to: string;
  /** The roster id of the person (for the local outbox and logs; never sent). */
  recipientId?: string;
  /** Which lead and step it is about (for the local outbox and logs; never sent). */
  ref?: MessageRef;
  body: string;
  lane: Lane;
}

/** What a message is about: lead, handoff step and purpose. */
export interface MessageRef {
  leadId: string;
  seq: number;
  purpose: NotificationPurpose;
}

export interface EmailMessage {
  recipientId: string;
  ref?: MessageRef;
  to: string;
  subject: string;
  body: string;
}

export interface SmsSender {
  /** Throws `DeliveryError` (permanent: opted out, invalid number; transient: throttled, unavailable). */
  send(sms: SmsMessage): Promise<{ messageId: string }>;
}

export interface EmailSender {
  send(email: EmailMessage): Promise<{ messageId: string }>;
}

/** What a handoff link's token stands for; stored under the SHA-256 of the token, never the token. */
export interface LinkTokenRecord {
  tokenHash: string;
  leadId: string;
  seq: number;
  recipientId: string;
  createdAt: string;
  expiresAt: string;
  /** `review`: a read-only lead card for the operations lead (not the handoff's recipient). */
  purpose?: 'review';
}

export interface TokenStore {
  put(record: LinkTokenRecord): Promise<void>;
  get(tokenHash: string): Promise<LinkTokenRecord | undefined>;
}

/**
 * Paces standard-lane SMS below the origination number's rate, so urgent messages always find a free
 * send slot instead of queueing behind a standard backlog at the carrier.
 */
export interface SendPacer {
  /** True if a standard-lane SMS may be sent now (and takes that slot). */
  tryAcquire(now: Date): Promise<boolean>;
  /**
   * Reserves the next free send slot (now, or the earliest one after the slots already taken) if it is
   * at most `maxWaitMs` away, and returns its time; undefined when every slot that soon is taken.
   */
  reserve(now: Date, maxWaitMs: number): Promise<Date | undefined>;
}

/** Business metrics (CloudWatch EMF through Powertools on AWS). */
export interface MetricSink {
  count(name: string, value?: number, dimensions?: Record<string, string>): void;
  /** A duration in seconds. */
  seconds(name: string, value: number, dimensions?: Record<string, string>): void;
}

/** Failed-handoff records (one per lead, step and kind; see `shared/domain/failures.ts`). */
export interface FailureStore {
  /** Merges the report into its record (creating or reopening it); returns the record and whether it is new. */
  record(report: FailureReport, now: Date): Promise<{ failure: FailedHandoff; created: boolean }>;
  get(id: string): Promise<FailedHandoff | undefined>;
  /** Open records, most recently seen first. */
  listOpen(options?: { limit?: number; cursor?: string }): Promise<Page<FailedHandoff>>;
  /** Closes the record (no-op when missing or already resolved); true if this call closed it. */
  resolve(id: string, resolution: string, now: Date): Promise<boolean>;
}

export interface DeadLetterMessage {
  id: string;
  body: string;
  /** SQS message attributes as strings (Scheduler's DLQ puts ERROR_CODE / ERROR_MESSAGE there). */
  attributes: Record<string, string>;
}

/** Reads and removes messages of the failure queues (the reconciler turns them into records). */
export interface DeadLetterReader {
  receive(queue: FailureQueueName, max: number): Promise<DeadLetterMessage[]>;
  delete(queue: FailureQueueName, id: string): Promise<void>;
}

/** Moves every message of a queue's dead-letter queue back to the queue (SQS `StartMessageMoveTask`). */
export interface Redriver {
  redrive(queue: QueueName): Promise<{ started: boolean; detail: string }>;
}

/** Replaces the business settings and roster (validated first: a bad config is never stored). */
export interface ConfigWriter {
  put(business: unknown, roster: unknown): Promise<AppConfig>;
}

/** One-time claims ("the digest of this day was sent"), so a retried or doubled schedule acts once. */
export interface ClaimStore {
  /** True if this call took the claim; false if it was already taken. */
  claim(key: string, now: Date, keepDays: number): Promise<boolean>;
  /** Gives the claim back (the work it guarded failed and may be tried again). */
  release(key: string): Promise<void>;
}

/**
 * Limits on SMS to customers (docs/product-rules.md §10), strongly consistent: conditional writes on
 * items with a TTL, so parallel sends cannot both pass. Numbers are stored hashed, never as they are.
 */
export interface CustomerSmsLimits {
  /**
   * Claims the acknowledgement of `phone` for `leadId` for `hours`. True if taken now, or already held by
   * the same lead (its retry); false while another lead's claim lasts.
   */
  claimAcknowledgement(phone: string, leadId: string, now: Date, hours: number): Promise<boolean>;
  /** Gives the claim back if `leadId` still holds it (nothing was sent). */
  releaseAcknowledgement(phone: string, leadId: string): Promise<void>;
  /** Counts one customer SMS on local day `day`; false (nothing counted) once `limit` is reached. */
  countDaily(day: string, now: Date, limit: number): Promise<boolean>;
  /** Takes one count back (the SMS was not sent after all). */
  uncountDaily(day: string): Promise<void>;
}

// The board's sign-in, the lead sources' and two-way SMS ports, in their own files to keep this one readable.
export type * from './ports-people';
export type * from './ports-sms';
