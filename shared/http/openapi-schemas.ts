/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of the public API's bodies, generated from the same
 * declarations the code validates with: the lead field table (`LEAD_FIELDS`, read by intake's parser and
 * `PATCH /leads/{id}`), and the zod schemas of transfers and the configuration.
 */
import * as z from 'zod';
import { businessSchema, rosterSchema } from '../domain/config';
import {
  ALL_LEAD_FIELDS,
  CONSENT_FIELDS,
  CONSENT_KEYS,
  type FieldSpec,
  LEAD_FIELDS,
  type LeadField,
  PATCHABLE_FIELDS,
} from '../domain/intake-fields';
import { FITS, SOURCES, URGENCIES } from '../domain/lead';
import { transferSchema } from '../domain/transfer-body';

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/** Values a choice field knows; any other value is kept as the customer's words, with a warning. */
const KNOWN_VALUES: Partial<Record<LeadField, readonly string[]>> = {
  urgency: URGENCIES,
  fit: FITS,
  source: SOURCES,
};

const FORMATS: Partial<Record<LeadField, JsonSchema>> = {
  phone: {
    description: 'A phone number in any common format; stored as E.164.',
    examples: ['(512) 555-0123'],
  },
  email: { format: 'email' },
  zip: { description: 'A 5-digit zip code; it also finds the market that lists it.' },
  market: { description: 'A market id of the roster, or a zip code; other words are kept with a warning.' },
  serviceType: { description: 'A service type of the roster; other words are kept with a warning.' },
};

const consentSchema = (): JsonSchema => ({
  type: 'object',
  description: 'What the customer agreed to be contacted by.',
  properties: Object.fromEntries(
    CONSENT_KEYS.map((key) => [
      key,
      key === 'sms' || key === 'email'
        ? { type: 'boolean' }
        : key === 'capturedAt'
          ? { type: 'string', format: 'date-time' }
          : { type: 'string', maxLength: CONSENT_FIELDS[key].maxLength },
    ]),
  ),
});

/** One lead field as JSON Schema, from its row of the field table. */
const fieldSchema = (field: LeadField): JsonSchema => {
  const spec: FieldSpec = LEAD_FIELDS[field];
  if (spec.kind === 'consent') return consentSchema();
  const known = KNOWN_VALUES[field];
  const base: JsonSchema =
    spec.kind === 'number' && spec.range
      ? {
          type: 'number',
          minimum: spec.range.min,
          maximum: spec.range.max,
          multipleOf: 10 ** -spec.range.decimals,
        }
      : { type: 'string', ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }) };
  return {
    ...base,
    title: spec.label,
    ...(known ? { description: `One of ${known.join(', ')}; other words are kept with a warning.` } : {}),
    ...FORMATS[field],
  };
};

const fieldsSchema = (fields: readonly LeadField[]): Record<string, JsonSchema> =>
  Object.fromEntries(fields.map((field) => [field, fieldSchema(field)]));

/** `POST /leads`: every field optional; a phone or an email is needed to reach the customer. */
export const leadSubmissionSchema = (): JsonSchema => ({
  type: 'object',
  properties: {
    ...fieldsSchema(ALL_LEAD_FIELDS),
    test: { type: 'boolean', description: 'A test lead: stored, marked as a test, never routed.' },
  },
  anyOf: [{ required: ['phone'] }, { required: ['email'] }],
  additionalProperties: {
    description: 'Fields we do not know are kept under `extra` (bounded), with a warning.',
  },
});

/** `PATCH /leads/{id}`: the fields that may change after intake. */
export const leadPatchSchema = (): JsonSchema => ({
  type: 'object',
  properties: fieldsSchema(PATCHABLE_FIELDS),
  additionalProperties: false,
  minProperties: 1,
});

const fromZod = (schema: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

/** `POST /leads/{id}/transfer`. */
export const transferBodySchema = (): JsonSchema => fromZod(transferSchema);

/** `PUT /ops/config`: the business settings and the roster. */
export const configBodySchema = (): JsonSchema => ({
  type: 'object',
  required: ['business', 'roster'],
  properties: { business: fromZod(businessSchema), roster: fromZod(rosterSchema) },
  additionalProperties: false,
});
