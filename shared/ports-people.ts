/**
 * Ports of the board's sign-in and sessions, of who is away, and of the lead source webhooks
 * (interfaces only).
 */
import type { AwayEntry } from './domain/config';

/** A board sign-in link's record, stored under the SHA-256 of its token, never the token. */
export interface SignInTokenRecord {
  tokenHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
}

/** A board session, stored under the SHA-256 of the cookie's value, never the value. */
export interface SessionRecord {
  idHash: string;
  personId: string;
  /** Random; every state-changing board form carries it. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Board sign-in and sessions (docs/product-rules.md §10): one-time sign-in links, revocable sessions with an expiry,
 * and the counters that rate-limit link requests. All single-item conditional writes; no Scan.
 */
export interface SessionStore {
  /** Stores a new sign-in link; `AlreadyExistsError` if the hash is taken. */
  putSignInToken(record: SignInTokenRecord): Promise<void>;
  /** The link's record if it is unused and unexpired at `now` (reads only). */
  peekSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined>;
  /** Uses the link up: its record if this call was the first use before expiry, else undefined. */
  consumeSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined>;
  /** Stores a new session; `AlreadyExistsError` if the hash is taken. */
  putSession(record: SessionRecord): Promise<void>;
  /** The session if it exists and has not ended at `now`. */
  getSession(idHash: string, now: Date): Promise<SessionRecord | undefined>;
  /** Ends the session (no-op when already gone). */
  deleteSession(idHash: string): Promise<void>;
  /**
   * Counts one request under `key` in the fixed window containing `now`; true if it is within
   * `limit` for that window (the count stops at the limit).
   */
  countRequest(key: string, now: Date, windowMinutes: number, limit: number): Promise<boolean>;
}

/**
 * Who is away (docs/product-rules.md §12): one small record for the whole roster, read at once with
 * every config load, and each person set or cleared alone (no read-modify-write, no Scan).
 */
export interface AvailabilityStore {
  /** Every away entry, by roster id (ended ones may remain: readers compare `until` with now). */
  read(): Promise<Record<string, AwayEntry>>;
  /** Sets or replaces one person's away. */
  setAway(personId: string, entry: AwayEntry): Promise<void>;
  /** Ends one person's away now (no-op when they have none). */
  clearAway(personId: string): Promise<void>;
}

/** Each lead source connector's credentials (docs/connectors.md): a Secrets Manager secret on AWS, a file locally. */
export interface ConnectorSecrets {
  /** The credentials of connector `name` as stored (validated by the connector), or undefined when none. */
  get(name: string): Promise<unknown>;
}

/** A webhook payload no connector could read, kept whole for a person (docs/product-rules.md §11). */
export interface UnmappedHook {
  /** Deterministic from the connector and the source's id (or the body's hash): a retry is the same entry. */
  id: string;
  connector: string;
  receivedAt: string;
  reason: string;
  contentType: string;
  /** The body as received (bounded by the API's body limit). */
  body: string;
}

/** Where unreadable webhook payloads are kept (never lost, never routed). */
export interface HookInbox {
  /** Stores the payload; true if it was new (false for a retry of the same one). */
  keep(hook: UnmappedHook): Promise<boolean>;
  get(id: string): Promise<UnmappedHook | undefined>;
}
