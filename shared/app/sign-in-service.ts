/**
 * Signing in to the board (docs/product-rules.md §8, §10): people, not keys. A typed phone or email that names a roster
 * person queues a one-time link to that person's own phone or email (the notifier issues and sends it);
 * the answer is the same whether or not anyone matched. Using the link (a POST, never the GET a link
 * preview makes) creates a session: an item with an expiry, deleted on sign-out.
 */
import type { Person } from '../domain/config';
import { contactKey, personByContact } from '../domain/sign-in-contact';
import { hashToken, isWellFormedToken, newLinkToken } from '../link-tokens';
import { logger } from '../observability';
import type { Clock, ConfigSource, SessionRecord, SessionStore, WorkQueue } from '../ports';
import { BOARD, NOTIFY_QUEUES } from '../settings';

export interface SignInDeps {
  sessions: SessionStore;
  config: ConfigSource;
  clock: Clock;
  queue: WorkQueue;
}

/** A signed-in person: their session and their roster entry as it is now. */
export interface SignedIn {
  session: SessionRecord;
  person: Person;
}

/** A new session: the cookie's value (the secret) and when it ends. */
export interface NewSession {
  cookieValue: string;
  expiresAt: Date;
}

export class SignInService {
  constructor(private readonly deps: SignInDeps) {}

  /**
   * Queues a sign-in link to the person `contact` names, within the rate limits (per typed address and
   * per person). Says nothing about whether anyone matched: the caller shows the same page either way.
   */
  async requestLink(contact: string): Promise<void> {
    const { sessions, clock, queue } = this.deps;
    const config = await this.deps.config.load();
    const now = clock.now();
    const { signInWindowMinutes: window, signInRequestsPerWindow: limit } = BOARD;
    const addressOk = await sessions.countRequest(
      `address:${contactKey(config, contact)}`,
      now,
      window,
      limit,
    );
    const match = personByContact(config, contact);
    if (!match) {
      logger.info('Sign-in link requested for no roster person');
      return;
    }
    const personOk = await sessions.countRequest(`person:${match.person.id}`, now, window, limit);
    if (!addressOk || !personOk) {
      logger.warn('Sign-in link request over the rate limit; nothing sent');
      return;
    }
    // A fresh id per request: the notifier sends each request's link once, however often SQS delivers it.
    await queue.send(NOTIFY_QUEUES.urgent, [
      { type: 'sign_in', recipientId: match.person.id, channel: match.channel, requestId: newLinkToken() },
    ]);
    logger.info('Sign-in link queued', { channel: match.channel });
  }

  /** True if the link can still sign someone in (GET: reads only). */
  async linkWorks(token: string): Promise<boolean> {
    if (!isWellFormedToken(token)) return false;
    return (await this.deps.sessions.peekSignInToken(hashToken(token), this.deps.clock.now())) !== undefined;
  }

  /** Uses the link up and starts a session; undefined when the link is unknown, used or expired. */
  async signIn(token: string): Promise<NewSession | undefined> {
    if (!isWellFormedToken(token)) return undefined;
    const { sessions, clock } = this.deps;
    const now = clock.now();
    const record = await sessions.consumeSignInToken(hashToken(token), now);
    if (!record) return undefined;
    const config = await this.deps.config.load();
    if (!config.roster.people.some((p) => p.id === record.personId && p.active)) return undefined;
    const cookieValue = newLinkToken();
    const expiresAt = new Date(now.getTime() + BOARD.sessionHours * 3_600_000);
    await sessions.putSession({
      idHash: hashToken(cookieValue),
      personId: record.personId,
      csrfToken: newLinkToken(),
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    logger.info('Signed in to the board');
    return { cookieValue, expiresAt };
  }

  /** The person a session cookie belongs to, while the session lasts and they are on the roster. */
  async current(cookieValue: string | undefined): Promise<SignedIn | undefined> {
    if (!cookieValue || !isWellFormedToken(cookieValue)) return undefined;
    const session = await this.deps.sessions.getSession(hashToken(cookieValue), this.deps.clock.now());
    if (!session) return undefined;
    const config = await this.deps.config.load();
    const person = config.roster.people.find((p) => p.id === session.personId && p.active);
    return person ? { session, person } : undefined;
  }

  /** Ends the session (its item is deleted: the cookie stops working at once). */
  async signOut(session: SessionRecord): Promise<void> {
    await this.deps.sessions.deleteSession(session.idHash);
    logger.info('Signed out of the board');
  }
}
