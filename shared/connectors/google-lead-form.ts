/**
 * Google Ads lead form webhook (developers.google.com/google-ads/webhook/docs/implementation): a JSON
 * POST with `lead_id`, `user_column_data` (`column_id` such as FULL_NAME, PHONE_NUMBER, EMAIL,
 * STREET_ADDRESS, CITY, POSTAL_CODE, with `string_value`), `campaign_id`, `form_id`, `is_test`, and the
 * `google_key` the advertiser typed into the form's webhook settings, which is how a request proves it
 * is Google's. Custom questions (any other column) go into the notes, with their question text.
 */
import * as z from 'zod';
import type { Connector, Mapping } from './connector';
import { jsonBody, sameSecret } from './signatures';

const credentials = z.object({ key: z.string().min(1) });

const column = z.object({
  column_id: z.string().optional(),
  column_name: z.string().optional(),
  string_value: z.string().optional(),
});

const payload = z.object({
  lead_id: z.union([z.string().min(1), z.number()]).transform(String),
  user_column_data: z.array(column).max(100),
  google_key: z.string().optional(),
  is_test: z.boolean().optional(),
  campaign_id: z.union([z.string(), z.number()]).transform(String).optional(),
  form_id: z.union([z.string(), z.number()]).transform(String).optional(),
  adgroup_id: z.union([z.string(), z.number()]).transform(String).optional(),
  gcl_id: z.string().optional(),
});

/** Columns that are our lead's fields; every other column is a question, kept in the notes. */
const KNOWN = new Set([
  'FULL_NAME',
  'FIRST_NAME',
  'LAST_NAME',
  'PHONE_NUMBER',
  'EMAIL',
  'STREET_ADDRESS',
  'CITY',
  'POSTAL_CODE',
]);

const keyOf = (body: unknown): string | undefined =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { google_key?: unknown }).google_key === 'string'
    ? (body as { google_key: string }).google_key
    : undefined;

export const googleLeadForm: Connector<z.infer<typeof credentials>> = {
  name: 'google-lead-form',
  source: 'google_lead_form',
  credentials,
  verify: (request, { key }) => {
    const given = keyOf(jsonBody(request));
    if (given === undefined) return { status: 401, reason: 'no google_key' };
    return sameSecret(given, key) ? undefined : { status: 403, reason: 'google_key does not match' };
  },
  map: async (request): Promise<Mapping> => {
    const parsed = payload.safeParse(jsonBody(request));
    if (!parsed.success) return { kind: 'unmapped', reason: 'not a Google lead form payload' };
    const lead = parsed.data;
    const value = (id: string) =>
      lead.user_column_data.find((c) => c.column_id === id)?.string_value?.trim() || undefined;
    const fullName =
      value('FULL_NAME') ??
      ([value('FIRST_NAME'), value('LAST_NAME')].filter(Boolean).join(' ') || undefined);
    const street = value('STREET_ADDRESS');
    const city = value('CITY');
    const answers = lead.user_column_data
      .filter((c) => !KNOWN.has(c.column_id ?? '') && c.string_value?.trim())
      .map((c) => `${c.column_name ?? c.column_id ?? 'Question'}: ${c.string_value?.trim()}`);
    const fields: Record<string, unknown> = {
      ...(fullName ? { fullName } : {}),
      ...(value('PHONE_NUMBER') ? { phone: value('PHONE_NUMBER') } : {}),
      ...(value('EMAIL') ? { email: value('EMAIL') } : {}),
      ...(street || city ? { serviceAddress: [street, city].filter(Boolean).join(', ') } : {}),
      ...(value('POSTAL_CODE') ? { zip: value('POSTAL_CODE') } : {}),
      ...(answers.length ? { notes: answers.join('\n') } : {}),
      ...(lead.campaign_id ? { campaign: `Google Ads campaign ${lead.campaign_id}` } : {}),
    };
    return {
      kind: 'lead',
      lead: { externalId: lead.lead_id, fields, ...(lead.is_test ? { test: true } : {}) },
    };
  },
};
