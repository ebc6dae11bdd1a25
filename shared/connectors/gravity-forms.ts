/**
 * Gravity Forms Webhooks Add-On (https://docs.gravityforms.com/triggering-webhooks-form-submissions/):
 * a feed that POSTs the entry (https://docs.gravityforms.com/entry-object/) when a form is submitted:
 * Request Format JSON (or FORM), Request Body "All Fields" (the entry: `id`, `form_id`, `source_url`…,
 * and each answer keyed by its field id, `"1.3"` for the first name of field 1) or "Select Fields" (keys
 * the business chose). The add-on does not sign requests; the feed sends a key the business chose, as an
 * `x-api-key` request header or `?key=` in the Request URL, compared in constant time (missing → 401,
 * wrong → 403). The business maps field ids to lead fields (`business.connectors["gravity-forms"].fields`,
 * e.g. `{"1.3": "firstName", "1.6": "lastName", "2": "phone"}`); unmapped answers go into the notes,
 * under their question from the `labels` setting (`{"6": "What needs fixing?"}`) or as "Field 6".
 * `utm_*` parameters of the entry's `source_url` make the campaign. The source's id is the entry `id`.
 */
import * as z from 'zod';
import { gravityFormsSettings } from '../domain/connector-settings';
import type { Connector, HookRequest, Mapping } from './connector';
import { type Answer, campaignFromUtm, connectorSettings, leadFieldsFrom, questionOf } from './field-map';
import { formFields, jsonBody, sameSecret } from './signatures';

const credentials = z.object({ key: z.string().min(1) });

/** The entry's own properties (Entry Object): not answers. */
const ENTRY_PROPERTIES = new Set([
  'id',
  'form_id',
  'post_id',
  'date_created',
  'date_updated',
  'is_starred',
  'is_read',
  'ip',
  'source_url',
  'source_id',
  'user_agent',
  'currency',
  'payment_status',
  'payment_date',
  'payment_amount',
  'payment_method',
  'transaction_id',
  'is_fulfilled',
  'created_by',
  'transaction_type',
  'status',
]);

const id = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform(String);

const entry = z.looseObject({ id, source_url: z.string().max(2000).nullish() });

const bodyOf = (request: HookRequest): unknown =>
  /^\s*application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')
    ? formFields(request)
    : jsonBody(request);

/** UTM parameters of the page the form was on. */
const utmOf = (url: string | null | undefined): Record<string, string> => {
  if (!url) return {};
  try {
    return Object.fromEntries([...new URL(url).searchParams].filter(([name]) => name.startsWith('utm_')));
  } catch {
    return {};
  }
};

export const gravityForms: Connector<z.infer<typeof credentials>> = {
  name: 'gravity-forms',
  source: 'gravity_forms',
  credentials,
  verify: (request, { key }) => {
    const given = request.headers['x-api-key'] ?? request.query.get('key') ?? undefined;
    if (given === undefined) return { status: 401, reason: 'no x-api-key header or key in the URL' };
    return sameSecret(given, key) ? undefined : { status: 403, reason: 'key does not match' };
  },
  map: async (request, _credentials, ports): Promise<Mapping> => {
    const parsed = entry.safeParse(bodyOf(request));
    if (!parsed.success) return { kind: 'unmapped', reason: 'not a Gravity Forms entry we can read' };
    const { id: entryId, source_url: sourceUrl, ...rest } = parsed.data;
    const settings = connectorSettings(
      ports.settings['gravity-forms'],
      'gravity-forms',
      gravityFormsSettings,
    );
    if (!settings.ok) return { kind: 'unmapped', reason: settings.reason, externalId: entryId };
    const { fields: map, labels } = settings.settings;
    const answers: Answer[] = Object.entries(rest).flatMap(([key, value]) => {
      const mapped = Object.hasOwn(map, key);
      if (!mapped && (ENTRY_PROPERTIES.has(key) || key.startsWith('gpdf_'))) return [];
      if (typeof value !== 'string' && typeof value !== 'number') return [];
      const question = Object.hasOwn(labels, key) ? (labels[key] ?? key) : questionOf(key);
      return [{ keys: [key], question, value: String(value) }];
    });
    const fields: Record<string, unknown> = leadFieldsFrom(answers, map);
    const campaign = campaignFromUtm(utmOf(sourceUrl));
    if (fields.campaign === undefined && campaign) fields.campaign = campaign.slice(0, 200);
    return { kind: 'lead', lead: { externalId: entryId, fields } };
  },
};
