/**
 * The words people read, kept in one place so every message, page and report says the same thing:
 * labels of roles, urgencies, sources and rejection reasons, how a person is named, plurals, month
 * names and the durations that day counts and minute counts are computed with.
 *
 * A leaf module: it imports only types, so any domain module (time included) can use it.
 */
import type { PersonRef, RejectReason, Role, Source, Urgency } from './lead-details';

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

/** The labels of the rejection reasons, e.g. `Missing address`. */
export const REJECT_REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  missing_phone: 'Missing phone',
  missing_address: 'Missing address',
  wrong_service_type: 'Wrong service type',
  not_my_territory: 'Not my territory',
  notes_insufficient: 'Notes insufficient',
  other: 'Other',
};

/** `plumbing_repair` → `Plumbing repair`; a configured label stays as it is apart from the first letter. */
export const serviceLabel = (serviceType: string | undefined): string => {
  const words = serviceType?.replaceAll('_', ' ').trim();
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
