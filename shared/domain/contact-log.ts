/**
 * What is logged after acceptance: contacts with the customer (when, who, what, who waits on whom) and
 * the follow-ups scheduled after an estimate or a No Decision.
 */
import type { PersonRef } from './lead-details';

/** How a contact with the customer happened. */
export const CONTACT_CHANNELS = ['call', 'sms', 'email', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** After a contact, who waits on whom: `us` — the customer waits on the business. */
export const WAITING_ON = ['us', 'customer'] as const;
export type WaitingOn = (typeof WAITING_ON)[number];

/** The last contact: when, who, what was said or sent, and who is waiting on whom. */
export interface ContactLog {
  /** When the contact happened (may be earlier than when it was logged). */
  at: string;
  /** Who contacted the customer. */
  by: PersonRef;
  channel: ContactChannel;
  /** What was said or sent, in the owner's words. */
  summary: string;
  waitingOn: WaitingOn;
  loggedAt: string;
}

/** Which follow-up: its sequence (one per Estimate Sent / No Decision) and its 1-based number in it. */
export interface FollowUpRef {
  sequence: number;
  n: number;
}

/** `estimate`: the SOP sequence after Estimate Sent (same day/next morning, 48 h, day 5). */
export type FollowUpKind = 'estimate' | 'no_decision';

/**
 * One scheduled follow-up. A contact logged at or after `opensAt` logs it; a reminder goes to
 * the owner at `remindAt`; if it is still not logged at `dueAt`, the operations lead is told.
 * - `scheduled` → `reminded` (reminder sent) → `logged` | `missed` (escalated; a later contact still logs it)
 * - `cancelled` when the stage moves on (a new estimate, won, lost...).
 */
export interface FollowUp extends FollowUpRef {
  kind: FollowUpKind;
  opensAt: string;
  remindAt: string;
  dueAt: string;
  state: 'scheduled' | 'reminded' | 'logged' | 'missed' | 'cancelled';
  loggedAt?: string;
  missedAt?: string;
  /** Who was told it was missed. */
  escalatedTo?: PersonRef;
}
