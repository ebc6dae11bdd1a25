/**
 * The texts of an idle next action (docs/product-rules.md §5 "Accepted but idle"): the owner's reminder,
 * with the lead card link where a contact or a new next action is logged, and the notice to the
 * operations lead, with a read-only review link. Staff SMS carry the customer's first name only; every
 * SMS is GSM-7 and at most two segments, the link never cut.
 */
import type { BusinessSettings } from './config';
import { formatLocalDate } from './date-wording';
import type { IdleCheck } from './idle-check';
import type { Lead } from './lead';
import type { EmailText } from './messages';
import { fitParts, SMS_MAX_SEPTETS, smsPart } from './sms';
import { formatLocal } from './time';
import { describePerson, firstNameOf, serviceLabel } from './wording';

const period = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The variable parts both SMS shorten to fit, the link excluded. */
const smsParts = (lead: Lead, business: BusinessSettings) => ({
  business: { text: smsPart(business.name), min: 10 },
  name: { text: smsPart(firstNameOf(lead.fullName) ?? 'the customer'), min: 3 },
  service: { text: smsPart(serviceLabel(lead.serviceType).toLowerCase()), min: 8 },
  action: { text: smsPart(lead.nextAction ?? 'no next action recorded'), min: 20 },
});

const contextLines = (lead: Lead, check: IdleCheck, business: BusinessSettings): string[] => [
  `Customer: ${firstNameOf(lead.fullName) ?? 'name not captured'} (${serviceLabel(lead.serviceType).toLowerCase()})`,
  `Next action: ${lead.nextAction ?? 'none recorded'}`,
  `Due: ${formatLocalDate(check.dueAt, business.timezone)}`,
  lead.lastContact
    ? `Last contact: ${formatLocalDate(lead.lastContact.at, business.timezone)}`
    : 'No contact logged yet.',
];

/** Reminds the owner that the next action is past due, with the lead card link. */
export const idleReminder = (
  lead: Lead,
  check: IdleCheck,
  link: string,
  business: BusinessSettings,
): { sms: string; email: EmailText } => {
  const due = formatLocal(new Date(check.dueAt), business.timezone);
  const grace = business.idleNextAction.graceBusinessMinutes;
  const { text: sms } = fitParts(
    smsParts(lead, business),
    (v) =>
      `${v.business}: next action for ${v.name} (${v.service}) was due ${due}: ${period(v.action)} Log a contact or a new next action: ${link}`,
    SMS_MAX_SEPTETS,
  );
  const email: EmailText = {
    subject: `Next action overdue (due ${due}): ${firstNameOf(lead.fullName) ?? 'your lead'}`,
    body: [
      `The next action on your lead was due ${formatLocalDate(check.dueAt, business.timezone)} and nothing has been logged since.`,
      ...contextLines(lead, check, business),
      '',
      'Do it, then log the contact on the lead card, or set a new next action with a new due time:',
      link,
      '',
      `If nothing is logged within ${grace} minutes of business hours, the operations lead is told. Times are in ${business.timezone} time.`,
    ].join('\n'),
  };
  return { sms, email };
};

/** Tells the operations lead that the owner's next action is still idle after the grace period, with a review link. */
export const idleEscalationNotice = (
  lead: Lead,
  check: IdleCheck,
  link: string,
  business: BusinessSettings,
): { sms: string; email: EmailText } => {
  const due = formatLocal(new Date(check.dueAt), business.timezone);
  const owner = lead.owner;
  const ownerName = owner?.name ?? 'nobody';
  const { text: sms } = fitParts(
    { ...smsParts(lead, business), owner: { text: smsPart(ownerName), min: 6 } },
    (v) =>
      `${v.business}: ${v.owner} has not acted on the next action for ${v.name} (${v.service}), due ${due}: ${period(v.action)} Review: ${link}`,
    SMS_MAX_SEPTETS,
  );
  const email: EmailText = {
    subject: `Idle next action: ${firstNameOf(lead.fullName) ?? 'a lead'} (owner ${ownerName}), due ${due}`,
    body: [
      `The next action of ${owner ? describePerson(owner) : 'this lead'} was due ${formatLocalDate(check.dueAt, business.timezone)}; they were reminded, and nothing has been logged for ${business.idleNextAction.graceBusinessMinutes} minutes of business hours since.`,
      ...contextLines(lead, check, business),
      '',
      'Review the lead (read only), then talk to the owner or transfer it:',
      link,
      '',
      `Lead reference: ${lead.id}`,
    ].join('\n'),
  };
  return { sms, email };
};
