/**
 * One row of the board (docs/product-rules.md §8): who the customer is, what and where, the status in people's words,
 * the next action and when it is due in the business's time zone, and whether it is overdue.
 */
import type { AppConfig } from './config';
import { type Lead, leadDueAt, NO_DUE_AT } from './lead';
import { formatLocal } from './time';
import { firstNameOf, serviceLabel } from './wording';

export interface BoardRow {
  leadId: string;
  customer: string;
  service: string;
  area: string;
  /** e.g. "Waiting for Jules to accept until Wed 9:05 AM", "Owned by Marco", "Needs information". */
  status: string;
  nextAction?: string;
  /** When the lead needs attention next (ISO), and the same in the business's words. */
  dueAt?: string;
  dueText?: string;
  overdue: boolean;
}

const nameOf = (name: string): string => firstNameOf(name) ?? name;

/** The status of an open lead, in people's words. */
export const statusWords = (lead: Lead, timeZone: string): string => {
  const handoff = lead.handoff;
  if (lead.status === 'needs_info') return 'Needs information';
  if (lead.status === 'awaiting_acceptance' && handoff?.state === 'awaiting_acceptance') {
    const until = formatLocal(new Date(handoff.acceptBy), timeZone);
    return `Waiting for ${nameOf(handoff.to.name)} to accept until ${until}`;
  }
  if (lead.owner) return `Owned by ${nameOf(lead.owner.name)}`;
  return lead.status === 'closed' ? 'Closed' : 'Not owned yet';
};

/** The board row of `lead` at `now`. */
export const boardRow = (lead: Lead, config: AppConfig, now: Date): BoardRow => {
  const timeZone = config.business.timezone;
  const market = config.roster.markets.find((m) => m.id === lead.market);
  const due = leadDueAt(lead);
  const nextAction = lead.nextAction ?? lead.handoff?.nextAction;
  const hasDue = due !== NO_DUE_AT;
  return {
    leadId: lead.id,
    customer: lead.fullName?.trim() || 'Name not captured',
    service: serviceLabel(lead.serviceType),
    area: market?.name ?? lead.zip ?? 'Area not captured',
    status: statusWords(lead, timeZone),
    ...(nextAction ? { nextAction } : {}),
    ...(hasDue ? { dueAt: due, dueText: formatLocal(new Date(due), timeZone) } : {}),
    overdue: hasDue && Date.parse(due) < now.getTime(),
  };
};
