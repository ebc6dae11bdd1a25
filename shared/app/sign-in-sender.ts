/**
 * The notifier's part of board sign-in: issues the one-time link (a fresh token, only its hash stored)
 * and sends it to the person's own phone or email through the same senders as every message. The link
 * is issued here, not by the board function, so the secret never sits in a queue. Each request is sent
 * once: its `requestId` is claimed before sending (released if the send fails, so the retry sends it),
 * so a message SQS delivers again sends no second SMS or email.
 */
import { personById } from '../domain/roster';
import { hashToken, newLinkToken } from '../link-tokens';
import { logger } from '../observability';
import type {
  ClaimStore,
  Clock,
  ConfigSource,
  EmailSender,
  SessionStore,
  SignInMessage,
  SmsSender,
} from '../ports';
import { BOARD } from '../settings';

/** How long a sign-in request's claim is kept: far beyond SQS's redeliveries of one message. */
export const SIGN_IN_CLAIM_DAYS = 1;

export interface SignInSenderDeps {
  sessions: SessionStore;
  /** Each request's claim, so it is sent once. */
  claims: ClaimStore;
  config: ConfigSource;
  clock: Clock;
  sms: SmsSender;
  email: EmailSender;
  /** Base URL of the public API (links are `<base>/s/<token>`). */
  publicBaseUrl: string;
}

export class SignInSender {
  constructor(private readonly deps: SignInSenderDeps) {}

  /**
   * Sends the link; 'skipped' when the person left the roster or has no address on that channel, or this
   * request was already sent (a redelivered message).
   */
  async send(message: SignInMessage): Promise<'sent' | 'skipped'> {
    const config = await this.deps.config.load();
    const person = personById(config, message.recipientId);
    const address = message.channel === 'sms' ? person?.phone : person?.email;
    if (!person?.active || !address) {
      logger.warn('Sign-in link not sent: no such person or address', { channel: message.channel });
      return 'skipped';
    }
    const claim = message.requestId === undefined ? undefined : `sign-in.${message.requestId}`;
    if (claim && !(await this.deps.claims.claim(claim, this.deps.clock.now(), SIGN_IN_CLAIM_DAYS))) {
      logger.info('Sign-in link already sent for this request', { channel: message.channel });
      return 'skipped';
    }
    try {
      await this.issueAndSend(message, person.id, address, config.business.name);
    } catch (error) {
      if (claim) await this.deps.claims.release(claim);
      throw error;
    }
    logger.info('Sign-in link sent', { channel: message.channel });
    return 'sent';
  }

  private async issueAndSend(
    message: SignInMessage,
    personId: string,
    address: string,
    business: string,
  ): Promise<void> {
    const { sessions, clock } = this.deps;
    const now = clock.now();
    const token = newLinkToken();
    await sessions.putSignInToken({
      tokenHash: hashToken(token),
      personId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + BOARD.signInLinkMinutes * 60_000).toISOString(),
    });
    const url = `${this.deps.publicBaseUrl}/s/${token}`;
    const minutes = BOARD.signInLinkMinutes;
    if (message.channel === 'sms') {
      await this.deps.sms.send({
        to: address,
        recipientId: personId,
        body: `${business}: your sign-in link (${minutes} min): ${url}`,
        lane: 'urgent',
      });
    } else {
      await this.deps.email.send({
        recipientId: personId,
        to: address,
        subject: `${business}: your sign-in link`,
        body: `Open this link within ${minutes} minutes to sign in to the board:\n\n${url}\n\nIt works once. If you did not ask for it, ignore this message.`,
      });
    }
  }
}
