/**
 * SMS and email, locally: messages land in an outbox instead of AWS. The SMS sender emulates what
 * matters about a real origination number: it delivers at most `perSecond` messages a second (later
 * ones wait for their slot, as the carrier queues them), refuses opted-out numbers permanently, and
 * can be told to answer "throttled" like AWS does under load. Each message's id is what the send was
 * answered with (AWS's message id): a delivery report names it (`POST /_local/sms/delivery`).
 */
import { randomUUID } from 'node:crypto';
import type { Lane } from '../shared/domain/lanes';
import { DeliveryError } from '../shared/errors';
import type { Clock, EmailMessage, EmailSender, MessageRef, SmsMessage, SmsSender } from '../shared/ports';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  recipientId: string;
  subject?: string;
  body: string;
  link?: string;
  /** When it reached the phone or mailbox (an SMS may wait for its origination slot). */
  sentAt: string;
  /** When the sender handed it over. */
  acceptedAt: string;
  lane?: Lane;
  /** The lead, step and purpose it was about (from the sender's metadata; never part of the message). */
  ref?: MessageRef;
}

const LINK = /https?:\/\/\S+\/h\/[A-Za-z0-9_-]+/;

export class LocalOutbox {
  readonly messages: OutboxMessage[] = [];
  /** Called after every change: the runner's data dir saves the outbox then. */
  onChange: (() => void) | undefined;

  add(message: Omit<OutboxMessage, 'id' | 'link'>): OutboxMessage {
    const link = LINK.exec(message.body)?.[0];
    const stored: OutboxMessage = { id: randomUUID(), ...message, ...(link ? { link } : {}) };
    this.messages.push(stored);
    this.onChange?.();
    return stored;
  }

  /** Puts back messages saved earlier, in the order sent. */
  restore(messages: readonly OutboxMessage[]): void {
    this.messages.splice(0, this.messages.length, ...messages.map((m) => ({ ...m })));
  }

  /** Newest last; optionally one person's. */
  list(recipientId?: string): OutboxMessage[] {
    return this.messages.filter((m) => recipientId === undefined || m.recipientId === recipientId);
  }

  clear(): void {
    this.messages.length = 0;
    this.onChange?.();
  }
}

export class LocalSmsSender implements SmsSender {
  readonly optedOut = new Set<string>();
  readonly invalid = new Set<string>();
  private throttles = 0;
  private nextSlot = 0;

  constructor(
    private readonly outbox: LocalOutbox,
    private readonly clock: Clock,
    private readonly perSecond: () => number,
  ) {}

  /** The next `count` sends answer "throttled" (a transient failure), as SNS does under load. */
  throttleNext(count: number): void {
    this.throttles = count;
  }

  async send(sms: SmsMessage): Promise<{ messageId: string }> {
    if (this.throttles > 0) {
      this.throttles -= 1;
      throw new DeliveryError('Rate exceeded', 'throttled', false);
    }
    if (this.optedOut.has(sms.to)) throw new DeliveryError('Phone number is opted out', 'opted_out', true);
    if (this.invalid.has(sms.to)) throw new DeliveryError('Invalid phone number', 'invalid_number', true);
    const now = this.clock.now().getTime();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond();
    const message = this.outbox.add({
      channel: 'sms',
      to: sms.to,
      recipientId: sms.recipientId ?? 'unknown',
      body: sms.body,
      lane: sms.lane,
      ...(sms.ref ? { ref: sms.ref } : {}),
      acceptedAt: new Date(now).toISOString(),
      sentAt: new Date(slot).toISOString(),
    });
    return { messageId: message.id };
  }
}

export class LocalEmailSender implements EmailSender {
  constructor(
    private readonly outbox: LocalOutbox,
    private readonly clock: Clock,
  ) {}

  async send(email: EmailMessage): Promise<{ messageId: string }> {
    const at = this.clock.now().toISOString();
    const message = this.outbox.add({
      channel: 'email',
      to: email.to,
      recipientId: email.recipientId,
      subject: email.subject,
      body: email.body,
      ...(email.ref ? { ref: email.ref } : {}),
      acceptedAt: at,
      sentAt: at,
    });
    return { messageId: message.id };
  }
}
