/**
 * Meta (Facebook and Instagram) lead ads, through Meta's Webhooks
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/) and the Lead Ads
 * retrieving guide (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving/):
 * - Handshake: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`; when the token is the
 *   `verifyToken` we answer the challenge as text, else 403.
 * - Each POST is signed `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the
 *   app secret>` (missing → 401, wrong → 403, compared in constant time).
 * - A `leadgen` change carries only ids (`leadgen_id`, `page_id`, `form_id`, `ad_id`, `adgroup_id`); the
 *   lead itself is read from the Graph API, `GET {graphBaseUrl}/{leadgen_id}?access_token={pageToken}`,
 *   whose `field_data` (`full_name`, `phone_number`, `email`, `street_address`, `city`, `zip_code`…)
 *   maps to our lead; custom questions go into the notes, or to the field the business names in
 *   `business.connectors["meta-lead-ads"].fields`. One delivery may carry several leads: each is captured.
 *
 * A lead the Graph API does not give us (Meta down, token expired or lacking permission) is kept for a
 * person under its `leadgen_id`, with its ids, in the failed list, and Meta gets its 200. Answering 5xx
 * instead would make Meta retry for up to 36 hours, but a failure that lasts (an expired token, the most
 * common one) would then lose the lead silently when Meta gives up, and keep the whole delivery, leads
 * we did capture included, retrying. Kept, a person sees it at once and finds it in Meta's Leads Center
 * by its id.
 */
import * as z from 'zod';
import { metaLeadAdsSettings } from '../domain/connector-settings';
import type { Connector, ConnectorPorts, HookResponse, MappedLead, Mapping, SeveralItem } from './connector';
import { type Answer, connectorSettings, type FieldMap, leadFieldsFrom, questionOf } from './field-map';
import { hmac, jsonBody, sameSecret } from './signatures';

const credentials = z.object({
  verifyToken: z.string().min(1),
  appSecret: z.string().min(1),
  pageToken: z.string().min(1),
});

/** Meta's standard questions (`field_data` names), read without a mapping. */
const STANDARD: FieldMap = {
  full_name: 'fullName',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  phone_number: 'phone',
  street_address: 'street',
  city: 'city',
  state: 'state',
  province: 'state',
  zip_code: 'zip',
  post_code: 'zip',
  country: 'ignore',
};

/** Most leads read from one delivery; more are kept for a person (Meta batches only a few). */
const MAX_LEADS = 25;

/** How long one Graph API read may take: the leads are read at once, well within the function's 10 s. */
const GRAPH_TIMEOUT_MS = 4000;

/** Meta's ids: strings of digits, or JSON numbers small enough to be exact. */
const metaId = z.union([
  z.string().regex(/^\d{1,30}$/),
  z
    .number()
    .int()
    .nonnegative()
    .refine((n) => Number.isSafeInteger(n))
    .transform(String),
]);

const leadgen = z.object({
  leadgen_id: metaId,
  page_id: metaId.optional(),
  form_id: metaId.optional(),
  ad_id: metaId.optional(),
  adgroup_id: metaId.optional(),
});

const delivery = z.object({
  entry: z
    .array(z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown() })).max(1000) }))
    .max(1000),
});

const graphLead = z.object({
  field_data: z.array(z.object({ name: z.string().max(300), values: z.array(z.string()).max(50) })).max(200),
});

const graphError = z.object({ error: z.object({ message: z.string() }) });

/** The challenge is a number Meta makes up; anything else is not echoed back. */
const CHALLENGE = /^[A-Za-z0-9_-]{1,200}$/;

const text = (statusCode: number, body: string): HookResponse => ({
  statusCode,
  contentType: 'text/plain; charset=utf-8',
  body,
});

/** The campaign in plain words from the ids Meta gives: the ad, and the form when known. */
const campaignOf = (ids: z.infer<typeof leadgen>): string | undefined => {
  const ad = ids.ad_id ?? ids.adgroup_id;
  const parts = [ad ? `Meta ad ${ad}` : 'Meta lead form', ids.form_id ? `form ${ids.form_id}` : undefined];
  return ad || ids.form_id ? parts.filter(Boolean).join(', ') : undefined;
};

/** Reads one lead from the Graph API: the lead, or why it could not be read (never the token). */
const fetchLead = async (
  ids: z.infer<typeof leadgen>,
  settings: z.infer<typeof metaLeadAdsSettings>,
  pageToken: string,
  ports: ConnectorPorts,
): Promise<SeveralItem> => {
  const externalId = ids.leadgen_id;
  const url = `${settings.graphBaseUrl.replace(/\/+$/, '')}/${externalId}?access_token=${encodeURIComponent(pageToken)}`;
  let document: unknown;
  try {
    document = await ports.fetchJson(url, { signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS) });
  } catch {
    return {
      kind: 'unmapped',
      externalId,
      reason: `Meta lead ${externalId} could not be read from Meta (no answer)`,
    };
  }
  const lead = graphLead.safeParse(document);
  if (!lead.success) {
    const error = graphError.safeParse(document);
    const why = error.success ? `Meta said: ${error.data.error.message.slice(0, 300)}` : 'not a lead';
    return {
      kind: 'unmapped',
      externalId,
      reason: `Meta lead ${externalId} could not be read from Meta: ${why}`,
    };
  }
  const answers: Answer[] = lead.data.field_data.map((f) => ({
    keys: [f.name],
    question: questionOf(f.name),
    value: f.values.join(', '),
  }));
  const fields: Record<string, unknown> = leadFieldsFrom(answers, { ...STANDARD, ...settings.fields });
  const campaign = campaignOf(ids);
  if (fields.campaign === undefined && campaign) fields.campaign = campaign;
  const mapped: MappedLead = { externalId, fields };
  return { kind: 'lead', lead: mapped };
};

export const metaLeadAds: Connector<z.infer<typeof credentials>> = {
  name: 'meta-lead-ads',
  source: 'meta',
  credentials,
  handshake: (request, { verifyToken }) => {
    const mode = request.query.get('hub.mode');
    const token = request.query.get('hub.verify_token') ?? undefined;
    const challenge = request.query.get('hub.challenge') ?? '';
    if (mode !== 'subscribe' || !sameSecret(token, verifyToken)) return text(403, 'Forbidden');
    return CHALLENGE.test(challenge) ? text(200, challenge) : text(400, 'Bad challenge');
  },
  verify: (request, { appSecret }) => {
    const given = request.headers['x-hub-signature-256'];
    if (given === undefined) return { status: 401, reason: 'no X-Hub-Signature-256 header' };
    const expected = `sha256=${hmac('sha256', appSecret, request.rawBody, 'hex')}`;
    return sameSecret(given.trim().toLowerCase(), expected)
      ? undefined
      : { status: 403, reason: 'X-Hub-Signature-256 does not match' };
  },
  map: async (request, { pageToken }, ports): Promise<Mapping> => {
    const parsed = delivery.safeParse(jsonBody(request));
    if (!parsed.success) return { kind: 'unmapped', reason: 'not a Meta lead notice we can read' };
    const changes = parsed.data.entry.flatMap((e) => e.changes.filter((c) => c.field === 'leadgen'));
    if (changes.length === 0) return { kind: 'none' };
    const leads = changes.map((c) => leadgen.safeParse(c.value));
    if (leads.some((l) => !l.success)) {
      return { kind: 'unmapped', reason: 'a Meta lead notice without a lead id' };
    }
    const settings = connectorSettings(ports.settings['meta-lead-ads'], 'meta-lead-ads', metaLeadAdsSettings);
    const notices = leads.flatMap((lead) => (lead.success ? [lead.data] : []));
    // Read at once, each with its own time limit: one slow lead does not hold up the others.
    const items = await Promise.all(
      notices.map(async (notice, index): Promise<SeveralItem> => {
        const externalId = notice.leadgen_id;
        if (!settings.ok) return { kind: 'unmapped', externalId, reason: settings.reason };
        if (index >= MAX_LEADS) {
          const reason = `Meta lead ${externalId}: too many leads at once, find it in Meta's Leads Center`;
          return { kind: 'unmapped', externalId, reason };
        }
        return fetchLead(notice, settings.settings, pageToken, ports);
      }),
    );
    return { kind: 'several', items };
  },
};
