/**
 * The notifier's part of board sign-in: issues the one-time link (a fresh token, only its hash stored)
 * and sends it to the person's own phone or email through the same senders as every message. The link
 * is issued here, not by the board function, so the secret never sits in a queue.
 */
import { personById } from '../domain/roster';
import { hashToken, newLinkToken } from '../link-tokens';
import { logger } from '../observability';
import type { Clock, ConfigSource, EmailSender, SessionStore, SignInMessage, SmsSender } from '../ports';
import { BOARD } from '../settings';

export interface SignInSenderDeps {
  sessions: SessionStore;
  config: ConfigSource;
  clock: Clock;
  sms: SmsSender;
  email: EmailSender;
  /** Base URL of the public API (links are `<base>/s/<token>`). */
  publicBaseUrl: string;
}

export class SignInSender {
  constructor(private readonly deps: SignInSenderDeps) {}

  /** Sends the link; 'skipped' when the person left the roster or has no address on that channel. */
  async send(message: SignInMessage): Promise<'sent' | 'skipped'> {
    const { sessions, clock } = this.deps;
    const config = await this.deps.config.load();
    const person = personById(config, message.recipientId);
    const address = message.channel === 'sms' ? person?.phone : person?.email;
    if (!person?.active || !address) {
      logger.warn('Sign-in link not sent: no such person or address', { channel: message.channel });
      return 'skipped';
    }
    const now = clock.now();
    const token = newLinkToken();
    await sessions.putSignInToken({
      tokenHash: hashToken(token),
      personId: person.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + BOARD.signInLinkMinutes * 60_000).toISOString(),
    });
    const url = `${this.deps.publicBaseUrl}/s/${token}`;
    const business = config.business.name;
    const minutes = BOARD.signInLinkMinutes;
    if (message.channel === 'sms') {
      await this.deps.sms.send({
        to: address,
        recipientId: person.id,
        body: `${business}: your sign-in link (${minutes} min): ${url}`,
        lane: 'urgent',
      });
    } else {
      await this.deps.email.send({
        recipientId: person.id,
        to: address,
        subject: `${business}: your sign-in link`,
        body: `Open this link within ${minutes} minutes to sign in to the board:\n\n${url}\n\nIt works once. If you did not ask for it, ignore this message.`,
      });
    }
    logger.info('Sign-in link sent', { channel: message.channel });
    return 'sent';
  }
}
