/**
 * Typeform webhooks (https://www.typeform.com/developers/webhooks/secure-your-webhooks/ and
 * https://www.typeform.com/developers/webhooks/example-payload/): a JSON POST signed with the webhook's
 * secret: `Typeform-Signature: sha256=<base64 of the HMAC-SHA256 of the raw body>`, compared in
 * constant time. The payload's `form_response.answers` each name their question by `field.ref` (and
 * `field.id`); the business maps refs to lead fields (`business.connectors.typeform.fields`, e.g.
 * `{"name_ref": "fullName"}`). An email or phone question needs no mapping; other unmapped answers
 * go into the notes with the question's title from `form_response.definition.fields`. Hidden fields
 * named in the map fill their field; `utm_*` hidden fields make the campaign. The source's id is
 * `form_response.token`. Only `form_response` events make leads (a partial response does not).
 */
import * as z from 'zod';
import { typeformSettings } from '../domain/connector-settings';
import type { Connector, Mapping } from './connector';
import { type Answer, campaignFromUtm, connectorSettings, leadFieldsFrom } from './field-map';
import { hmac, jsonBody, sameSecret } from './signatures';

const credentials = z.object({ secret: z.string().min(1) });

/** Answers of these types fill their field when no setting names them. */
const BY_TYPE = { '@email': 'email', '@phone_number': 'phone' } as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const answer = z.object({
  type: z.string().max(100),
  field: z.object({ id: z.string().max(200).optional(), ref: z.string().max(200).optional() }),
  text: scalar.optional(),
  email: scalar.optional(),
  phone_number: scalar.optional(),
  url: scalar.optional(),
  file_url: scalar.optional(),
  date: scalar.optional(),
  number: scalar.optional(),
  boolean: scalar.optional(),
  choice: z.object({ label: z.string().optional(), other: z.string().optional() }).optional(),
  choices: z.object({ labels: z.array(z.string()).optional(), other: z.string().optional() }).optional(),
});

const payload = z.object({
  event_type: z.string().max(100),
  form_response: z.object({
    token: z.string().min(1).max(200),
    hidden: z.record(z.string(), scalar).optional(),
    definition: z
      .object({ fields: z.array(z.object({ id: z.string().optional(), title: z.string().optional() })) })
      .optional(),
    answers: z.array(answer).max(500),
  }),
});

/** Where each answer type keeps its value (`choice` and `choices` are read apart). */
const VALUE_KEYS = ['text', 'email', 'phone_number', 'url', 'file_url', 'date', 'number', 'boolean'] as const;

/** An answer's value as text, whatever its type (`text`, `email`, `choice`, `choices`, `boolean`…). */
const answerText = (a: z.infer<typeof answer>): string => {
  if (a.choice) return a.choice.label ?? a.choice.other ?? '';
  if (a.choices) return [...(a.choices.labels ?? []), a.choices.other].filter(Boolean).join(', ');
  const own = VALUE_KEYS.find((key) => key === a.type);
  const value = own ? a[own] : VALUE_KEYS.map((key) => a[key]).find((v) => v !== undefined);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === undefined ? '' : String(value);
};

const signatureOf = (headers: Readonly<Record<string, string>>) => headers['typeform-signature'];

export const typeform: Connector<z.infer<typeof credentials>> = {
  name: 'typeform',
  source: 'typeform',
  credentials,
  verify: (request, { secret }) => {
    const given = signatureOf(request.headers);
    if (given === undefined) return { status: 401, reason: 'no Typeform-Signature header' };
    const expected = `sha256=${hmac('sha256', secret, request.rawBody, 'base64')}`;
    return sameSecret(given.trim(), expected)
      ? undefined
      : { status: 403, reason: 'Typeform-Signature does not match' };
  },
  map: async (request, _credentials, ports): Promise<Mapping> => {
    const settings = connectorSettings(ports.settings.typeform, 'typeform', typeformSettings);
    const parsed = payload.safeParse(jsonBody(request));
    if (!parsed.success) return { kind: 'unmapped', reason: 'not a Typeform response we can read' };
    const { event_type: event, form_response: response } = parsed.data;
    if (event !== 'form_response') return { kind: 'none' };
    if (!settings.ok) return { kind: 'unmapped', reason: settings.reason, externalId: response.token };
    const map = { ...BY_TYPE, ...settings.settings.fields };
    const titles = new Map((response.definition?.fields ?? []).map((f) => [f.id, f.title]));
    const answers: Answer[] = response.answers.map((a) => ({
      keys: [a.field.ref, a.field.id, `@${a.type}`].filter((key): key is string => key !== undefined),
      question: titles.get(a.field.id) ?? a.field.ref ?? 'Question',
      value: answerText(a),
    }));
    const hidden = Object.fromEntries(
      Object.entries(response.hidden ?? {}).map(([key, value]) => [key, String(value)]),
    );
    // Hidden fields are not the customer's words: only those the map names are read.
    const named = Object.entries(hidden).flatMap(([key, value]) =>
      Object.hasOwn(settings.settings.fields, key) ? [{ keys: [key], question: key, value }] : [],
    );
    const fields: Record<string, unknown> = leadFieldsFrom([...answers, ...named], map);
    const campaign = campaignFromUtm(hidden);
    if (fields.campaign === undefined && campaign) fields.campaign = campaign.slice(0, 200);
    return { kind: 'lead', lead: { externalId: response.token, fields } };
  },
};
