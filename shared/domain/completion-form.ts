/**
 * The board's "complete the lead" form (docs/product-rules.md §2, §8): exactly the handoff-contract fields a
 * `needs_info` lead lacks, each required, read into the same update `PATCH /leads/{id}` takes, which
 * validates it like intake (phone, service type and urgency from their lists, lengths). The problems that
 * come back by field path are put in plain words on the form's inputs.
 */
import type { Issue } from '../errors';
import { missingFields } from './completeness';
import {
  COMPLETENESS_FIELDS,
  CONSENT_FIELDS,
  type CompletenessField,
  MAX_FIELD_LENGTHS,
} from './intake-fields';
import type { Lead } from './lead';

/** The form's inputs: a lead field each, except consent, asked as two yes/no choices. */
export type CompletionInput =
  | Exclude<CompletenessField, 'consent'>
  | typeof CONSENT_FIELDS.sms.formAlias
  | typeof CONSENT_FIELDS.email.formAlias;

/** The inputs that fill each handoff-contract field. */
export const COMPLETION_INPUTS: Readonly<Record<CompletenessField, readonly CompletionInput[]>> = {
  fullName: ['fullName'],
  phone: ['phone'],
  serviceAddress: ['serviceAddress'],
  serviceType: ['serviceType'],
  urgency: ['urgency'],
  notes: ['notes'],
  consent: [CONSENT_FIELDS.sms.formAlias, CONSENT_FIELDS.email.formAlias],
  referredBy: ['referredBy'],
};

/** What each input says when it is left empty. */
const WHEN_EMPTY: Readonly<Record<CompletionInput, string>> = {
  fullName: 'Enter the customer’s name.',
  phone: 'Enter a phone number for the customer, e.g. (512) 555-0123.',
  serviceAddress: 'Enter the service address, with the zip code.',
  serviceType: 'Choose the service.',
  urgency: 'Choose how urgent it is.',
  notes: 'Say what the customer asked for.',
  consentSms: 'Say whether the customer agreed to text messages.',
  consentEmail: 'Say whether the customer agreed to email.',
  referredBy: 'Say who referred the customer.',
};

/** A consent choice as the form posts it. */
const YES_NO = ['yes', 'no'] as const;

/**
 * The fields the form asks for: those the lead lists as missing (a send-back may list one it has, e.g.
 * a wrong phone) and those its details lack. When none is listed (sent back as "not my territory"), the
 * notes, so intake can add what the next person needs before it is routed again.
 */
export const completionFields = (lead: Lead): CompletenessField[] => {
  const missing = new Set<CompletenessField>([...lead.missing, ...missingFields(lead)]);
  const fields = COMPLETENESS_FIELDS.filter((field) => missing.has(field));
  return fields.length > 0 ? fields : ['notes'];
};

/** The inputs of `fields`, in order. */
export const completionInputs = (fields: readonly CompletenessField[]): CompletionInput[] =>
  fields.flatMap((field) => COMPLETION_INPUTS[field]);

const consentValue = (value: boolean | undefined): string =>
  value === undefined ? '' : value ? 'yes' : 'no';

/** What the form shows before anything is posted: the lead's current values (a wrong one, to fix). */
export const completionDefaults = (lead: Lead): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const input of completionInputs(completionFields(lead))) {
    if (input === 'consentSms') values[input] = consentValue(lead.consent?.sms);
    else if (input === 'consentEmail') values[input] = consentValue(lead.consent?.email);
    else values[input] = lead[input] ?? '';
  }
  return values;
};

/**
 * The update a posted form asks for (the body of `PATCH /leads/{id}`), or problems by input when one is
 * empty or a consent choice is not yes or no. `recordedBy` names who recorded the consent.
 */
export const readCompletion = (
  lead: Lead,
  values: Readonly<Record<string, string>>,
  recordedBy: string,
): { body: Record<string, unknown> } | { problems: Record<string, string> } => {
  const problems: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const field of completionFields(lead)) {
    if (field === 'consent') {
      const [sms, email] = [values.consentSms?.trim(), values.consentEmail?.trim()];
      if (!YES_NO.some((choice) => choice === sms)) problems.consentSms = WHEN_EMPTY.consentSms;
      if (!YES_NO.some((choice) => choice === email)) problems.consentEmail = WHEN_EMPTY.consentEmail;
      const method = `recorded on the board by ${recordedBy}`.slice(0, MAX_FIELD_LENGTHS['consent.method']);
      body.consent = { sms: sms === 'yes', email: email === 'yes', method };
      continue;
    }
    const value = values[field]?.trim() ?? '';
    if (value === '') problems[field] = WHEN_EMPTY[field];
    body[field] = value;
  }
  return Object.keys(problems).length > 0 ? { problems } : { body };
};

/** The input a field path of intake's validation names (`consent.sms` → `consentSms`, `zip` → the address). */
const inputOfPath = (path: string, inputs: readonly CompletionInput[]): string => {
  const named: Record<string, CompletionInput> = {
    'consent.sms': 'consentSms',
    'consent.email': 'consentEmail',
    'consent.method': 'consentSms',
    'consent.capturedAt': 'consentSms',
    consent: 'consentSms',
    zip: 'serviceAddress',
    market: 'serviceAddress',
  };
  const input = named[path] ?? path;
  return (inputs as readonly string[]).includes(input) ? input : 'form';
};

/** Intake's message in plain words, e.g. `longer than 200 characters` → `Keep it to 200 characters or fewer.` */
const plainMessage = (input: string, message: string): string => {
  const longer = /^longer than (\d+) characters$/.exec(message);
  if (longer) return `Keep it to ${longer[1]} characters or fewer.`;
  if (input === 'phone')
    return 'This is not a phone number we can call; check the digits, e.g. (512) 555-0123.';
  if (input === 'serviceType') return 'Choose one of the services listed.';
  if (input === 'urgency') return 'Choose one of the urgencies listed.';
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
};

/** Intake's problems with the update (by field path) as problems by form input, the first per input. */
export const completionProblems = (
  issues: readonly Issue[],
  fields: readonly CompletenessField[],
): Record<string, string> => {
  const inputs = completionInputs(fields);
  const problems: Record<string, string> = {};
  for (const issue of issues) {
    const input = inputOfPath(issue.path, inputs);
    problems[input] ??= plainMessage(input, issue.message);
  }
  return problems;
};
