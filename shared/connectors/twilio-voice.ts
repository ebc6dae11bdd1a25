/**
 * Twilio Voice (twilio.com/docs/voice/twiml/dial, twilio.com/docs/usage/webhooks/webhooks-security): the
 * business's Twilio number calls this hook when a call comes in. We answer TwiML that `<Dial>`s the
 * business (`dialNumber` setting) with an `action` back to this hook; when the dialled call ends, Twilio
 * posts its `DialCallStatus` here. Nobody answered (`no-answer`, `busy`, `failed`, `canceled`) → a
 * `missed_call` lead (phone = `From`, id = `CallSid`) and a short message to the caller; answered → nothing.
 *
 * Verification as Twilio documents it: `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called followed by every POST parameter's name and value,
 * sorted by name (Twilio's helper libraries also accept the URL with or without its standard port, and
 * sort repeated values; so do we). Every answer, even to a payload we cannot read, is TwiML (`text/xml`):
 * a caller never hears an application error.
 */
import * as z from 'zod';
import { twilioVoiceSettings } from '../domain/connector-settings';
import { formatLocalDate } from '../domain/date-wording';
import type { Connector, ConnectorPorts, HookRequest, HookResponse, Mapping, Refusal } from './connector';
import { type FieldMap, joined, mapFields, settingsOf } from './payload-fields';
import { formFields, hmac, sameSecret } from './signatures';
import { dial, hangup, say, twiml } from './twiml';

const NAME = 'twilio-voice';

const credentials = z.object({ authToken: z.string().min(1) });

type Settings = z.infer<typeof twilioVoiceSettings>;

const FALLBACK_MESSAGE = twilioVoiceSettings.shape.callbackMessage.parse(undefined);

/** Dial outcomes in which nobody picked up (Twilio's `DialCallStatus` values). */
const MISSED: ReadonlyMap<string, string> = new Map([
  ['no-answer', 'nobody answered'],
  ['busy', 'the line was busy'],
  ['failed', 'the call could not be connected'],
  ['canceled', 'the caller hung up before anyone answered'],
]);

/** The POST parameters, every value of every name, for the signature. */
const allParams = (request: HookRequest): Map<string, string[]> => {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(request.rawBody.toString('utf8'))) {
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
};

/** The URL as called, and with its standard port added or removed (Twilio signs either form). */
const urlForms = (url: string): string[] => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const standard = parsed.protocol === 'https:' ? '443' : '80';
  const withoutPort = new URL(parsed.href);
  withoutPort.port = '';
  const withPort = `${parsed.protocol}//${parsed.hostname}:${parsed.port || standard}${parsed.pathname}${parsed.search}`;
  return [...new Set([url, withoutPort.href, withPort])];
};

/** Twilio's signature of a request to `url` with `params`, keyed with the auth token. */
export const twilioSignature = (authToken: string, url: string, params: Map<string, string[]>): string => {
  const signed = [...params.keys()]
    .sort()
    .flatMap((name) => [...new Set(params.get(name))].sort().map((value) => `${name}${value}`))
    .join('');
  return hmac('sha1', authToken, Buffer.from(`${url}${signed}`, 'utf8'), 'base64');
};

const verify = (request: HookRequest, { authToken }: z.infer<typeof credentials>): Refusal | undefined => {
  const given = request.headers['x-twilio-signature'];
  if (!given) return { status: 401, reason: 'no X-Twilio-Signature' };
  const params = allParams(request);
  const matches = urlForms(request.url).map((url) =>
    sameSecret(given, twilioSignature(authToken, url, params)),
  );
  return matches.includes(true) ? undefined : { status: 403, reason: 'X-Twilio-Signature does not match' };
};

type Call = Record<string, string>;

/** A missed call as a lead: the caller's number, their caller-ID name if Twilio looked it up. */
const missedCallFields = (reason: string, settings: Settings | undefined, ports: ConnectorPorts) => {
  const when = formatLocalDate(ports.now.toISOString(), ports.timeZone);
  const map: FieldMap<Call> = {
    phone: (call) => call.From,
    fullName: (call) => call.CallerName,
    notes: (call) => {
      const from = joined([call.FromCity, call.FromState], ', ');
      const where = from ? ` Calling from ${from}.` : '';
      return `Missed call on ${when}: ${reason}.${where} Call the customer back.`;
    },
    campaign: (call) => call.To && `Twilio line ${call.To}`,
    missedBy: () => settings?.missedBy,
  };
  return map;
};

const answerCaller = (ports: ConnectorPorts): HookResponse =>
  twiml(say(settingsOf(twilioVoiceSettings, ports, NAME)?.callbackMessage ?? FALLBACK_MESSAGE), hangup());

const map = async (request: HookRequest, _: unknown, ports: ConnectorPorts): Promise<Mapping> => {
  const call = formFields(request);
  const callSid = call.CallSid;
  if (!callSid) return { kind: 'unmapped', reason: 'not a Twilio call webhook (no CallSid)' };
  const settings = settingsOf(twilioVoiceSettings, ports, NAME);
  const status = call.DialCallStatus;
  let reason: string | undefined;
  if (status === undefined) {
    // A call coming in: ring the business, and hear back here when the dialled call ends.
    if (settings) {
      const action = `${ports.hooksBaseUrl}/${NAME}`;
      return {
        kind: 'none',
        response: twiml(dial(settings.dialNumber, { action, timeout: settings.ringSeconds })),
      };
    }
    reason = 'no phone is set up to ring';
  } else {
    reason = MISSED.get(status);
    if (reason === undefined) return { kind: 'none', response: twiml(hangup()) };
  }
  const fields = mapFields(call, missedCallFields(reason, settings, ports));
  return { kind: 'lead', lead: { externalId: callSid, fields } };
};

export const twilioVoice: Connector<z.infer<typeof credentials>> = {
  name: NAME,
  source: 'missed_call',
  credentials,
  verify,
  map,
  answer: (_captured, _request, ports) => answerCaller(ports),
  unmappedAnswer: (_request, ports) => answerCaller(ports),
};
