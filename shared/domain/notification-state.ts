/**
 * Who is told what, and what became of each message: channels, purposes, and the per-message delivery
 * state a lead keeps so that nothing is sent twice for the same step.
 */
import type { FollowUpRef } from './contact-log';

/** Channels a person can be reached on. */
export type Channel = 'sms' | 'email';

/**
 * Why a message is sent: `handoff` asks the recipient to accept (it carries a link); `moved` tells a
 * previous recipient/owner the lead went to someone else; `acknowledgement` is the customer's first
 * response; `follow_up` reminds the owner of a follow-up (with the lead card link);
 * `follow_up_missed` tells the operations lead a follow-up was not logged in time; `taken` tells the
 * others messaged for an open chain that someone accepted it (`taken-by.ts`); `idle_reminder` reminds
 * the owner of a next action past due and `idle_escalation` tells the operations lead it is still idle
 * after the grace period (`idle-next-action.ts`).
 */
export const NOTIFICATION_PURPOSES = [
  'handoff',
  'moved',
  'acknowledgement',
  'follow_up',
  'follow_up_missed',
  'taken',
  'idle_reminder',
  'idle_escalation',
] as const;
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

/** The recipient id of messages to the customer (the lead's own phone), never a roster id. */
export const CUSTOMER_RECIPIENT = 'customer';

/** One notification's delivery state, keyed by `notificationKey` on the lead (the dedupe record). */
export interface NotificationState {
  state: 'sending' | 'sent' | 'failed';
  /** When the state was last set. */
  at: string;
  attempts: number;
  /** Set while `sending`: another attempt may take over after this instant (crashed sender). */
  leaseUntil?: string;
  /** Why it failed (`opted_out`, `invalid_number`, `throttled`...). */
  reason?: string;
  messageId?: string;
}

/**
 * The dedupe key of one message: a handoff step, a recipient, a channel, a purpose and, for follow-up
 * messages, which follow-up (`f<sequence>-<n>`), for idle next-action messages which idle check
 * (`i<round>`).
 */
export const notificationKey = (
  seq: number,
  recipientId: string,
  channel: Channel,
  purpose: NotificationPurpose,
  followUp?: FollowUpRef,
  idleRound?: number,
) =>
  `${seq}.${recipientId}.${channel}.${purpose}${followUp ? `.f${followUp.sequence}-${followUp.n}` : ''}${
    idleRound !== undefined ? `.i${idleRound}` : ''
  }`;

/** What a `notificationKey` names, read back; undefined for a string that is not one. */
export const notificationOfKey = (
  key: string,
):
  | {
      seq: number;
      recipientId: string;
      channel: Channel;
      purpose: NotificationPurpose;
      followUp?: FollowUpRef;
      idleRound?: number;
    }
  | undefined => {
  const match = /^(\d+)\.([^.]+)\.(sms|email)\.([a-z_]+)(?:\.f(\d+)-(\d+))?(?:\.i(\d+))?$/.exec(key);
  const [, seq, recipientId, channel, purpose, sequence, n, round] = match ?? [];
  if (!seq || !recipientId || (channel !== 'sms' && channel !== 'email')) return undefined;
  if (!(NOTIFICATION_PURPOSES as readonly string[]).includes(purpose ?? '')) return undefined;
  return {
    seq: Number(seq),
    recipientId,
    channel,
    purpose: purpose as NotificationPurpose,
    ...(sequence && n ? { followUp: { sequence: Number(sequence), n: Number(n) } } : {}),
    ...(round ? { idleRound: Number(round) } : {}),
  };
};
