/**
 * One row of the board (docs/product-rules.md §8): who the customer is, what and where, the status in
 * the locked words (§7), who owns it or whom it waits on and until when, the next action and when it is
 * due in the business's time zone, the last contact (when, who, who waits on whom) and the source.
 * Overdue and unowned are flags here, so the page can say them in words as well as colour; an urgent lead
 * (emergency, active loss, premium) carries its urgency in words, so it stands out in the list.
 */
import { type CaptureWords, captureWords, TEST_LEAD_LABEL, TEST_LEAD_STATUS } from './capture-words';
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import { areaOf } from './handoff-note';
import { type LastContact, lastContactOf } from './last-contact';
import { isUrgent, type Lead, leadDueAt, NO_DUE_AT, STAGE_LABELS } from './lead';
import { WAITING_ON_LABELS } from './lead-card-state';
import { formatLocal } from './time';
import { isUnownedLead } from './unowned';
import { firstNameOf, SOURCE_LABELS, serviceLabel, URGENCY_LABELS } from './wording';

export interface BoardRow {
  leadId: string;
  customer: string;
  service: string;
  area: string;
  /** `Emergency`, `Active loss` or `Premium` when the lead is urgent; absent otherwise. */
  urgent?: string;
  /** The locked status name (§7), e.g. `New Lead – Needs Qualification`, `Estimate Sent`. */
  stage: string;
  /** Who owns it or whom it waits on, and until when: `Waiting for Jules to accept until Wed 9:05 AM`. */
  status: string;
  nextAction?: string;
  /** When the lead needs attention next (ISO), and the same in the business's words and zone. */
  dueAt?: string;
  dueText?: string;
  overdue: boolean;
  unowned: boolean;
  closed: boolean;
  /** How the lead was captured: a source's test lead, intake's warnings, the other details sent. */
  capture: CaptureWords;
  /** `Wed Nov 18, 10:02 AM – Marco Silva. The customer is waiting on us.`, or that there was none. */
  lastContact: string;
  /** `Web form`, `Referral (campaign Spring promo)`. */
  source: string;
}

/** What a row says when nobody has contacted the customer yet (the customer waits on us). */
export const NO_CONTACT_YET = 'None yet. The customer is waiting on us.';

const nameOf = (name: string): string => firstNameOf(name) ?? name;

/** Who owns `lead` or whom it waits on, and until when, in people's words. */
export const statusWords = (lead: Lead, timeZone: string): string => {
  if (lead.status === 'closed') return 'Closed';
  const handoff = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff : undefined;
  const asked =
    handoff &&
    `${nameOf(handoff.to.name)} to accept until ${formatLocal(new Date(handoff.acceptBy), timeZone)}`;
  const owner = lead.owner && nameOf(lead.owner.name);
  if (lead.status === 'needs_info') {
    if (asked) return `Needs information: waiting for ${asked}`;
    return owner ? `Needs information: with ${owner}` : 'Needs information: nobody is asked';
  }
  if (owner && asked) return `Owned by ${owner}; transfer waiting for ${asked}`;
  if (owner) return `Owned by ${owner}`;
  if (asked && isUnownedLead(lead)) return `Nobody accepted: asking ${asked} again`;
  if (asked) return `Waiting for ${asked}`;
  return 'Nobody is asked';
};

/** A last contact in words: `Wed Nov 18, 10:02 AM – Marco Silva. The customer is waiting on us.` */
export const contactWords = (contact: LastContact | undefined, timeZone: string): string =>
  contact === undefined
    ? NO_CONTACT_YET
    : `${formatLocalDate(contact.at, timeZone)} – ${contact.by}. ${WAITING_ON_LABELS[contact.waitingOn]}.`;

/** True if the lead's next deadline has passed (closed leads are never overdue). */
export const isOverdue = (lead: Lead, now: Date): boolean => {
  if (lead.status === 'closed') return false;
  const due = leadDueAt(lead);
  return due !== NO_DUE_AT && Date.parse(due) < now.getTime();
};

/** The board row of `lead` at `now`. */
export const boardRow = (lead: Lead, config: AppConfig, now: Date): BoardRow => {
  const timeZone = config.business.timezone;
  const closed = lead.status === 'closed';
  const due = leadDueAt(lead);
  const nextAction = lead.nextAction ?? lead.handoff?.nextAction;
  const hasDue = !closed && due !== NO_DUE_AT;
  return {
    leadId: lead.id,
    customer: lead.fullName?.trim() || 'Name not captured',
    service: serviceLabel(lead.serviceType),
    area: areaOf(lead, config),
    ...(lead.urgency && isUrgent(lead.urgency) ? { urgent: URGENCY_LABELS[lead.urgency] } : {}),
    stage: lead.test ? TEST_LEAD_LABEL : STAGE_LABELS[lead.stage],
    status: lead.test ? TEST_LEAD_STATUS : statusWords(lead, timeZone),
    ...(nextAction && !closed ? { nextAction } : {}),
    ...(hasDue ? { dueAt: due, dueText: formatLocalDate(due, timeZone) } : {}),
    overdue: isOverdue(lead, now),
    unowned: isUnownedLead(lead),
    closed,
    capture: captureWords(lead),
    lastContact: contactWords(lastContactOf(lead), timeZone),
    source: `${SOURCE_LABELS[lead.source]}${lead.campaign ? ` (campaign ${lead.campaign})` : ''}`,
  };
};
