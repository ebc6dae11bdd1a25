/**
 * Readers of one submitted value each: they normalise what is well-formed (trimmed text, E.164 phone,
 * lowercase email, a known choice, a number) and add an issue, by field path, for what is not.
 */
import * as z from 'zod';
import type { Issue } from '../errors';
import {
  type LimitedPath,
  MAX_FIELD_LENGTHS,
  MULTILINE_FIELDS,
  NUMBER_RANGES,
  type NumberField,
} from './intake-fields';
import { toE164 } from './phone-number';
import { cleanText } from './text-cleaning';

/** How a body was sent: 'json' values have exact types; 'form' values are all strings and are coerced. */
export type BodyFormat = 'json' | 'form';

const FORM_TRUE = new Set(['true', 'on', 'yes', '1']);
const FORM_FALSE = new Set(['false', 'off', 'no', '0']);
const emailSchema = z.email();
const isoSchema = z.iso.datetime({ offset: true });

/**
 * Reads a text value: undefined when absent, null or blank; an issue when it is not a string or too long.
 * Control, bidi and zero-width characters are removed first (`cleanText`; line breaks kept in notes).
 */
export const readText = (path: LimitedPath, value: unknown, issues: Issue[]): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    issues.push({ path, message: 'expected a string' });
    return undefined;
  }
  const text = cleanText(value, { multiline: MULTILINE_FIELDS.has(path) }).trim();
  if (text.length === 0) return undefined;
  const max = MAX_FIELD_LENGTHS[path];
  if (text.length > max) {
    issues.push({ path, message: `longer than ${max} characters` });
    return undefined;
  }
  return text;
};

/** Reads a yes/no value: a boolean in JSON; `true/false`, `on/off`, `yes/no` or `1/0` in a form. */
export const readBoolean = (
  path: string,
  value: unknown,
  format: BodyFormat,
  issues: Issue[],
): boolean | undefined => {
  if (value === undefined || value === null) return undefined;
  if (format === 'json' && typeof value === 'boolean') return value;
  if (format === 'form' && typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') return undefined;
    if (FORM_TRUE.has(word)) return true;
    if (FORM_FALSE.has(word)) return false;
  }
  issues.push({
    path,
    message:
      format === 'json' ? 'expected true or false' : 'expected one of: true, false, on, off, yes, no, 1, 0',
  });
  return undefined;
};

const formatted = (value: number): string => value.toLocaleString('en-US');

/**
 * Reads an amount within the field's range (`NUMBER_RANGES`): a number in JSON; digits in a form, with an
 * optional `$` and commas. Out of range, or with more decimal places than the field allows, is an issue:
 * every accepted value is exact and storable.
 */
export const readNumber = (
  path: NumberField,
  value: unknown,
  format: BodyFormat,
  issues: Issue[],
): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const { min, max, decimals } = NUMBER_RANGES[path];
  let number: number | undefined;
  if (format === 'json' && typeof value === 'number') number = value;
  if (format === 'form' && typeof value === 'string') {
    const text = value
      .trim()
      .replace(/^\$\s*/, '')
      .replace(/,/g, '');
    if (text === '') return undefined;
    if (text.length <= MAX_FIELD_LENGTHS[path] && /^-?\d+(\.\d+)?$/.test(text)) {
      number = Number(text);
    }
  }
  if (number === undefined || !Number.isFinite(number)) {
    issues.push({ path, message: 'expected a number' });
    return undefined;
  }
  if (number < min || number > max) {
    issues.push({ path, message: `must be from ${formatted(min)} to ${formatted(max)}` });
    return undefined;
  }
  if (Number(number.toFixed(decimals)) !== number) {
    issues.push({
      path,
      message: decimals === 0 ? 'must be a whole number' : `at most ${decimals} decimal places`,
    });
    return undefined;
  }
  return number === 0 ? 0 : number; // never -0
};

/** Lowercase with spaces and dashes as underscores, so "Active loss" reads as `active_loss`. */
const normalizeWord = (text: string): string => text.toLowerCase().replace(/[\s-]+/g, '_');

/** The allowed choice `text` names, however it is cased or spaced; an issue when it names none. */
export const readChoice = <T extends string>(
  path: string,
  text: string | undefined,
  allowed: readonly T[],
  issues: Issue[],
): T | undefined => {
  if (text === undefined) return undefined;
  const match = allowed.find((choice) => normalizeWord(choice) === normalizeWord(text));
  if (match === undefined) issues.push({ path, message: `must be one of: ${allowed.join(', ')}` });
  return match;
};

/** The phone in E.164, national numbers read as numbers of `defaultCountry`. */
export const readPhone = (
  text: string | undefined,
  defaultCountry: string,
  issues: Issue[],
): string | undefined => {
  if (text === undefined) return undefined;
  const e164 = toE164(text, defaultCountry);
  if (e164 === undefined) issues.push({ path: 'phone', message: 'not a valid phone number' });
  return e164;
};

/** The email in lowercase, when it is a valid address. */
export const readEmail = (text: string | undefined, issues: Issue[]): string | undefined => {
  if (text === undefined) return undefined;
  const email = text.toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    issues.push({ path: 'email', message: 'not a valid email address' });
    return undefined;
  }
  return email;
};

/** An ISO-8601 date-time with a time zone, as a UTC instant. */
export const readInstant = (path: string, text: string | undefined, issues: Issue[]): string | undefined => {
  if (text === undefined) return undefined;
  if (isoSchema.safeParse(text).success) return new Date(text).toISOString();
  issues.push({ path, message: 'expected an ISO-8601 date-time with a time zone' });
  return undefined;
};

/** The 5-digit US zip at the end of an address, e.g. "12 Elm St, Round Rock, TX 78664-1234" → 78664. */
export const zipFromAddress = (address: string | undefined): string | undefined =>
  address?.match(/(?:^|\D)(\d{5})(?:-\d{4})?\s*$/)?.[1];
