/**
 * What a handoff link `/h/{token}` shows, as data: the page states the link service decides on, and the
 * fields its Accept and Send back forms post. The web layer (`shared/web/`) turns a state into HTML.
 */
import type { HandoffNote } from './handoff-note';
import type { LeadCardState } from './lead-card-state';

/** What the recipient confirms by accepting: saw the notes, the next step, the deadline, enough context. */
export const CONFIRMATIONS = [
  'saw_notes',
  'understands_next_step',
  'knows_deadline',
  'enough_context',
] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** The checkbox labels; the deadline one is followed by the due time on the page. */
export const CONFIRMATION_LABELS: Record<Confirmation, string> = {
  saw_notes: 'I saw the notes',
  understands_next_step: 'I understand the promised next step',
  knows_deadline: 'I know the deadline',
  enough_context: 'The record has enough context to move without re-asking basic questions',
};

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
