/**
 * `PATCH /leads/{id}` as a change to a lead's details: what a body means against the stored details,
 * and which fields it really changes. A PATCH that changes no field changes nothing at all: no new
 * version, no timeline entry (docs/api.md "PATCH /leads/{id}").
 */
import { ALL_LEAD_FIELDS, type LeadField } from './intake-fields';
import type { Consent, LeadDetails } from './lead-details';

const isLeadField = (field: string): boolean => (ALL_LEAD_FIELDS as readonly string[]).includes(field);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The consent a PATCH names: when it says the same yes/no to SMS and email as the stored consent and no
 * `capturedAt`, it is the stored consent (captured when it was, and how, unless a method is given);
 * otherwise it is read as new consent, captured now.
 */
const patchedConsent = (stored: Consent | undefined, given: unknown): unknown => {
  if (stored === undefined || !isRecord(given)) return given;
  const sameChoice = (given.sms ?? false) === stored.sms && (given.email ?? false) === stored.email;
  if (!sameChoice || (given.capturedAt !== undefined && given.capturedAt !== null)) return given;
  const method = given.method === undefined || given.method === null ? stored.method : given.method;
  return { ...given, sms: stored.sms, email: stored.email, capturedAt: stored.capturedAt, method };
};

/**
 * The submission a PATCH body makes of a lead's stored details: each field given replaces the stored
 * one; `null` leaves a lead field as it is (PATCH never clears a field); consent as `patchedConsent`
 * says. Unknown fields stay, null or not, for the parser to report.
 */
export const mergePatch = (stored: LeadDetails, body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([
    ...Object.entries(stored),
    ...Object.entries(body).flatMap(([field, value]) =>
      value === null && isLeadField(field)
        ? []
        : [[field, field === 'consent' ? patchedConsent(stored.consent, value) : value]],
    ),
  ]);

const sameConsent = (a: Consent | undefined, b: Consent | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.sms === b.sms &&
    a.email === b.email &&
    a.capturedAt === b.capturedAt &&
    a.method === b.method);

/** The fields whose values differ between two versions of a lead's details, in the field table's order. */
export const changedFields = (before: LeadDetails, after: LeadDetails): LeadField[] =>
  ALL_LEAD_FIELDS.filter((field) =>
    field === 'consent' ? !sameConsent(before.consent, after.consent) : before[field] !== after[field],
  );
