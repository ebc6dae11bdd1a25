/**
 * CallRail's post-call webhook through the local runner (docs/connectors/callrail.md): an unanswered or
 * voicemail call becomes a `missed_call` lead with CallRail's attribution as the campaign; an answered
 * call stores nothing; a bad `Signature` stores nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS, callrailSignature } from '../support/hooks';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';
import { callrailCall } from '../support/source-fixtures';

const KEY = CREDENTIALS.callrail.signingKey;

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

/** Posts `call` as CallRail does: JSON, `Signature` over the exact bytes sent. */
const callrailPost = (call: Record<string, unknown>, signature?: string) => {
  const body = JSON.stringify(call);
  return api.request('POST', '/hooks/callrail', {
    body,
    contentType: 'application/json',
    headers: signature === '' ? {} : { signature: signature ?? callrailSignature(KEY, body) },
  });
};

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/callrail', () => {
  it("captures CallRail's documented voicemail as a missed_call lead with its name, phone, campaign and notes", async () => {
    // Act
    const response = await callrailPost(callrailCall());

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Kaylah Mills',
      phone: '+12148654559',
      source: 'missed_call',
      externalId: 'CALb14811eb573645c6989000cf426b9772',
      campaign: 'CallRail · Google AdWords',
      missedBy: 'dana',
      status: 'needs_info',
    });
    expect(lead.notes).toBe(
      'Missed call on Mon Feb 19, 12:41 PM: the caller left a voicemail. Calling from Rochester, PA. Call the customer back.',
    );
    expect(lead.handoff.to).toMatchObject({ id: 'irene', name: 'Irene Castillo' });
  });

  it('keeps the keywords and click id CallRail attributed the call to', async () => {
    // Act
    const response = await callrailPost(
      callrailCall({
        voicemail: false,
        call_type: 'missed',
        campaign: 'Water heaters - Austin',
        keywords: 'water heater repair',
        gclid: 'Cj0KCQiA-test',
        transcription: '',
      }),
    );

    // Assess
    const lead = await leadOf(response.json.leadId);
    expect(lead.campaign).toBe(
      'CallRail · Google AdWords · Water heaters - Austin · keywords: water heater repair · gclid Cj0KCQiA-test',
    );
    expect(lead.notes).toContain('nobody answered');
  });

  it.each([
    ['an answered call', { answered: true, voicemail: false, call_type: 'inbound' }],
    ['an outbound call', { answered: false, voicemail: false, direction: 'outbound', call_type: 'outbound' }],
  ])('stores nothing for %s and answers 200', async (_, overrides) => {
    // Act
    const response = await callrailPost(callrailCall(overrides));

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([]);
  });

  it('answers a retry of the same call with the same lead, days later', async () => {
    // Act
    const first = await callrailPost(callrailCall());
    api.clock.advance(49 * 3600); // days later, past Meta's 36 h: only the clock moves
    const again = await callrailPost(callrailCall());

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it('stores a call whose payload carries fields CallRail added since', async () => {
    // Act
    const response = await callrailPost(
      callrailCall({ agent_email: 'x@example.com', sentiment: { score: 0.2 }, milestones: [{}] }),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([response.json.leadId]);
  });

  it.each([
    [
      'a Signature made with another key',
      callrailSignature('another-key', JSON.stringify(callrailCall())),
      403,
    ],
    ['no Signature', '', 401],
  ])('refuses %s and stores nothing', async (_, signature, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await callrailPost(callrailCall(), signature);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });
});
