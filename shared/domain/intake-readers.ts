/**
 * Readers of one submitted value each: they normalise what is well-formed (trimmed text, E.164 phone,
 * lowercase email, a known choice, a number) and note what is not (`Findings`): an issue by field path
 * for a strict reading, and for intake's capture the plain warning and what it kept instead — text cut
 * to fit, a JSON number read as its digits, a value left out.
 */
import * as z from 'zod';
import {
  type LimitedPath,
  MAX_FIELD_LENGTHS,
  MULTILINE_FIELDS,
  NUMBER_AS_TEXT_FIELDS,
  NUMBER_RANGES,
  type NumberField,
  pathLabel,
} from './intake-fields';
import type { Findings } from './intake-findings';
import { quoted, wordsOf } from './intake-findings';
import { toE164 } from './phone-number';
import { carriesInvisible, cleanText } from './text-cleaning';

/** How a body was sent: 'json' values have exact types; 'form' values are all strings and are coerced. */
export type BodyFormat = 'json' | 'form';

const FORM_TRUE = new Set(['true', 'on', 'yes', '1']);
const FORM_FALSE = new Set(['false', 'off', 'no', '0']);
const emailSchema = z.email();
const isoSchema = z.iso.datetime({ offset: true });

/**
 * Reads a text value: undefined when absent, null or blank. Control, bidi and zero-width characters are
 * removed first (`cleanText`; line breaks kept in notes). Not a string: an issue, and left out (a JSON
 * number in a phone, zip or id field is read as its digits, an issue only to a strict reading). Too long:
 * an issue, and cut to fit.
 */
export const readText = (path: LimitedPath, value: unknown, findings: Findings): string | undefined => {
  if (value === undefined || value === null) return undefined;
  let raw: string;
  if (typeof value === 'string') raw = value;
  else if (typeof value === 'number' && Number.isFinite(value) && NUMBER_AS_TEXT_FIELDS.has(path)) {
    findings.note(path, 'expected a string');
    raw = String(value);
  } else {
    findings.note(path, 'expected a string', `${pathLabel(path)} was not text: left out.`, value);
    return undefined;
  }
  const text = cleanText(raw, { multiline: MULTILINE_FIELDS.has(path) }).trim();
  if (text.length === 0) return undefined;
  if (carriesInvisible(raw)) {
    findings.warn(
      path,
      `${pathLabel(path)} carried invisible characters (controls, direction marks or zero-width): removed.`,
    );
  }
  const max = MAX_FIELD_LENGTHS[path];
  if (text.length > max) {
    findings.note(
      path,
      `longer than ${max} characters`,
      `${pathLabel(path)} was longer than ${max.toLocaleString('en-US')} characters: cut to fit.`,
    );
    return text.slice(0, max).trim();
  }
  return text;
};

/**
 * Reads a yes/no value: a boolean in JSON; `true/false`, `on/off`, `yes/no` or `1/0` in a form (in JSON
 * too when intake captures a lead: an issue only to a strict reading). Anything else is left out.
 */
export const readBoolean = (
  path: string,
  value: unknown,
  format: BodyFormat,
  findings: Findings,
): boolean | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean' && format === 'json') return value;
  const expected =
    format === 'json' ? 'expected true or false' : 'expected one of: true, false, on, off, yes, no, 1, 0';
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') return undefined;
    const known = FORM_TRUE.has(word) ? true : FORM_FALSE.has(word) ? false : undefined;
    if (known !== undefined) {
      if (format === 'json') findings.note(path, expected);
      return known;
    }
  }
  const words = wordsOf(value);
  const what = words === undefined ? pathLabel(path) : `${pathLabel(path)} ${quoted(words)}`;
  findings.note(path, expected, `${what} was not understood as yes or no: left out.`, value);
  return undefined;
};

const formatted = (value: number): string => value.toLocaleString('en-US');

/** An amount typed as text: digits with an optional `$`, commas and decimals; undefined when it is not one. */
const amountOf = (text: string, maxLength: number): number | undefined => {
  const digits = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,/g, '');
  return digits.length <= maxLength && /^-?\d+(\.\d+)?$/.test(digits) ? Number(digits) : undefined;
};

/**
 * Reads an amount within the field's range (`NUMBER_RANGES`): a number in JSON; digits in a form (in JSON
 * too when intake captures a lead), with an optional `$` and commas. Not an amount, out of range, or with
 * more decimal places than the field allows: an issue, and left out — every stored value is exact.
 */
export const readNumber = (
  path: NumberField,
  value: unknown,
  format: BodyFormat,
  findings: Findings,
): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') {
    if (format === 'json') findings.note(path, 'expected a number'); // blank: nothing to keep
    return undefined;
  }
  const { min, max, decimals } = NUMBER_RANGES[path];
  const label = pathLabel(path);
  const words = wordsOf(value);
  const what = words === undefined ? label : `${label} ${quoted(words)}`;
  let number: number | undefined;
  if (typeof value === 'number' && format === 'json') number = value;
  else if (typeof value === 'string') {
    number = amountOf(value, MAX_FIELD_LENGTHS[path]);
    if (number !== undefined && format === 'json') findings.note(path, 'expected a number');
  }
  if (number === undefined || !Number.isFinite(number)) {
    findings.note(path, 'expected a number', `${what} is not an amount: left out.`, value);
    return undefined;
  }
  if (number < min || number > max) {
    const range = `from ${formatted(min)} to ${formatted(max)}`;
    findings.note(path, `must be ${range}`, `${what} is not ${range}: left out.`, value);
    return undefined;
  }
  if (Number(number.toFixed(decimals)) !== number) {
    const issue = decimals === 0 ? 'must be a whole number' : `at most ${decimals} decimal places`;
    const warning = decimals === 0 ? 'is not a whole number' : `has more than ${decimals} decimal places`;
    findings.note(path, issue, `${what} ${warning}: left out.`, value);
    return undefined;
  }
  return number === 0 ? 0 : number; // never -0
};

/** Lowercase with spaces and dashes as underscores, so "Active loss" reads as `active_loss`. */
const normalizeWord = (text: string): string => text.toLowerCase().replace(/[\s-]+/g, '_');

/**
 * The allowed choice `text` names, however it is cased or spaced; when it names none, an issue listing
 * the choices and, for a capture, `unmatched` (the plain warning, with the customer's words kept).
 */
export const readChoice = <T extends string>(
  path: string,
  text: string | undefined,
  allowed: readonly T[],
  findings: Findings,
  unmatched: (words: string) => string,
): T | undefined => {
  if (text === undefined) return undefined;
  const match = allowed.find((choice) => normalizeWord(choice) === normalizeWord(text));
  if (match === undefined) {
    findings.note(path, `must be one of: ${allowed.join(', ')}`, unmatched(quoted(text)), text);
  }
  return match;
};

/** The phone in E.164, national numbers read as numbers of `defaultCountry`; left out when it is not one. */
export const readPhone = (
  text: string | undefined,
  defaultCountry: string,
  findings: Findings,
): string | undefined => {
  if (text === undefined) return undefined;
  const e164 = toE164(text, defaultCountry);
  if (e164 === undefined) {
    findings.note(
      'phone',
      'not a valid phone number',
      `The phone number ${quoted(text)} does not look right: left out.`,
      text,
    );
  }
  return e164;
};

/** The email in lowercase, when it is a valid address; left out when it is not. */
export const readEmail = (text: string | undefined, findings: Findings): string | undefined => {
  if (text === undefined) return undefined;
  const email = text.toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    findings.note(
      'email',
      'not a valid email address',
      `The email address ${quoted(text)} does not look right: left out.`,
      text,
    );
    return undefined;
  }
  return email;
};

/** An ISO-8601 date-time with a time zone, as a UTC instant; left out (the caller's default used) when it is not one. */
export const readInstant = (
  path: string,
  text: string | undefined,
  findings: Findings,
): string | undefined => {
  if (text === undefined) return undefined;
  if (isoSchema.safeParse(text).success) return new Date(text).toISOString();
  findings.note(
    path,
    'expected an ISO-8601 date-time with a time zone',
    `${pathLabel(path)} ${quoted(text)} is not a date and time with a time zone: the time of intake is used.`,
    text,
  );
  return undefined;
};

/** A 5-digit US zip, or a ZIP+4 read as its first five digits; undefined when `text` is neither. */
export const zipOf = (text: string): string | undefined => text.match(/^(\d{5})(?:-\d{4})?$/)?.[1];

/** The 5-digit US zip at the end of an address, e.g. "12 Elm St, Round Rock, TX 78664-1234" → 78664. */
export const zipFromAddress = (address: string | undefined): string | undefined =>
  address?.match(/(?:^|\D)(\d{5})(?:-\d{4})?\s*$/)?.[1];
