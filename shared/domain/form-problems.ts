/**
 * A refused web-form submission in the customer's words: one plain message per field, said from what the
 * customer typed (not from the API's wording, which is written for integrations), and a general line for
 * anything the form itself did not show them.
 */
import type { Issue } from '../errors';
import { FIELD_LABELS, type LeadField, type LimitedPath, MAX_FIELD_LENGTHS } from './intake-fields';

/**
 * The honeypot of a browser form: a field people never see (hidden by CSS, `aria-hidden`, out of the tab
 * order), named like a real one. A robot that fills it gets the same thank-you page; nothing is stored.
 */
export const HONEYPOT_FIELD = 'website';

/** What the form shows after a refusal: a message per posted field, and the rest in general words. */
export interface FormProblems {
  /** By form field name (`phone`, `consent.sms`): what to fix, in plain words. */
  fields: Record<string, string>;
  /** Problems with no field of their own on the form. */
  general: string[];
}

const CHOICES: Partial<Record<LeadField, string>> = {
  serviceType: 'Please choose what you need from the list.',
  urgency: 'Please choose how urgent it is from the list.',
  source: 'Please choose how you heard about us from the list.',
  fit: 'Please choose from the list.',
};

const isLeadField = (path: string): path is LeadField => path in FIELD_LABELS;

/** The one message for `path`, given what the customer typed there. */
const messageFor = (path: string, typed: string, values: Readonly<Record<string, string>>): string => {
  const max = MAX_FIELD_LENGTHS[path as LimitedPath] as number | undefined;
  if (max !== undefined && typed.length > max) {
    return `Please keep this under ${max} characters (it has ${typed.length}).`;
  }
  if (path === 'phone') {
    if (typed === '' && (values.email ?? '').trim() === '') {
      return 'Please give us a phone number (or an email address) so we can reach you.';
    }
    return 'This phone number does not look right. Please enter it with the area code, like (512) 555-0123.';
  }
  if (path === 'email')
    return 'This email address does not look right. Please check it, like name@example.com.';
  if (path === 'zip') return 'Please enter a 5-digit zip code.';
  if (path.startsWith('consent')) return 'Please tick the box again, or leave it empty.';
  if (isLeadField(path)) {
    return CHOICES[path] ?? `Please check the ${FIELD_LABELS[path].toLowerCase()}.`;
  }
  return 'Please check this field.';
};

/**
 * The customer's problems for `issues` of a refused submission of `values` (the fields as posted).
 * A problem about a field the form does not have (e.g. an unknown field a browser extension added)
 * becomes one general line.
 */
export const formProblems = (
  issues: readonly Issue[],
  values: Readonly<Record<string, string>>,
): FormProblems => {
  const fields: Record<string, string> = {};
  let unshown = false;
  for (const { path } of issues) {
    if (fields[path] !== undefined) continue;
    if (path in values || isLeadField(path)) {
      fields[path] = messageFor(path, (values[path] ?? '').trim(), values);
    } else {
      unshown = true;
    }
  }
  return {
    fields,
    general: unshown
      ? ['Part of the form could not be read. Please check your answers and send it again.']
      : [],
  };
};
