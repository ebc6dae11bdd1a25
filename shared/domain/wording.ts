/**
 * The words people read, kept in one place so every message, page and report says the same thing: one
 * label table (and function) per kind of internal value — roles, urgencies, sources, services, lead
 * statuses, rejection reasons, confirmations, and (from `event-wording.ts`, re-exported here) timeline
 * entries, messages, contacts, failures and who did something — how a person is named, plurals,
 * durations, month names and the milliseconds day and minute counts are computed with. Internal values
 * (`on_call`, `web_form`, `serviceType`) stay in JSON for integrations; what a person reads goes
 * through a label here.
 *
 * A leaf module: it imports only types, so any domain module (time included) can use it.
 */
import type {
  Confirmation,
  LeadStatus,
  PersonRef,
  RejectReason,
  Role,
  Source,
  Urgency,
} from './lead-details';

export * from './event-wording';

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

/**
 * Where a configured next action says how soon: `Call the customer {within} and dispatch the nearest
 * tech` reads `Call the customer within 5 minutes and dispatch the nearest tech` when the handoff's next
 * action is due in 5 minutes (`business.nextActionDueMinutes`). The number comes from that setting, so
 * the action, its due time and what the customer is promised always agree.
 */
export const WITHIN_PLACEHOLDER = '{within}';

/** The configured action with `{within}` made words: `within 5 minutes`, `within 2 hours`. */
export const renderNextAction = (action: string, dueMinutes: number): string =>
  action.replaceAll(WITHIN_PLACEHOLDER, `within ${durationWords(dueMinutes)}`);

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
  google_lead_form: 'Google Ads lead form',
  meta: 'Facebook or Instagram lead ad',
  angi: 'Angi',
  thumbtack: 'Thumbtack',
  callrail: 'CallRail call',
  typeform: 'Typeform',
  jotform: 'Jotform',
  gravity_forms: 'Gravity Forms',
  other: 'Other',
};

/** The source in words, e.g. `Web form`. */
export const sourceLabel = (source: Source): string => SOURCE_LABELS[source];

/** Sources whose label starts with a name (Angi, Google...), kept capitalized inside a sentence. */
const NAMED_SOURCES: ReadonlySet<Source> = new Set([
  'google_lead_form',
  'meta',
  'angi',
  'thumbtack',
  'callrail',
  'typeform',
  'jotform',
  'gravity_forms',
]);

/**
 * How a contact came in, as timelines say it: `web form`, `phone call (campaign Spring promo)`, `Angi`.
 */
export const describeSource = (contact: { source: Source; campaign?: string | undefined }): string => {
  const label = SOURCE_LABELS[contact.source];
  const source = NAMED_SOURCES.has(contact.source) ? label : label.toLowerCase();
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
