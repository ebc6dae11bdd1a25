/** Ports of two-way SMS (docs/product-rules.md §12): opt-outs and inbound texts from unknown numbers. */

/** An SMS someone sent to the origination number, as AWS End User Messaging reports it. */
export interface InboundSms {
  /** The sender's number (E.164): `originationNumber`. */
  from: string;
  /** Our origination number it was sent to: `destinationNumber`. */
  to: string;
  body: string;
  /** `inboundMessageId`: unique per inbound message. */
  messageId: string;
  /** The id of the message of ours it answers, when AWS knows it (`previousPublishedMessageId`). */
  inReplyTo?: string;
}

/** An inbound SMS from a number not on the roster, as kept for ops. */
export interface UnknownSms {
  from: string;
  to: string;
  body: string;
  /** When it arrived (ISO). */
  receivedAt: string;
}

/**
 * Who said STOP, and what unknown numbers sent us. Numbers are keyed by their SHA-256; single-item
 * conditional writes, strongly consistent reads.
 */
export interface SmsContacts {
  /** True while the number is opted out of our SMS (it said STOP and not START since). */
  isOptedOut(phone: string): Promise<boolean>;
  /** Records STOP (`true`) or START (`false`) for the number. */
  setOptedOut(phone: string, optedOut: boolean, now: Date): Promise<void>;
  /** Keeps an inbound SMS from a number not on the roster for ops (kept `keepDays`, then TTL removes it). */
  recordUnknown(sms: InboundSms, now: Date, keepDays: number): Promise<void>;
  /** The kept texts from unknown numbers, newest first (a Query on their partition), a page at a time. */
  listUnknown(options?: {
    limit?: number;
    cursor?: string;
  }): Promise<{ items: UnknownSms[]; cursor?: string }>;
  /** True once per number and local `day` (`YYYY-MM-DD`): whether an unknown sender may be answered now. */
  claimUnknownAnswer(phone: string, day: string, now: Date): Promise<boolean>;
}

/**
 * A delivery report of one of our SMS, as AWS End User Messaging SMS publishes it to the configuration
 * set's event destination ("Example SMS event data", End User Messaging SMS user guide).
 */
export interface SmsDeliveryEvent {
  /** `TEXT_CARRIER_UNREACHABLE`, `TEXT_DELIVERED`... */
  eventType: string;
  /** `messageStatus`: the event type without `TEXT_` (or `OPTED_OUT`...). */
  status?: string;
  /** The id `SendTextMessage` answered with. */
  messageId: string;
  /** When AWS reported it (`eventTimestamp`, ms since the epoch). */
  at: Date;
  /** The `Context` the SMS was sent with: the lead, step, purpose and person (`smsContextOf`). */
  context?: Readonly<Record<string, string>>;
}

/**
 * A handoff request's SMS did not reach its recipient: fall over at once (`HandoffFailover`, run by the
 * dispatcher, which starts handoff steps). Queued on `dispatch` by the notifier and the delivery reports.
 */
export interface SmsFailoverMessage {
  type: 'sms_failover';
  leadId: string;
  seq: number;
  recipientId: string;
  /** The failure in words ("the carrier could not reach the phone"). */
  why: string;
}
