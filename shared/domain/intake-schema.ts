/**
 * Reads a lead submission: a JSON body, or a plain HTML form body where every value is a string
 * (docs/product-rules.md §2). Two readings:
 * - **capture** (intake: `POST /leads` and every connector): a lead is never bounced when it has a usable
 *   contact. Refused (`{ ok: false, issues }`, nothing stored) only when it cannot be a lead: not an
 *   object of fields, or no valid phone and no valid email. Anything else odd is captured with
 *   `warnings`: unknown fields kept under `extra`, an unknown market, service type or fit kept as the
 *   customer's words and treated as missing (an unknown urgency as `standard`), a value of the wrong
 *   type or shape left out, text cut to fit;
 * - **strict** (`PATCH /leads/{id}`, a person correcting a lead): every problem is an issue, nothing
 *   is changed.
 * Either way a well-formed lead may be **incomplete** (`missing`): it is stored and goes to intake.
 */
import type { Issue } from '../errors';
import { missingFields } from './completeness';
import type { Market, Roster } from './config';
import { collectForm, collectJson, isRecord, type RawFields, type ReadingMode } from './intake-collect';
import { ExtraFields } from './intake-extra';
import { TEXT_FIELDS, type TextField } from './intake-fields';
import { Findings, type IntakeWarning, quoted } from './intake-findings';
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
  zipOf,
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
import { SOURCE_LABELS } from './wording';

export type { ReadingMode } from './intake-collect';
export type { IntakeWarning } from './intake-findings';

/** How to read one submission. */
export interface SubmissionContext {
  /** 'json' bodies have exact types; 'form' bodies (x-www-form-urlencoded, every value a string) are coerced. */
  format: BodyFormat;
  /** `capture` for intake (never bounce a lead with a usable contact), `strict` for a correction. */
  mode: ReadingMode;
  /** The API key's source; the default for `source`. */
  channel: Source;
  /** `business.defaultPhoneCountry`, e.g. 'US': how national-format phone numbers are read. */
  defaultCountry: string;
  /** ISO instant of intake; `consent.capturedAt` defaults to it. */
  now: string;
  roster: Pick<Roster, 'markets' | 'serviceTypes'>;
}

/** A well-formed lead (possibly incomplete) with what intake noticed, or why it cannot be a lead. */
export type SubmissionResult =
  | {
      ok: true;
      details: LeadDetails;
      missing: CompletenessField[];
      /** What was left out, cut or not matched, in plain words (always empty for a strict reading). */
      warnings: IntakeWarning[];
      /** The fields we do not read, kept as text (captures only). */
      extra?: Record<string, string>;
      /** A source's test lead: stored, never routed, nobody notified, not counted. */
      test?: true;
    }
  | { ok: false; issues: Issue[] };

/** The issue of a lead nobody can contact. */
const NO_CONTACT: Issue = {
  path: 'phone',
  message: 'a phone or an email is required to contact the customer',
};

/** Consent when the submission says anything about SMS or email consent; undefined when it says nothing. */
const readConsent = (raw: RawFields, ctx: SubmissionContext, findings: Findings): Consent | undefined => {
  const sms = readBoolean('consent.sms', raw.consent.sms, ctx.format, findings);
  const email = readBoolean('consent.email', raw.consent.email, ctx.format, findings);
  const method = readText('consent.method', raw.consent.method, findings);
  const capturedAt = readInstant(
    'consent.capturedAt',
    readText('consent.capturedAt', raw.consent.capturedAt, findings),
    findings,
  );
  const said = [raw.consent.sms, raw.consent.email].some(
    (value) => value !== undefined && value !== null && value !== '',
  );
  if (!said && (raw.consentGiven || method !== undefined || capturedAt !== undefined)) {
    findings.note(
      'consent',
      'say consent.sms and/or consent.email (true or false)',
      'Consent did not say yes or no to SMS or email: left out.',
    );
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

/**
 * Where the lead is: its market, named by id or name, or found by a zip — in `zip`, in `market` (a zip the
 * sender put there, "78704"), or at the end of the address — and its zip.
 */
const readArea = (
  text: Partial<Record<TextField, string>>,
  markets: readonly Market[],
  findings: Findings,
): { market?: string; zip?: string } => {
  const byZip = (code: string | undefined) =>
    code === undefined ? undefined : markets.find((m) => m.zips.includes(code));
  let market: Market | undefined;
  let zipInMarket: string | undefined;
  const words = text.market;
  if (words !== undefined) {
    const wanted = words.toLowerCase();
    market = markets.find((m) => m.id.toLowerCase() === wanted || m.name.toLowerCase() === wanted);
    zipInMarket = market ? undefined : zipFromAddress(words);
    market ??= byZip(zipInMarket);
    if (market === undefined) {
      const ids = markets.map((m) => m.id).join(', ');
      findings.note(
        'market',
        `unknown market: must be one of: ${ids}`,
        `The customer wrote the area as ${quoted(words)}: we could not match it to a market.`,
        words,
      );
    }
  }
  const given = text.zip === undefined ? undefined : zipOf(text.zip);
  if (text.zip !== undefined && given === undefined) {
    findings.note(
      'zip',
      'expected a 5-digit zip code',
      `The zip ${quoted(text.zip)} is not a 5-digit zip code: left out.`,
      text.zip,
    );
  }
  const zip = given ?? zipInMarket ?? zipFromAddress(text.serviceAddress);
  market ??= byZip(zip);
  return { ...(market ? { market: market.id } : {}), ...(zip ? { zip } : {}) };
};

/** `record` without its undefined values, so stored leads carry no empty keys. */
const definedOnly = <T extends Record<string, unknown>>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * Reads one submission (see the file's comment for the two readings): the cleaned details (trimmed
 * text, E.164 phone, lowercase email, zip and market, defaults for source, fit and consent) with the
 * handoff-contract fields still missing and what intake noticed; or the issues that refuse it.
 */
export const parseSubmission = (raw: unknown, ctx: SubmissionContext): SubmissionResult => {
  if (!isRecord(raw)) {
    return { ok: false, issues: [{ path: 'body', message: 'expected an object of lead fields' }] };
  }
  const findings = new Findings();
  const extraFields = new ExtraFields(findings);
  const into = { format: ctx.format, mode: ctx.mode, findings, extra: extraFields };
  const fields = ctx.format === 'json' ? collectJson(raw, into) : collectForm(raw, into);
  const text: Partial<Record<TextField, string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = readText(field, fields.text[field], findings);
    if (value !== undefined) text[field] = value;
  }

  const phone = readPhone(text.phone, ctx.defaultCountry, findings);
  const email = readEmail(text.email, findings);
  const reachable = phone !== undefined || email !== undefined;
  if (!reachable) findings.issues.push(NO_CONTACT);
  const unmatched = (what: string, then: string) => (words: string) =>
    `The customer wrote the ${what} as ${words}: we could not match it${then}.`;
  const urgency = readChoice<Urgency>(
    'urgency',
    text.urgency,
    URGENCIES,
    findings,
    unmatched('urgency', ', so it is treated as standard until a person decides'),
  );
  const source = readChoice<Source>(
    'source',
    text.source,
    SOURCES,
    findings,
    unmatched('source', `, so it is recorded as ${SOURCE_LABELS[ctx.channel]}`),
  );
  const fit = readChoice<Fit>('fit', text.fit, FITS, findings, unmatched('fit', ', so it is unknown'));
  const serviceType = readChoice(
    'serviceType',
    text.serviceType,
    ctx.roster.serviceTypes,
    findings,
    unmatched('service', ' to a service type'),
  );
  const estimatedValue = readNumber('estimatedValue', fields.estimatedValue, ctx.format, findings);
  const area = readArea(text, ctx.roster.markets, findings);
  const consent = readConsent(fields, ctx, findings);
  const test = fields.test === undefined ? undefined : readBoolean('test', fields.test, ctx.format, findings);
  const extra = extraFields.result();

  if (ctx.mode === 'strict' && findings.issues.length > 0) return { ok: false, issues: findings.issues };
  if (!reachable) {
    // Only the contact's problems: the rest would have been captured with warnings.
    const contact = findings.issues.filter((issue) => issue.path === 'phone' || issue.path === 'email');
    return { ok: false, issues: contact };
  }

  const details: LeadDetails = {
    source: source ?? ctx.channel,
    fit: fit ?? 'unknown',
    ...definedOnly({
      fullName: text.fullName,
      phone,
      email,
      serviceAddress: text.serviceAddress,
      ...area,
      serviceType,
      // An urgency we could not match is standard until a person decides (§2).
      urgency: urgency ?? (text.urgency === undefined ? undefined : 'standard'),
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
  return {
    ok: true,
    details,
    missing: missingFields(details),
    warnings: ctx.mode === 'capture' ? findings.warnings : [],
    ...(extra && ctx.mode === 'capture' ? { extra } : {}),
    ...(test === true ? { test } : {}),
  };
};
