/**
 * Never bounce a lead (docs/product-rules.md §2 revised, issue 15), through the local runner's gateway:
 * what cannot be a lead is refused with nothing stored; everything else is captured (201) with warnings,
 * unknown fields kept under `extra`; a zip in the market routes to that market's person; a source's test
 * lead is stored and never routed, nobody is messaged and the numbers do not count it; the board's lead
 * page and the handoff link say what intake noticed, in the customer's words.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/board-list';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds } from '../support/local-api';
import { getLead, IN_HOURS, latestLink, leadBody, linkPath } from '../support/scenario';

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi(IN_HOURS);
});
afterEach(async () => {
  await api.stop();
});

/** A phone system's post: our phone field, and the fields Twilio sends with a call. */
const twilioLike = (): Record<string, string> => ({
  phone: '+15125550142',
  fullName: 'Rosa Ortiz',
  notes: 'Missed call: water heater leaking',
  externalId: 'CA5f0a6c1e2b',
  From: '+15125550142',
  To: '+15125550100',
  CallSid: 'CA5f0a6c1e2b',
  AccountSid: 'AC0000000000',
  CallStatus: 'no-answer',
  Direction: 'inbound',
  CallerCity: 'AUSTIN',
  CallerZip: '',
});

describe('captured with warnings (201)', () => {
  it('a Twilio-like form post: 201 with a warning per unknown field, kept under extra; a retry is the same lead', async () => {
    // Act
    const res = await api.request('POST', '/leads', { key: KEYS.phone, form: true, body: twilioLike() });
    const retry = await api.request('POST', '/leads', { key: KEYS.phone, form: true, body: twilioLike() });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('needs_info');
    const unknown = ['From', 'To', 'CallSid', 'AccountSid', 'CallStatus', 'Direction', 'CallerCity'];
    expect(res.json.warnings.map((w: { field: string }) => w.field)).toEqual(unknown);
    const lead = await api.request('GET', `/leads/${res.json.leadId}`, { key: KEYS.ops });
    expect(lead.json.extra).toEqual({
      From: '+15125550142',
      To: '+15125550100',
      CallSid: 'CA5f0a6c1e2b',
      AccountSid: 'AC0000000000',
      CallStatus: 'no-answer',
      Direction: 'inbound',
      CallerCity: 'AUSTIN',
    });
    expect(lead.json.warnings).toEqual(res.json.warnings);
    expect(lead.json.externalId).toBe('CA5f0a6c1e2b');
    expect([retry.status, retry.json.leadId]).toEqual([200, res.json.leadId]);
  });

  it('the customer’s words for the area: needs_info for intake, and the board and the handoff link say it plainly', async () => {
    // Prepare
    const body = leadBody({ serviceAddress: undefined, market: 'north side', CallSid: 'CA77' });

    // Act
    const res = await api.request('POST', '/leads', { key: KEYS.webForm, body });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'needs_info', missing: ['serviceAddress'] });
    const said = 'The customer wrote the area as “north side”: we could not match it to a market.';
    expect(res.json.warnings[0]).toEqual({ field: 'market', message: said, words: 'north side' });
    const cookie = await signIn(api, 'priya');
    const page = await api.request('GET', `/board/leads/${res.json.leadId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(said);
    expect(page.body).toContain('Other details sent');
    expect(page.body).toContain('CallSid: CA77');
    const card = await api.request('GET', linkPath(latestLink(api, 'irene')));
    expect(card.body).toContain(said);
  });

  it.each([
    ['78704', 'kelly'],
    ['78664', 'tomas'],
  ])('a zip in the market (%s) routes to that market’s person (%s)', async (market, person) => {
    // Prepare
    const body = leadBody({
      serviceAddress: undefined,
      market,
      serviceType: 'water_heater',
      urgency: 'estimate',
    });

    // Act
    const res = await api.request('POST', '/leads', { key: KEYS.webForm, body });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json.owner.id).toBe(person);
    expect(res.json.warnings).toBeUndefined();
    expect(await getLead(api, res.json.leadId)).toMatchObject({ zip: market, status: 'awaiting_acceptance' });
  });
});

describe('a source’s test lead', () => {
  it('is stored and marked, never routed, nobody messaged, not counted in the week; the board says "Test lead"', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: leadBody({ fullName: 'Gina Test', urgency: 'emergency', test: true }),
    });
    await api.advance(3 * 3600);

    // Assess
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ leadId: res.json.leadId, status: 'closed', test: true });
    const lead = await getLead(api, res.json.leadId);
    expect(lead).toMatchObject({ test: true, status: 'closed' });
    expect(lead.handoff).toBeUndefined();
    expect(lead.timeline.map((entry) => entry.type)).toEqual(['lead_received']);
    expect(api.app.outbox.list()).toEqual([]);
    const week = await api.request('GET', '/ops/reports/weekly', {
      key: KEYS.ops,
      query: { week: '2026-W47' },
    });
    expect(week.json.leadsReceived).toBe(0);
    const cookie = await signIn(api, 'priya');
    const page = await api.request('GET', `/board/leads/${res.json.leadId}`, { headers: { cookie } });
    expect(page.body).toContain('Test lead');
    expect(page.body).toContain('never routed');
  });
});

describe('never bounce (property, 200 runs each way)', () => {
  const KEYS_SENT = [
    'fullName',
    'serviceAddress',
    'market',
    'zip',
    'serviceType',
    'urgency',
    'source',
    'campaign',
    'notes',
    'promisedNextStep',
    'consent',
    'fit',
    'estimatedValue',
    'referredBy',
    'missedBy',
    'test',
    'extra',
    'From',
    'CallSid',
  ];
  const key = fc.oneof(
    fc.constantFrom(...KEYS_SENT),
    fc.string({ maxLength: 30 }).filter((k) => !['phone', 'email', 'externalId'].includes(k)),
  );
  const body = fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 15 });

  it('any JSON object with a valid phone is captured (201); without phone or email it is refused (400), nothing stored', async () => {
    // Prepare
    const before = (await storedLeadIds(api)).length;
    let phone = 1000;
    let captured = 0;

    // Act
    await fc.assert(
      fc.asyncProperty(body, async (fields) => {
        phone += 1;
        const kept = await api.request('POST', '/leads', {
          key: KEYS.webForm,
          body: { ...fields, phone: `512-555-${phone}` },
        });
        const refused = await api.request('POST', '/leads', { key: KEYS.webForm, body: fields });
        // Assess (per case)
        expect(kept.status).toBe(201);
        expect(refused.status).toBe(400);
        expect(refused.json.issues.every((i: { path: string }) => ['phone', 'email'].includes(i.path))).toBe(
          true,
        );
        captured += 1;
      }),
      { numRuns: 200, seed: 15 },
    );

    // Assess
    expect(captured).toBe(200);
    expect((await storedLeadIds(api)).length).toBe(before + 200);
  });
});
