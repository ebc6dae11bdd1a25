/**
 * CallRail post-call webhook (apidocs.callrail.com/#webhooks, support.callrail.com "Webhooks"): a JSON POST
 * after each tracked call ends. An inbound call nobody answered, or one that went to voicemail, becomes a
 * `missed_call` lead (phone = `customer_phone_number`, id = the call's `resource_id`, or its older
 * numeric `id`), with the tracking source, campaign and keywords CallRail attributed the call to; an
 * answered or outbound call is nothing to capture (200).
 *
 * Verification as CallRail documents it ("Security"): the `Signature` header is the base64 HMAC-SHA1 of
 * the raw request body, keyed with the company's webhook signing key (Integrations → Webhooks).
 */
import * as z from 'zod';
import { callrailSettings } from '../domain/connector-settings';
import { formatLocalDate } from '../domain/date-wording';
import type { Connector, ConnectorPorts, HookRequest, Mapping, Refusal } from './connector';
import { type FieldMap, joined, mapFields, settingsOf, textOf } from './payload-fields';
import { hmac, jsonBody, sameSecret } from './signatures';

const NAME = 'callrail';

const credentials = z.object({ signingKey: z.string().min(1) });

const text = z.string().optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);

/** The fields of CallRail's call payload this connector reads; everything else is left as sent. */
const callPayload = z.object({
  resource_id: z
    .union([z.string().min(1), z.number()])
    .optional()
    .catch(undefined),
  id: z
    .union([z.string().min(1), z.number()])
    .optional()
    .catch(undefined),
  answered: flag,
  voicemail: flag,
  call_type: text,
  direction: text,
  customer_phone_number: text,
  customer_name: text,
  customer_city: text,
  customer_state: text,
  source_name: text,
  campaign: text,
  utm_campaign: text,
  keywords: text,
  gclid: text,
  tracking_phone_number: text,
  start_time: text,
  transcription: text,
});
type Call = z.infer<typeof callPayload>;

/** Call types CallRail uses for a call nobody took. */
const NOT_TAKEN = new Set(['missed', 'voicemail', 'abandoned']);

const verify = (request: HookRequest, { signingKey }: z.infer<typeof credentials>): Refusal | undefined => {
  const given = request.headers.signature;
  if (!given) return { status: 401, reason: 'no Signature header' };
  const expected = hmac('sha1', signingKey, request.rawBody, 'base64');
  return sameSecret(given, expected) ? undefined : { status: 403, reason: 'Signature does not match' };
};

const wasMissed = (call: Call): boolean =>
  call.direction !== 'outbound' &&
  (call.answered === false || call.voicemail === true || NOT_TAKEN.has(call.call_type ?? ''));

const whenOf = (call: Call, ports: ConnectorPorts): string => {
  const started = call.start_time === undefined ? Number.NaN : Date.parse(call.start_time);
  const at = Number.isNaN(started) ? ports.now : new Date(started);
  return formatLocalDate(at.toISOString(), ports.timeZone);
};

const fieldMap = (ports: ConnectorPorts): FieldMap<Call> => ({
  phone: (call) => call.customer_phone_number,
  fullName: (call) => call.customer_name,
  notes: (call) => {
    const what =
      call.voicemail || call.call_type === 'voicemail' ? 'the caller left a voicemail' : 'nobody answered';
    const from = joined([call.customer_city, call.customer_state], ', ');
    return joined(
      [
        `Missed call on ${whenOf(call, ports)}: ${what}.`,
        from && `Calling from ${from}.`,
        call.transcription && `Voicemail: ${call.transcription}`,
        'Call the customer back.',
      ],
      ' ',
    );
  },
  campaign: (call) => {
    const attribution = new Set([call.source_name?.trim(), (call.campaign || call.utm_campaign)?.trim()]);
    const keywords = call.keywords?.trim() && `keywords: ${call.keywords.trim()}`;
    return joined(['CallRail', ...attribution, keywords, call.gclid && `gclid ${call.gclid}`], ' · ');
  },
  missedBy: () => settingsOf(callrailSettings, ports, NAME)?.missedBy,
});

const map = async (request: HookRequest, _: unknown, ports: ConnectorPorts): Promise<Mapping> => {
  const parsed = callPayload.safeParse(jsonBody(request));
  if (!parsed.success) return { kind: 'unmapped', reason: 'not a CallRail call payload' };
  const call = parsed.data;
  const externalId = textOf(call.resource_id) ?? textOf(call.id);
  if (externalId === undefined) return { kind: 'unmapped', reason: 'a CallRail payload without a call id' };
  if (!wasMissed(call)) return { kind: 'none' };
  return { kind: 'lead', lead: { externalId, fields: mapFields(call, fieldMap(ports)) } };
};

export const callrail: Connector<z.infer<typeof credentials>> = {
  name: NAME,
  source: 'missed_call',
  credentials,
  verify,
  map,
};
