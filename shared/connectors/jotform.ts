/**
 * Jotform webhooks (https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/ and
 * https://api.jotform.com/docs/#form-id-webhooks): a `multipart/form-data` POST with `formID`,
 * `submissionID`, `formTitle`, `pretty` and `rawRequest`, a JSON string of the answers keyed by question
 * (`q3_name: {first, last}`, `q4_email`, `q5_phoneNumber: {full}`, `q6_address: {addr_line1, city,
 * state, postal}`). Jotform does not sign its webhooks, so the webhook URL carries a key the business
 * chose, `?key=<key>`, compared in constant time (missing → 401, wrong → 403). The business maps
 * questions to lead fields (`business.connectors.jotform.fields`, by `q3_name`, `name` or `3`; a part
 * of a question by `q6_address.city`); a question named `name`, `email`, `phoneNumber` or `address`
 * needs no mapping. Unmapped answers go into the notes. The source's id is `submissionID`.
 */
import * as z from 'zod';
import { jotformSettings } from '../domain/connector-settings';
import type { Connector, HookRequest, Mapping } from './connector';
import { type Answer, campaignFromUtm, connectorSettings, leadFieldsFrom, questionOf } from './field-map';
import { multipartFields } from './multipart';
import { formFields, sameSecret } from './signatures';

const credentials = z.object({ key: z.string().min(1) });

/** Jotform's default question names, read without a mapping. */
const BY_NAME = {
  name: 'fullName',
  fullName: 'fullName',
  email: 'email',
  phone: 'phone',
  phoneNumber: 'phone',
  address: 'serviceAddress',
} as const;

/** Parts of a name or phone question, joined with spaces; other questions' parts with commas. */
const SPACED_PARTS = new Set(['prefix', 'first', 'middle', 'last', 'suffix', 'area', 'phone']);

/** The body's fields: multipart as Jotform sends it, or urlencoded. */
const bodyFields = (request: HookRequest): Record<string, string> | undefined => {
  const type = request.headers['content-type'] ?? '';
  if (/^\s*application\/x-www-form-urlencoded/i.test(type)) return formFields(request);
  return multipartFields(request.rawBody, type);
};

const parseJson = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** A compound answer (name, phone, address) as one line; `full` is a phone typed as one number. */
const compound = (value: Record<string, unknown>): string => {
  const full = text(value.full);
  if (full) return full;
  const parts = Object.entries(value).flatMap(([part, v]) => {
    const t = text(v)?.trim();
    return t && !/country/i.test(part) ? [[part, t] as const] : [];
  });
  const spaced = parts.every(([part]) => SPACED_PARTS.has(part));
  return parts.map(([, t]) => t).join(spaced ? ' ' : ', ');
};

/** The answers of `rawRequest`: its `q<id>_<name>` keys, a compound split into parts when the map names one. */
const answersOf = (raw: Record<string, unknown>, map: Readonly<Record<string, unknown>>): Answer[] =>
  Object.entries(raw).flatMap(([key, value]): Answer[] => {
    const match = /^q(\d+)_(.+)$/.exec(key);
    if (!match) return [];
    const [, id = '', name = ''] = match;
    const keys = [key, name, id];
    const question = questionOf(name);
    if (Array.isArray(value)) {
      const values = value.map(text).filter((v): v is string => v !== undefined);
      return [{ keys, question, value: values.join(', ') }];
    }
    if (!isRecord(value)) return [{ keys, question, value: text(value) ?? '' }];
    const partsNamed = Object.keys(value).some((part) =>
      keys.some((k) => Object.hasOwn(map, `${k}.${part}`)),
    );
    if (!partsNamed) return [{ keys, question, value: compound(value) }];
    return Object.entries(value).map(([part, v]) => ({
      keys: keys.map((k) => `${k}.${part}`),
      question: `${question} (${questionOf(part).toLowerCase()})`,
      value: text(v) ?? '',
    }));
  });

export const jotform: Connector<z.infer<typeof credentials>> = {
  name: 'jotform',
  source: 'jotform',
  credentials,
  verify: (request, { key }) => {
    const given = request.query.get('key');
    if (given === null) return { status: 401, reason: 'no key in the URL' };
    return sameSecret(given, key) ? undefined : { status: 403, reason: 'key does not match' };
  },
  map: async (request, _credentials, ports): Promise<Mapping> => {
    const body = bodyFields(request);
    const submissionId = body?.submissionID?.trim();
    const raw = parseJson(body?.rawRequest);
    if (!body || !submissionId || submissionId.length > 200 || !isRecord(raw)) {
      return {
        kind: 'unmapped',
        reason: 'not a Jotform submission we can read',
      };
    }
    const settings = connectorSettings(ports.settings.jotform, 'jotform', jotformSettings);
    if (!settings.ok) return { kind: 'unmapped', reason: settings.reason, externalId: submissionId };
    const map = { ...BY_NAME, ...settings.settings.fields };
    const answers = answersOf(raw, map);
    const utm = Object.fromEntries(
      answers.flatMap((a) => (a.keys[1]?.startsWith('utm_') ? [[a.keys[1], a.value]] : [])),
    );
    const fields: Record<string, unknown> = leadFieldsFrom(
      answers.filter((a) => !a.keys[1]?.startsWith('utm_') || a.keys.some((k) => Object.hasOwn(map, k))),
      map,
    );
    const campaign = campaignFromUtm(utm);
    if (fields.campaign === undefined && campaign) fields.campaign = campaign.slice(0, 200);
    return { kind: 'lead', lead: { externalId: submissionId, fields } };
  },
};
