/**
 * What a handoff link `/h/{token}` shows, as data: the page states the link service decides on, and the
 * fields its Accept and Send back forms post. The web layer (`shared/web/`) turns a state into HTML.
 */
import type { HandoffNote } from './handoff-note';
import type { LeadCardState } from './lead-card-state';

/** The confirmations of the Accept form (declared with the lead's words) and their checkbox labels. */
export { CONFIRMATIONS, type Confirmation } from './lead-details';
export { CONFIRMATION_LABELS } from './wording';

/** The longest explanation the Send back form accepts. */
export const REJECT_TEXT_MAX_LENGTH = 500;

/** What a link page shows. */
export type LinkPageState =
  /** The handoff waits for this recipient: the note and both forms (`error` after a refused post). */
  | { kind: 'open'; note: HandoffNote; actionUrl: string; error?: string }
  /** Accepted: `Accepted by you at Tue 3:07 PM` (or by whom). */
  | { kind: 'accepted'; note: HandoffNote; acceptedAt: string; byYou: boolean; timeZone: string }
  /** Sent back to intake with a reason. */
  | { kind: 'rejected'; note: HandoffNote; reasonLabel: string }
  /** Superseded, escalated or transferred: this link's step is over. */
  | { kind: 'moved'; leadName: string; message: string }
  /** The link's time is up. */
  | { kind: 'expired' }
  /** Unknown or forged token: reveal nothing. */
  | { kind: 'not_found' }
  /** After acceptance: the owner's lead card (or a read-only review of it for the operations lead). */
  | { kind: 'card'; card: LeadCardState };
