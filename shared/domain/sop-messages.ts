/**
 * Messages of the standard procedure after intake: the customer's acknowledgement SMS, the owner's
 * follow-up reminder and the operations lead's missed-follow-up notice. Staff SMS carry the customer's
 * first name only; every SMS is GSM-7 and at most two segments (the link is never cut).
 */
import type { BusinessSettings } from './config';
import { greetingName } from './customer-sms';
import { formatLocalDate } from './date-wording';
import { type FollowUp, isUrgent, type Lead, type PersonRef } from './lead';
import type { EmailText } from './messages';
import { SMS_MAX_SEPTETS, smsEncoding, toGsm } from './sms';
import { addMinutes, formatLocal, isWithinHours, nextOpening } from './time';
import { durationWords, firstNameOf, MINUTE_MS, midSentence, serviceLabel, serviceWords } from './wording';

/** `text` made GSM-7 and cut (with an ellipsis) so that `text + tail` fits in two segments. */
const fitSms = (text: string, tail = ''): string => {
  let head = toGsm(text);
  const fits = (value: string) => smsEncoding(value + tail).units <= SMS_MAX_SEPTETS;
  if (fits(head)) return head + tail;
  while (head.length > 0 && !fits(`${head}...`)) head = head.slice(0, -1);
  return `${head.trimEnd()}...${tail}`;
};

/** What the acknowledgement promises: a reply within minutes, or the next contact window. */
export interface AcknowledgementPlan {
  inHours: boolean;
  /** The promised contact window (after hours), ISO-8601 UTC. */
  window?: { from: string; to: string };
  text: string;
}

/**
 * When the customer is promised a call: when the lead's current next action is due, which is
 * `business.nextActionDueMinutes` after its handoff (the same setting the next action's own text and due
 * time come from). Up to an hour reads `within 5 minutes`; longer, the local time it is due.
 */
const promisedCall = (lead: Lead, business: BusinessSettings, now: Date): string => {
  const handoff = lead.handoff;
  const setting = business.nextActionDueMinutes[lead.urgency ?? 'standard'];
  const minutes = handoff
    ? Math.round((Date.parse(handoff.dueAt) - Date.parse(handoff.createdAt)) / MINUTE_MS)
    : setting;
  if (minutes <= 60) return `within ${durationWords(minutes)}`;
  const due = handoff ? new Date(handoff.dueAt) : addMinutes(now, setting);
  return `by ${formatLocal(due, business.timezone)}`;
};

/**
 * The customer's first response: in business hours (or for an urgent lead, which the on-call person
 * takes at once) a call by the time the lead's next action is due (`promisedCall`); after hours, the
 * next contact window (the next opening, for `afterHoursWindowMinutes`). Ends with the opt-out line.
 */
export const acknowledgementSms = (
  lead: Lead,
  business: BusinessSettings,
  now: Date,
): AcknowledgementPlan => {
  const { hours, timezone, holidays } = business;
  const name = greetingName(lead.fullName);
  const hello = name ? `Hi ${name}, ` : 'Hi, ';
  const service = serviceWords(lead.serviceType) ?? 'your request';
  const thanks = `${hello}thanks for contacting ${business.name} about ${service}.`;
  const inHours = isWithinHours(now, hours, timezone, holidays);
  const stop = ' Reply STOP to opt out.';
  if (inHours || isUrgent(lead.urgency)) {
    const who = inHours ? 'Our team' : 'Our on-call team';
    return {
      inHours,
      text: fitSms(`${thanks} ${who} will call you ${promisedCall(lead, business, now)}.`, stop),
    };
  }
  const from = nextOpening(now, hours, timezone, holidays);
  const to = addMinutes(from, business.acknowledgement.afterHoursWindowMinutes);
  const window = `${formatLocal(from, timezone)} and ${formatLocal(to, timezone).replace(/^\w+ /, '')}`;
  return {
    inHours,
    window: { from: from.toISOString(), to: to.toISOString() },
    text: fitSms(`${thanks} We are closed now; we will call you between ${window}.`, stop),
  };
};

const followUpLabel = (followUp: FollowUp, lead: Lead): string => {
  const total = (lead.followUps ?? []).filter((f) => f.sequence === followUp.sequence).length;
  const kind = followUp.kind === 'estimate' ? 'estimate follow-up' : 'follow-up';
  return total > 1 ? `${kind} ${followUp.n} of ${total}` : kind;
};

/** The next action and the last contact, as the staff emails show them. */
const contextLines = (lead: Lead, business: BusinessSettings): string[] => [
  lead.nextAction ? `Next action: ${lead.nextAction}` : 'No next action is set.',
  lead.lastContact
    ? `Last contact: ${formatLocalDate(lead.lastContact.at, business.timezone)} – ${lead.lastContact.summary}`
    : 'No contact logged yet.',
];

const customerOf = (lead: Lead): string => firstNameOf(lead.fullName) ?? 'the customer';

/** Reminds the owner of a follow-up, with the lead card link where it is logged. */
export const followUpReminder = (
  lead: Lead,
  followUp: FollowUp,
  link: string,
  business: BusinessSettings,
): { sms: string; email: EmailText } => {
  const due = formatLocal(new Date(followUp.dueAt), business.timezone);
  const label = followUpLabel(followUp, lead);
  const sms = fitSms(
    `${business.name}: ${label} for ${customerOf(lead)} (${midSentence(serviceLabel(lead.serviceType))}) due ${due}. Log it on the lead card:`,
    ` ${link}`,
  );
  const email: EmailText = {
    subject: `Follow-up due ${due}: ${customerOf(lead)}, ${midSentence(serviceLabel(lead.serviceType))}`,
    body: [
      `Your ${label} for ${lead.fullName ?? 'this lead'} is due ${formatLocalDate(followUp.dueAt, business.timezone)}.`,
      ...contextLines(lead, business),
      '',
      'Contact the customer, then log it on the lead card (a logged contact logs the follow-up):',
      link,
      '',
      `If it is not logged by then, the operations lead is told. Times are in ${business.timezone} time.`,
    ].join('\n'),
  };
  return { sms, email };
};

/** Tells the operations lead a follow-up was not logged in time, with a read-only review link. */
export const followUpMissedNotice = (
  lead: Lead,
  followUp: FollowUp,
  link: string,
  business: BusinessSettings,
): { sms: string; email: EmailText } => {
  const due = formatLocal(new Date(followUp.dueAt), business.timezone);
  const owner: PersonRef | undefined = lead.owner;
  const label = followUpLabel(followUp, lead);
  const sms = fitSms(
    `${business.name}: ${label} for ${customerOf(lead)} was due ${due} and is not logged (owner ${owner?.name ?? 'none'}). Review:`,
    ` ${link}`,
  );
  const email: EmailText = {
    subject: `Missed follow-up: ${customerOf(lead)} (owner ${owner?.name ?? 'none'}), due ${due}`,
    body: [
      `The ${label} for ${lead.fullName ?? 'this lead'} was due ${formatLocalDate(followUp.dueAt, business.timezone)} and no contact has been logged.`,
      `Owner: ${owner ? owner.name : 'nobody'}`,
      ...contextLines(lead, business),
      '',
      'Review the lead (read only) and reassign it if it is stuck:',
      link,
      '',
      `Lead reference: ${lead.id}`,
    ].join('\n'),
  };
  return { sms, email };
};
