/**
 * Reads a lead submission: a JSON body with exact types, or a plain HTML form body where
 * every value is a string. Two kinds of bad input are kept apart:
 * - **malformed** (wrong types, unknown fields or values, bad phone or email, oversized field, no way to
 *   contact the customer): `{ ok: false, issues }` with every problem by field path; nothing is stored;
 * - **incomplete** (well-formed but missing handoff-contract fields): `{ ok: true, missing }`; the lead is
 *   stored anyway and goes to intake.
 */
import type { Issue } from '../errors';
import { missingFields } from './completeness';
import type { Roster } from './config';
import { CONSENT_FIELDS, CONSENT_KEYS, type ConsentKey, TEXT_FIELDS, type TextField } from './intake-fields';
import {
  type BodyFormat,
  readBoolean,
  readChoice,
  readEmail,
  readInstant,
  readNumber,
  readPhone,
  readText,
  zipFromAddress,
} from './intake-readers';
import {
  type CompletenessField,
  type Consent,
  FITS,
  type Fit,
  type LeadDetails,
  SOURCES,
  type Source,
  URGENCIES,
  type Urgency,
} from './lead';

/** How to read one submission. */
export interface SubmissionContext {
  /** 'json' bodies must have exact types; 'form' bodies (x-www-form-urlencoded, every value a string) are coerced. */
  format: BodyFormat;
  /** The API key's source; the default for `source`. */
  channel: Source;
  /** `business.defaultPhoneCountry`, e.g. 'US': how national-format phone numbers are read. */
  defaultCountry: string;
  /** ISO instant of intake; `consent.capturedAt` defaults to it. */
  now: string;
  roster: Pick<Roster, 'markets' | 'serviceTypes'>;
}

/** A well-formed lead (possibly incomplete), or every reason it is malformed. */
export type SubmissionResult =
  | { ok: true; details: LeadDetails; missing: CompletenessField[] }
  | { ok: false; issues: Issue[] };

/** The values of one submission by field path, before they are checked. */
interface RawFields {
  text: Partial<Record<TextField, unknown>>;
  estimatedValue?: unknown;
  consent: Partial<Record<ConsentKey, unknown>>;
  consentGiven: boolean;
}

/** Flat form keys accepted for the consent fields, besides `consent.<key>`. */
const FORM_CONSENT_ALIASES: Readonly<Record<string, ConsentKey>> = Object.fromEntries(
  CONSENT_KEYS.map((key) => [CONSENT_FIELDS[key].formAlias, key]),
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTextField = (key: string): key is TextField => (TEXT_FIELDS as readonly string[]).includes(key);
const isConsentKey = (key: string): key is ConsentKey => (CONSENT_KEYS as readonly string[]).includes(key);

const collectJson = (body: Record<string, unknown>, issues: Issue[]): RawFields => {
  const fields: RawFields = { text: {}, consent: {}, consentGiven: false };
  for (const [key, value] of Object.entries(body)) {
    if (isTextField(key)) fields.text[key] = value;
    else if (key === 'estimatedValue') fields.estimatedValue = value;
    else if (key === 'consent') {
      if (value === null || value === undefined) continue;
      if (!isRecord(value)) {
        issues.push({ path: 'consent', message: 'expected an object like {"sms": true, "email": false}' });
        continue;
      }
      fields.consentGiven = true;
      for (const [consentKey, consentValue] of Object.entries(value)) {
        if (isConsentKey(consentKey)) fields.consent[consentKey] = consentValue;
        else issues.push({ path: `consent.${consentKey}`, message: 'unknown field' });
      }
    } else issues.push({ path: key, message: 'unknown field' });
  }
  return fields;
};

const collectForm = (body: Record<string, unknown>, issues: Issue[]): RawFields => {
  const fields: RawFields = { text: {}, consent: {}, consentGiven: false };
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') {
      issues.push({
        path: key,
        message: Array.isArray(value) ? 'expected a single value' : 'expected a string',
      });
      continue;
    }
    const consentKey = key.startsWith('consent.') ? key.slice('consent.'.length) : FORM_CONSENT_ALIASES[key];
    if (isTextField(key)) fields.text[key] = value;
    else if (key === 'estimatedValue') fields.estimatedValue = value;
    else if (consentKey !== undefined && isConsentKey(consentKey)) {
      if (fields.consent[consentKey] === undefined || fields.consent[consentKey] === '') {
        fields.consent[consentKey] = value;
      }
    } else if (key === 'consent') {
      issues.push({ path: 'consent', message: 'send consent.sms and consent.email as separate form fields' });
    } else issues.push({ path: key, message: 'unknown field' });
  }
  return fields;
};

/** Consent when the submission says anything about SMS or email consent; undefined when it says nothing. */
const readConsent = (raw: RawFields, ctx: SubmissionContext, issues: Issue[]): Consent | undefined => {
  const sms = readBoolean('consent.sms', raw.consent.sms, ctx.format, issues);
  const email = readBoolean('consent.email', raw.consent.email, ctx.format, issues);
  const method = readText('consent.method', raw.consent.method, issues);
  const capturedAt = readInstant(
    'consent.capturedAt',
    readText('consent.capturedAt', raw.consent.capturedAt, issues),
    issues,
  );
  const said = [raw.consent.sms, raw.consent.email].some(
    (value) => value !== undefined && value !== null && value !== '',
  );
  if (!said && (raw.consentGiven || method !== undefined || capturedAt !== undefined)) {
    issues.push({ path: 'consent', message: 'say consent.sms and/or consent.email (true or false)' });
  }
  if (sms === undefined && email === undefined) return undefined;
  // A checkbox left unticked is simply absent from a form: with the other key present it means "no".
  return {
    sms: sms ?? false,
    email: email ?? false,
    capturedAt: capturedAt ?? ctx.now,
    method: method ?? `${ctx.channel} submission`,
  };
};

/** `record` without its undefined values, so stored leads carry no empty keys. */
const definedOnly = <T extends Record<string, unknown>>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * Reads one submission. Returns every malformation by field path, or the cleaned details (trimmed text,
 * E.164 phone, lowercase email, zip taken from the address, market derived from the zip, defaults for
 * source, fit and consent) with the handoff-contract fields that are still missing.
 */
export const parseSubmission = (raw: unknown, ctx: SubmissionContext): SubmissionResult => {
  if (!isRecord(raw)) {
    return { ok: false, issues: [{ path: 'body', message: 'expected an object of lead fields' }] };
  }
  const issues: Issue[] = [];
  const fields = ctx.format === 'json' ? collectJson(raw, issues) : collectForm(raw, issues);
  const text: Partial<Record<TextField, string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = readText(field, fields.text[field], issues);
    if (value !== undefined) text[field] = value;
  }

  const phone = readPhone(text.phone, ctx.defaultCountry, issues);
  const email = readEmail(text.email, issues);
  if (phone === undefined && email === undefined) {
    issues.push({ path: 'phone', message: 'a phone or an email is required to contact the customer' });
  }
  const urgency = readChoice<Urgency>('urgency', text.urgency, URGENCIES, issues);
  const source = readChoice<Source>('source', text.source, SOURCES, issues);
  const fit = readChoice<Fit>('fit', text.fit, FITS, issues);
  const serviceType = readChoice('serviceType', text.serviceType, ctx.roster.serviceTypes, issues);
  const estimatedValue = readNumber('estimatedValue', fields.estimatedValue, ctx.format, issues);

  let market: string | undefined;
  if (text.market !== undefined) {
    const known = ctx.roster.markets.find((m) => m.id.toLowerCase() === text.market?.toLowerCase());
    if (known === undefined) {
      const ids = ctx.roster.markets.map((m) => m.id).join(', ');
      issues.push({ path: 'market', message: `unknown market: must be one of: ${ids}` });
    }
    market = known?.id;
  }
  if (text.zip !== undefined && !/^\d{5}$/.test(text.zip)) {
    issues.push({ path: 'zip', message: 'expected a 5-digit zip code' });
  }
  const consent = readConsent(fields, ctx, issues);
  if (issues.length > 0) return { ok: false, issues };

  const zip = text.zip ?? zipFromAddress(text.serviceAddress);
  market ??= zip === undefined ? undefined : ctx.roster.markets.find((m) => m.zips.includes(zip))?.id;
  const details: LeadDetails = {
    source: source ?? ctx.channel,
    fit: fit ?? 'unknown',
    ...definedOnly({
      fullName: text.fullName,
      phone,
      email,
      serviceAddress: text.serviceAddress,
      market,
      zip,
      serviceType,
      urgency,
      campaign: text.campaign,
      notes: text.notes,
      promisedNextStep: text.promisedNextStep,
      consent,
      estimatedValue,
      referredBy: text.referredBy,
      missedBy: text.missedBy,
      externalId: text.externalId,
    }),
  };
  return { ok: true, details, missing: missingFields(details) };
};
