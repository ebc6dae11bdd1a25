/**
 * Twilio Voice through the local runner (docs/connectors/twilio-voice.md): a call comes in, we dial the
 * business with a `<Dial action>` back to us, nobody answers, and the caller becomes one `missed_call`
 * lead handed to a named person. Every answer is well-formed TwiML, even for what we cannot read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS, twilioSignature } from '../support/hooks';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';
import { twilioDialEnded, twilioIncomingCall } from '../support/source-fixtures';
import { elementsOf, parseXml, textOf, type XmlElement } from '../support/xml';

const TOKEN = CREDENTIALS['twilio-voice'].authToken;
/** What the local runner answers on, so what Twilio signs (config: publicBaseUrl). */
const HOOK_URL = 'http://localhost:3000/hooks/twilio-voice';

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

/** Posts `params` to `url` as Twilio does: form-encoded, signed with the auth token over that URL. */
const twilioPost = async (params: Record<string, string>, url = HOOK_URL, token = TOKEN) => {
  const { pathname } = new URL(url);
  return api.request('POST', pathname, {
    body: params,
    form: true,
    headers: { 'x-twilio-signature': twilioSignature(token, url, params) },
  });
};

/** The TwiML answer, parsed (it must be well-formed), with its verbs. */
const twimlOf = (response: { status: number; headers: Record<string, string>; body: string }) => {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/xml');
  const root = parseXml(response.body);
  expect(root.name).toBe('Response');
  return elementsOf(root);
};

const verbNames = (verbs: XmlElement[]) => verbs.map((verb) => verb.name);

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/twilio-voice: incoming call → dial → no answer', () => {
  it('dials the business, then turns the unanswered call into one missed_call lead handed to a named person', async () => {
    // Act 1: the call comes in
    const incoming = twimlOf(await twilioPost(twilioIncomingCall()));

    // Assess 1: dial the business, with Twilio posting the outcome back to us
    expect(verbNames(incoming)).toEqual(['Dial']);
    const [dialVerb] = incoming;
    expect(dialVerb?.attributes).toEqual({ action: HOOK_URL, method: 'POST', timeout: '20' });
    expect(textOf(dialVerb as XmlElement)).toBe('+15125550102');
    expect(await storedLeadIds(api)).toEqual([]);

    // Act 2: nobody answered; Twilio posts to the <Dial action> URL
    const action = dialVerb?.attributes.action ?? '';
    const ended = twimlOf(await twilioPost(twilioDialEnded('no-answer'), action));

    // Assess 2: the caller hears we will call back; one missed_call lead
    expect(verbNames(ended)).toEqual(['Say', 'Hangup']);
    expect(textOf(ended[0] as XmlElement)).toContain('call you back');
    const ids = await storedLeadIds(api);
    expect(ids).toHaveLength(1);
    const lead = await leadOf(ids[0] ?? '');
    expect(lead).toMatchObject({
      phone: '+15125550199',
      source: 'missed_call',
      externalId: 'CA5f1a2b3c4d5e6f708192a3b4c5d6e7f8',
      campaign: 'Twilio line +15125550150',
      missedBy: 'dana',
      status: 'needs_info',
    });
    expect(lead.notes).toBe(
      'Missed call on Wed Nov 18, 10:00 AM: nobody answered. Calling from AUSTIN, TX. Call the customer back.',
    );
    // A named person has it now: intake, to complete it.
    expect(lead.handoff.to).toEqual({ id: 'irene', name: 'Irene Castillo', role: 'intake' });
  });

  it('once intake completes the missed call, routes it back to the person who missed it', async () => {
    // Prepare
    await twilioPost(twilioIncomingCall());
    await twilioPost(twilioDialEnded('busy'));
    const [id = ''] = await storedLeadIds(api);

    // Act
    const completed = await api.request('PATCH', `/leads/${id}`, {
      key: KEYS.ops,
      body: {
        fullName: 'Sam Reed',
        serviceAddress: '12 Oak St, Austin TX 78704',
        serviceType: 'plumbing_repair',
        urgency: 'standard',
        consent: { sms: false, email: false },
      },
    });

    // Assess
    expect(completed.status).toBe(200);
    const lead = await leadOf(id);
    expect(lead.status).toBe('awaiting_acceptance');
    expect(lead.handoff.to).toEqual({ id: 'dana', name: 'Dana Whitfield', role: 'dispatch' });
    expect(lead.notes).toContain('the line was busy');
  });

  it.each(['completed', 'answered'])(
    'stores nothing when the dialled call was %s, and hangs up',
    async (status) => {
      // Act
      const verbs = twimlOf(await twilioPost(twilioDialEnded(status)));

      // Assess
      expect(verbNames(verbs)).toEqual(['Hangup']);
      expect(await storedLeadIds(api)).toEqual([]);
    },
  );

  it('answers a retry of the same callback with the same TwiML and keeps one lead', async () => {
    // Act
    const first = await twilioPost(twilioDialEnded('canceled'));
    const again = await twilioPost(twilioDialEnded('canceled'));

    // Assess
    expect(again.body).toBe(first.body);
    expect(verbNames(twimlOf(again))).toEqual(['Say', 'Hangup']);
    expect(await storedLeadIds(api)).toHaveLength(1);
  });

  it('stores a missed call whose request carries parameters Twilio added since', async () => {
    // Act
    const response = await twilioPost(
      twilioDialEnded('failed', { StirVerstat: 'TN-Validation-Passed-A', CallToken: '%7B%22x%22%3A1%7D' }),
    );

    // Assess
    expect(verbNames(twimlOf(response))).toEqual(['Say', 'Hangup']);
    expect(await storedLeadIds(api)).toHaveLength(1);
  });

  it.each([
    ['another auth token', { token: 'not-the-token' }, 403],
    ['a signature over another URL', { url: 'http://localhost:3000/hooks/twilio-voice?x=1' }, 403],
    ['no signature', { unsigned: true }, 401],
  ])('refuses %s and stores nothing', async (_, how, status) => {
    // Prepare
    const before = (await tableItems(api)).length;
    const params = twilioDialEnded('no-answer');
    const signature = twilioSignature(
      'token' in how ? how.token : TOKEN,
      'url' in how ? how.url : HOOK_URL,
      params,
    );

    // Act
    const response = await api.request('POST', '/hooks/twilio-voice', {
      body: params,
      form: true,
      headers: 'unsigned' in how ? {} : { 'x-twilio-signature': signature },
    });

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('answers TwiML to the caller even when the call cannot be a lead (a withheld number), and keeps it for a person', async () => {
    // Act
    const response = await twilioPost(
      twilioDialEnded('no-answer', { From: 'anonymous', Caller: 'anonymous' }),
    );

    // Assess
    expect(verbNames(twimlOf(response))).toEqual(['Say', 'Hangup']);
    expect(await storedLeadIds(api)).toEqual([]);
    const failed = (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json;
    expect(failed.items).toEqual([expect.objectContaining({ kind: 'unmapped' })]);
  });
});
