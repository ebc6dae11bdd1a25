/**
 * The words people read, kept in one place so every message, page and report says the same thing: one
 * label table (and function) per kind of internal value — roles, urgencies, sources, services, lead
 * statuses, rejection reasons, confirmations, timeline entries, channels, failures, who did something —
 * how a person is named, plurals, durations, month names and the milliseconds that day and minute
 * counts are computed with. Internal values (`on_call`, `web_form`, `serviceType`) stay in JSON for
 * integrations; anything a person reads goes through a label here.
 *
 * A leaf module: it imports only types, so any domain module (time included) can use it.
 */
import type { ContactChannel, WaitingOn } from './contact-log';
import type { FailureKind } from './failures';
import type {
  Confirmation,
  LeadStatus,
  PersonRef,
  RejectReason,
  Role,
  Source,
  Urgency,
} from './lead-details';
import type { Channel, NotificationPurpose } from './notification-state';
import type { Actor, TimelineEventType } from './timeline';

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One (24-hour) day in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;

/** Short English month names, January first: `MONTHS[month - 1]`. */
export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `3 days`, `1 day`, `2 follow-ups`: the count and the noun in the right form (`many` defaults to `one`s). */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** A label mid-sentence: `Plumbing repair` → `plumbing repair`; `HVAC install` keeps its capitals. */
export const midSentence = (label: string): string =>
  /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

/** `a`, `a and b`, `a, b and c`. */
export const joinWords = (words: readonly string[]): string =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/**
 * A number of minutes as people say it: `5 minutes`, `90 minutes`, `2 hours`, `24 hours`, `3 days`
 * (whole hours from 2 hours, whole days from 2 days).
 */
export const durationWords = (minutes: number): string => {
  if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), 'day');
  if (minutes >= 120 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
};

/** Each role in plain words, as people read it: `on call`, `office manager`. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  intake: 'intake',
  dispatch: 'dispatch',
  on_call: 'on call',
  office_manager: 'office manager',
  sales: 'sales',
  tech: 'tech',
  operations: 'operations',
  business_owner: 'business owner',
};

/** A role in plain words, e.g. `on call`, `office manager`. */
export const roleLabel = (role: Role): string => ROLE_LABELS[role];

/** A person as people read them everywhere: `Dana Whitfield (dispatch)`, `Marco Diaz (on call)`. */
export const describePerson = (person: Pick<PersonRef, 'name' | 'role'>): string =>
  `${person.name} (${roleLabel(person.role)})`;

/** Human labels of the urgencies. */
export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = {
  emergency: 'Emergency',
  active_loss: 'Active loss',
  premium: 'Premium',
  standard: 'Standard',
  estimate: 'Estimate or consult',
};

/** What people read while a lead's urgency is not captured. */
export const URGENCY_NOT_CAPTURED = 'Urgency not captured';

/** The urgency in words, e.g. `Active loss`, or `Urgency not captured`. */
export const urgencyLabel = (urgency: Urgency | undefined): string =>
  urgency === undefined ? URGENCY_NOT_CAPTURED : URGENCY_LABELS[urgency];

/**
 * The urgencies a customer chooses from on a web form, in the customer's words, most urgent first.
 * Premium is the business's own judgement, so it is not offered.
 */
export const CUSTOMER_URGENCY_CHOICES: readonly { value: Urgency; label: string }[] = [
  { value: 'active_loss', label: 'Water or damage happening now' },
  { value: 'emergency', label: 'Urgent: unsafe, or no heat, cooling or water' },
  { value: 'standard', label: 'Needs fixing soon' },
  { value: 'estimate', label: 'Planning / getting a quote' },
];

/** Human labels of the lead sources. */
export const SOURCE_LABELS: Readonly<Record<Source, string>> = {
  web_form: 'Web form',
  phone: 'Phone call',
  missed_call: 'Recovered missed call',
  referral: 'Referral',
  other: 'Other',
};

/** The source in words, e.g. `Web form`. */
export const sourceLabel = (source: Source): string => SOURCE_LABELS[source];

/**
 * How a contact came in, as timelines say it: `web form`, `phone call (campaign Spring promo)`.
 */
export const describeSource = (contact: { source: Source; campaign?: string | undefined }): string => {
  const source = SOURCE_LABELS[contact.source].toLowerCase();
  return contact.campaign ? `${source} (campaign ${contact.campaign})` : source;
};

/** Where a lead stands, in words (e.g. on a board or in a report). */
export const LEAD_STATUS_LABELS: Readonly<Record<LeadStatus, string>> = {
  needs_info: 'Needs information',
  awaiting_acceptance: 'Waiting for acceptance',
  accepted: 'Owned',
  closed: 'Closed',
};

/** The labels of the rejection reasons, e.g. `Missing address`. */
export const REJECT_REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  missing_phone: 'Missing phone',
  missing_address: 'Missing address',
  wrong_service_type: 'Wrong service type',
  not_my_territory: 'Not my territory',
  notes_insufficient: 'Notes insufficient',
  other: 'Other',
};

/** A rejection reason in words, e.g. `Missing address`. */
export const rejectReasonLabel = (reason: RejectReason): string => REJECT_REASON_LABELS[reason];

/** What a recipient confirms by accepting, as the Accept form's checkboxes say it. */
export const CONFIRMATION_LABELS: Readonly<Record<Confirmation, string>> = {
  saw_notes: 'I saw the notes',
  understands_next_step: 'I understand the promised next step',
  knows_deadline: 'I know the deadline',
  enough_context: 'The record has enough context to move without re-asking basic questions',
};

const CONFIRMATION_WORDS: Readonly<Record<Confirmation, string>> = {
  saw_notes: 'the notes',
  understands_next_step: 'the next step',
  knows_deadline: 'the deadline',
  enough_context: 'enough context',
};

/** `the notes, the next step, the deadline and enough context`: what an acceptance confirmed. */
export const confirmationWords = (confirmations: readonly string[]): string =>
  joinWords(confirmations.map((c) => CONFIRMATION_WORDS[c as Confirmation] ?? c.replaceAll('_', ' ')));

/** Words written in capitals inside a service name. */
const ACRONYMS = new Set(['hvac', 'ac']);

/**
 * A configured service type in words, mid-sentence: `plumbing_repair` → `plumbing repair`,
 * `hvac_install` → `HVAC install`; undefined when none was captured.
 */
export const serviceWords = (serviceType: string | undefined): string | undefined => {
  const words = serviceType?.replaceAll('_', ' ').trim().split(/\s+/).filter(Boolean);
  if (!words || words.length === 0) return undefined;
  return words.map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word)).join(' ');
};

/** `plumbing_repair` → `Plumbing repair`, `hvac_install` → `HVAC install`, or `Service not captured`. */
export const serviceLabel = (serviceType: string | undefined): string => {
  const words = serviceWords(serviceType);
  if (!words) return 'Service not captured';
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Each timeline entry type as people read it (a heading or a column of a timeline). */
export const TIMELINE_LABELS: Readonly<Record<TimelineEventType, string>> = {
  lead_received: 'Lead received',
  needs_info: 'Needs information',
  lead_completed: 'Details completed',
  details_updated: 'Details updated',
  contacted_again: 'Customer back',
  routed: 'Routed',
  handoff_created: 'Handoff',
  notification_sent: 'Message sent',
  notification_failed: 'Message failed',
  accepted: 'Accepted',
  rejected: 'Sent back',
  escalated: 'Escalated',
  transferred: 'Transferred',
  unowned: 'Nobody accepted',
  status_changed: 'Status changed',
  next_action_set: 'Next action set',
  contact_logged: 'Contact logged',
  follow_up_scheduled: 'Follow-ups set',
  follow_up_due: 'Follow-up due',
  follow_up_logged: 'Follow-up logged',
  follow_up_missed: 'Follow-up missed',
  follow_up_cancelled: 'Follow-ups cancelled',
  acknowledgement_sent: 'Customer told',
  failed_handoff: 'Failed handoff',
  retried: 'Failure resolved',
};

/** Who did something on a timeline: the person's name, `ops`, `the customer`, or `the system`. */
export const actorLabel = (actor: Actor): string => {
  if (actor.name) return actor.name;
  if (actor.kind === 'source') return 'the customer';
  if (actor.kind === 'ops') return 'ops';
  return 'the system';
};

/** How a channel is written: `SMS`, `Email`. */
export const channelLabel = (channel: Channel): string => (channel === 'sms' ? 'SMS' : 'Email');

/** What each message is called in timelines and failure records. */
export const NOTIFICATION_LABELS: Readonly<Record<NotificationPurpose, string>> = {
  handoff: 'handoff request',
  moved: 'lead-moved note',
  acknowledgement: 'acknowledgement',
  follow_up: 'follow-up reminder',
  follow_up_missed: 'missed follow-up notice',
};

/** How a contact with the customer happened, in words. */
export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = {
  call: 'Call',
  sms: 'Text',
  email: 'Email',
  visit: 'Visit',
  other: 'Other',
};

/** Who waits on whom after a contact, in words. */
export const WAITING_ON_LABELS: Readonly<Record<WaitingOn, string>> = {
  us: 'The customer is waiting on us',
  customer: 'We are waiting on the customer',
};

/** What kind of step failed, in words. */
export const FAILURE_KIND_LABELS: Readonly<Record<FailureKind, string>> = {
  notification: 'message',
  timer: 'timer',
  dispatch: 'dispatch',
  deadline: 'deadline',
  unowned: 'nobody accepted',
};

const FAILURE_REASONS: Readonly<Record<string, string>> = {
  opted_out: 'the number opted out of texts',
  invalid_number: 'not a valid number',
  no_address: 'no phone or email on file',
  throttled: 'the carrier was busy',
  unavailable: 'the messaging service was unavailable',
  rejected: 'refused by the carrier',
};

/** Why a message or step failed, in words: a known delivery code's meaning, else the reason as given. */
export const failureReasonLabel = (reason: string): string =>
  FAILURE_REASONS[reason] ?? reason.replaceAll('_', ' ');

const TITLES = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'miss', 'sr', 'sra']);

/** The first name of a full name, skipping a leading title (`Mrs. Ana Díaz` → `Ana`). */
export const firstNameOf = (fullName: string | undefined): string | undefined => {
  const words = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  const [first, second] = words;
  if (first !== undefined && second !== undefined && TITLES.has(first.toLowerCase().replace(/\.$/, ''))) {
    return second;
  }
  return first;
};
