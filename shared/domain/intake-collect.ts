/**
 * Sorts the keys of one submission before their values are read: the lead's fields, the parts of
 * consent, whether it is a test lead, and everything else — kept under `extra` when intake captures a
 * lead, an "unknown field" issue to a strict reading (docs/product-rules.md §2).
 */
import type { ExtraFields } from './intake-extra';
import {
  CONSENT_FIELDS,
  CONSENT_KEYS,
  type ConsentKey,
  pathLabel,
  TEXT_FIELDS,
  type TextField,
} from './intake-fields';
import type { Findings } from './intake-findings';
import type { BodyFormat } from './intake-readers';

/** How a submission is read: captured by intake (never bounced), or strictly (a correction by a person). */
export type ReadingMode = 'capture' | 'strict';

/** The values of one submission by field path, before they are checked. */
export interface RawFields {
  text: Partial<Record<TextField, unknown>>;
  estimatedValue?: unknown;
  consent: Partial<Record<ConsentKey, unknown>>;
  /** The submission carried a consent object (JSON), even an empty one. */
  consentGiven: boolean;
  /** The submission's `test` value, when it sent one (captures only). */
  test?: unknown;
}

/** Where one submission's keys go. */
export interface Collecting {
  format: BodyFormat;
  mode: ReadingMode;
  findings: Findings;
  extra: ExtraFields;
}

/** Flat form keys accepted for the consent fields, besides `consent.<key>`. */
const FORM_CONSENT_ALIASES: Readonly<Record<string, ConsentKey>> = Object.fromEntries(
  CONSENT_KEYS.map((key) => [CONSENT_FIELDS[key].formAlias, key]),
);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTextField = (key: string): key is TextField => (TEXT_FIELDS as readonly string[]).includes(key);
const isConsentKey = (key: string): key is ConsentKey => (CONSENT_KEYS as readonly string[]).includes(key);

/** A key we do not read: kept under `extra` (with a warning) by a capture, an issue to a strict reading. */
const unknownField = (key: string, value: unknown, into: Collecting): void => {
  into.findings.note(key, 'unknown field');
  into.extra.add(key, value, { warn: true });
};

/**
 * The keys only a capture knows: `test` (a source's test lead) and `extra` (fields the sender knows we
 * do not read: kept without a warning). True when `key` was one of them.
 */
const captureOnly = (key: string, value: unknown, fields: RawFields, into: Collecting): boolean => {
  if (into.mode !== 'capture') return false;
  if (key === 'test') {
    fields.test = value;
    return true;
  }
  if (key === 'extra' && isRecord(value)) {
    for (const [name, item] of Object.entries(value)) into.extra.add(name, item, { warn: false });
    return true;
  }
  return false;
};

/** The fields of a JSON body (exact types are checked by the readers). */
export const collectJson = (body: Record<string, unknown>, into: Collecting): RawFields => {
  const fields: RawFields = { text: {}, consent: {}, consentGiven: false };
  for (const [key, value] of Object.entries(body)) {
    if (isTextField(key)) fields.text[key] = value;
    else if (key === 'estimatedValue') fields.estimatedValue = value;
    else if (key === 'consent') {
      if (value === null || value === undefined) continue;
      if (!isRecord(value)) {
        into.findings.note(
          'consent',
          'expected an object like {"sms": true, "email": false}',
          'Consent was not understood: left out.',
          value,
        );
        continue;
      }
      fields.consentGiven = true;
      for (const [consentKey, consentValue] of Object.entries(value)) {
        if (isConsentKey(consentKey)) fields.consent[consentKey] = consentValue;
        else unknownField(`consent.${consentKey}`, consentValue, into);
      }
    } else if (!captureOnly(key, value, fields, into)) unknownField(key, value, into);
  }
  return fields;
};

/**
 * A form value sent more than once (a repeated key): an issue; a capture reads its first non-blank value.
 * Anything but strings (a form parser's nested objects) is left out.
 */
const singleValue = (key: string, label: string, value: unknown, into: Collecting): string | undefined => {
  if (typeof value === 'string') return value;
  const issue = Array.isArray(value) ? 'expected a single value' : 'expected a string';
  const first = Array.isArray(value)
    ? value.find((item): item is string => typeof item === 'string' && item.trim() !== '')
    : undefined;
  const warning =
    first === undefined
      ? `${label} could not be read: left out.`
      : `${label} was sent more than once: the first is kept.`;
  into.findings.note(key, issue, warning);
  return first;
};

/** The fields of a plain HTML form body: every value a string; `consent.sms` or `consentSms` for consent. */
export const collectForm = (body: Record<string, unknown>, into: Collecting): RawFields => {
  const fields: RawFields = { text: {}, consent: {}, consentGiven: false };
  for (const [key, raw] of Object.entries(body)) {
    const consentKey = key.startsWith('consent.') ? key.slice('consent.'.length) : FORM_CONSENT_ALIASES[key];
    const known =
      isTextField(key) ||
      key === 'estimatedValue' ||
      key === 'consent' ||
      (into.mode === 'capture' && key === 'test') ||
      (consentKey !== undefined && isConsentKey(consentKey));
    if (!known) {
      unknownField(key, raw, into);
      continue;
    }
    const label = pathLabel(consentKey !== undefined && !isTextField(key) ? `consent.${consentKey}` : key);
    const value = singleValue(key, label, raw, into);
    if (value === undefined) continue;
    if (isTextField(key)) fields.text[key] = value;
    else if (key === 'estimatedValue') fields.estimatedValue = value;
    else if (key === 'test') fields.test = value;
    else if (consentKey !== undefined && isConsentKey(consentKey)) {
      if (fields.consent[consentKey] === undefined || fields.consent[consentKey] === '') {
        fields.consent[consentKey] = value;
      }
    } else {
      into.findings.note(
        'consent',
        'send consent.sms and consent.email as separate form fields',
        'Consent came as one form field, not as SMS and email consent: kept under “extra”.',
      );
      into.extra.add(key, value, { warn: false });
    }
  }
  return fields;
};
