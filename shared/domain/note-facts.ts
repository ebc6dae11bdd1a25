/**
 * The handoff note as a list of labelled facts in reading order: the email and the link page both render
 * this list, so they always show the same facts in the same words and local times.
 */
import { formatLocalDate } from './date-wording';
import type { HandoffNote } from './handoff-note';
import { FIELD_LABELS } from './intake-fields';
import { describePerson } from './wording';

/** One line of the note as the email and the link page show it; `key` lets a page link phone and email. */
export interface NoteFact {
  key:
    | 'lead'
    | 'reference'
    | 'urgency'
    | 'service'
    | 'area'
    | 'asked'
    | 'promised'
    | 'next_action'
    | 'due'
    | 'accept_by'
    | 'accepted'
    | 'follow_up'
    | 'current_owner'
    | 'recipient'
    | 'previous_owner'
    | 'why'
    | 'last_contact'
    | 'already_sent'
    | 'unclear'
    | 'other_details'
    | 'phone'
    | 'email'
    | 'address'
    | 'source'
    | 'referred_by';
  label: string;
  /** One value, or a list (already sent, unclear, other details). */
  value: string | string[];
}

/**
 * Every field of the note, labelled and in local time, in reading order; a fact that is a lead field
 * carries that field's label.
 */
export const noteFacts = (note: HandoffNote): NoteFact[] => {
  const local = (iso: string) => formatLocalDate(iso, note.timeZone);
  const owner =
    note.currentOwner === undefined
      ? 'Nobody yet: the handoff waits for acceptance'
      : describePerson(note.currentOwner);
  const facts: NoteFact[] = [
    { key: 'lead', label: 'Lead', value: note.leadName },
    { key: 'reference', label: 'Reference', value: note.leadId },
    { key: 'urgency', label: FIELD_LABELS.urgency, value: note.urgencyLabel },
    { key: 'service', label: FIELD_LABELS.serviceType, value: note.serviceLabel },
    { key: 'area', label: 'Area', value: note.area },
    { key: 'asked', label: FIELD_LABELS.notes, value: note.customerAsked },
    {
      key: 'promised',
      label: FIELD_LABELS.promisedNextStep,
      value: note.promisedNextStep ?? 'None recorded',
    },
    { key: 'next_action', label: 'Next action', value: note.nextAction },
    { key: 'due', label: 'Next action due', value: local(note.dueAt) },
    note.acceptedAt === undefined
      ? { key: 'accept_by', label: 'Accept by', value: local(note.acceptBy) }
      : { key: 'accepted', label: 'Accepted', value: local(note.acceptedAt) },
  ];
  if (note.nextFollowUpAt !== undefined) {
    facts.push({ key: 'follow_up', label: 'Next follow-up', value: local(note.nextFollowUpAt) });
  }
  facts.push(
    { key: 'current_owner', label: 'Current owner', value: owner },
    { key: 'recipient', label: 'Handed to', value: describePerson(note.recipient) },
  );
  if (note.previousOwner !== undefined) {
    facts.push({ key: 'previous_owner', label: 'Previous owner', value: describePerson(note.previousOwner) });
  }
  if (note.movedBecause !== undefined) {
    facts.push({ key: 'why', label: 'Why it came to you', value: note.movedBecause });
  }
  facts.push(
    { key: 'last_contact', label: 'Last contact', value: note.lastContact },
    {
      key: 'already_sent',
      label: 'Already sent to the customer',
      value: note.alreadySent.length > 0 ? note.alreadySent : 'Nothing yet',
    },
    { key: 'unclear', label: 'Unclear', value: note.unclear.length > 0 ? note.unclear : 'Nothing flagged' },
  );
  if (note.otherDetails.length > 0) {
    facts.push({ key: 'other_details', label: 'Other details sent', value: note.otherDetails });
  }
  facts.push(
    { key: 'phone', label: FIELD_LABELS.phone, value: note.contact.phone ?? 'Not captured' },
    { key: 'email', label: FIELD_LABELS.email, value: note.contact.email ?? 'Not captured' },
    { key: 'address', label: FIELD_LABELS.serviceAddress, value: note.contact.address ?? 'Not captured' },
    {
      key: 'source',
      label: FIELD_LABELS.source,
      value: note.campaign === undefined ? note.source : `${note.source} (campaign ${note.campaign})`,
    },
  );
  if (note.referredBy !== undefined) {
    facts.push({ key: 'referred_by', label: FIELD_LABELS.referredBy, value: note.referredBy });
  }
  return facts;
};
