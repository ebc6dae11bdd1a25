/**
 * What the lead card shows, as data: the state the link service hands to the web layer once a handoff
 * is accepted, the fields each of its three forms posts, and the card's words for contacts. The note
 * the card shows is computed here (`currentNote`), so the card never contradicts itself.
 */

import type { BusinessSettings } from './config';
import { clockWords, formatLocalDate } from './date-wording';
import { nextFollowUpAt } from './follow-ups';
import type { HandoffNote } from './handoff-note';
import type { ContactLog, Lead } from './lead';
import { CONTACT_CHANNEL_LABELS, plural, WAITING_ON_LABELS } from './wording';

/** The three forms of the card; each posts its name as `action`. */
export type CardForm = 'log_contact' | 'set_status' | 'set_next_action';

/** The field names each form posts besides `action` and `submission` (the server parses exactly these). */
export const CARD_FORM_FIELDS = {
  log_contact: ['contact_at', 'contact_by', 'contact_channel', 'contact_summary', 'waiting_on'],
  set_status: ['stage', 'follow_up_at'],
  set_next_action: ['next_action', 'next_action_due'],
} as const satisfies Record<CardForm, readonly string[]>;

/** The card's words for contacts, declared with every other label in `wording.ts`. */
export { CONTACT_CHANNEL_LABELS, WAITING_ON_LABELS } from './wording';

/** Everything the lead card shows. */
export interface LeadCardState {
  /** `handoffNote(lead, lead.handoff, config)`; the card shows the lead's current next action in it. */
  note: HandoffNote;
  /** For the stage, last contact, follow-ups, next action and timeline. */
  lead: Lead;
  /** The forms post here (the same `/h/{token}` URL). */
  actionUrl: string;
  timeZone: string;
  /** Who can be picked as "who contacted them" (the active roster). */
  people: { id: string; name: string }[];
  /** The token's person: the default "who contacted them". */
  viewerId: string;
  /** The hidden `submission` value: a random id per render, so a double post is applied once. */
  submission: string;
  /** ISO: the prefill of `follow_up_at` (the SOP's first estimate follow-up due if sent now). */
  followUpDefault?: string;
  /** The follow-up date's hint, the sequence in the business's own settings (`followUpHint`). */
  followUpHint: string;
  /** A closed lead, or a review link for the operations lead: no forms. */
  readOnly: boolean;
  /** After a refused post: which form, and problems by field name (that form keeps the posted values). */
  error?: { form: CardForm; problems: Record<string, string>; values: Record<string, string> };
  /** After a successful post, e.g. "Contact logged. Follow-up 1 of 3 logged." */
  notice?: string;
  /** For a review link: who is viewing (the operations lead), named in the status line. */
  reviewer?: string;
}

/** The lead's own next action (the owner's latest), else the accepted handoff's. */
export const currentNextAction = (state: LeadCardState): { action: string; dueAt: string } => ({
  action: state.lead.nextAction ?? state.note.nextAction,
  dueAt: state.lead.nextActionDueAt ?? state.note.dueAt,
});

/** `Tue Mar 10, 4:30 PM – Sam Ortega: Sent the estimate range (Text; we are waiting on the customer)`. */
const contactLine = (contact: ContactLog, timeZone: string): string => {
  const waiting = WAITING_ON_LABELS[contact.waitingOn];
  const how = `${CONTACT_CHANNEL_LABELS[contact.channel]}; ${waiting.charAt(0).toLowerCase()}${waiting.slice(1)}`;
  return `${formatLocalDate(contact.at, timeZone)} – ${contact.by.name}: ${contact.summary} (${how})`;
};

/**
 * The note as of now, so the card never contradicts itself: the lead's current next action and due
 * time (not the accepted handoff's), the last contact logged on the card and the next pending follow-up.
 */
export const currentNote = (state: LeadCardState): HandoffNote => {
  const { action, dueAt } = currentNextAction(state);
  const { lastContact } = state.lead;
  const followUpAt = nextFollowUpAt(state.lead) ?? state.note.nextFollowUpAt;
  return {
    ...state.note,
    nextAction: action,
    dueAt,
    ...(lastContact === undefined ? {} : { lastContact: contactLine(lastContact, state.timeZone) }),
    ...(followUpAt === undefined ? {} : { nextFollowUpAt: followUpAt }),
  };
};

/**
 * The status form's hint on the follow-up date: the estimate sequence as `business.followUps` sets it,
 * e.g. `... the same day if sent before 3 PM, else the next business morning; then 48 hours after the
 * estimate; then on day 5.`
 */
export const followUpHint = (business: Pick<BusinessSettings, 'followUps'>): string => {
  const { sameDayCutoff, secondAfterHours, thirdAfterDays } = business.followUps;
  return (
    'Required for Estimate Sent and No Decision. Estimate Sent starts the follow-up sequence: ' +
    `the same day if sent before ${clockWords(sameDayCutoff)}, else the next business morning; ` +
    `then ${plural(secondAfterHours, 'hour')} after the estimate; then on day ${thirdAfterDays}.`
  );
};
