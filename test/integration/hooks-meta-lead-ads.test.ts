/**
 * Meta lead ads through the local runner (docs/connectors/meta-lead-ads.md): the `hub.challenge`
 * handshake, deliveries signed `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` with the
 * app secret, shaped as Meta's "Retrieving leads" guide shows a `leadgen` change, and each lead read from
 * the local fake Graph API (local/fake-graph.ts), which the local runner answers Meta's Graph URLs from.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';

/** The credentials in config/connectors.example.json. */
const VERIFY_TOKEN = 'local-meta-verify-token';
const APP_SECRET = 'local-meta-app-secret';

/** Leads of the fake Graph API (local/fake-graph.ts). */
const ROSA = '900000000000001';
const KEN = '900000000000002';

const sign = (body: string, secret = APP_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const change = (leadgenId: string, extra: Record<string, unknown> = {}) => ({
  field: 'leadgen',
  value: {
    leadgen_id: leadgenId,
    page_id: '153125381133',
    form_id: '4000000001',
    adgroup_id: '120200000000001',
    ad_id: '120200000000001',
    created_time: 1763481478,
    ...extra,
  },
});

/** A delivery as Meta's "Retrieving leads" guide shows it: a page entry with `leadgen` changes. */
const delivery = (changes: unknown[], extra: Record<string, unknown> = {}) => ({
  object: 'page',
  entry: [{ id: '153125381133', time: 1763481480, changes }],
  ...extra,
});

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

const post = (payload: unknown, signature?: (body: string) => string | undefined) => {
  const body = JSON.stringify(payload);
  const header = signature ? signature(body) : sign(body);
  return api.request('POST', '/hooks/meta-lead-ads', {
    body,
    contentType: 'application/json',
    headers: header === undefined ? {} : { 'x-hub-signature-256': header },
  });
};

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('GET /hooks/meta-lead-ads (verification request)', () => {
  it('answers the challenge as text when the verify token is ours', async () => {
    // Act
    const response = await api.request('GET', '/hooks/meta-lead-ads', {
      query: { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': VERIFY_TOKEN },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe('1158201444');
  });

  it.each([
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'nope' }],
    ['no verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': VERIFY_TOKEN }],
  ])('refuses %s with 403 and does not echo the challenge', async (_, query) => {
    // Act
    const response = await api.request('GET', '/hooks/meta-lead-ads', { query });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body).not.toBe('1');
  });
});

describe('POST /hooks/meta-lead-ads', () => {
  it('reads the lead from the Graph API: name, phone, address, service, notes, source and ad ids', async () => {
    // Act
    const response = await post(delivery([change(ROSA)]));

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.leadIds).toHaveLength(1);
    const lead = await leadOf(response.json.leadIds[0]);
    expect(lead).toMatchObject({
      fullName: 'Rosa Delgado',
      phone: '+15125550142',
      email: 'rosa@example.com',
      serviceAddress: '4410 Manchaca Rd, Austin, 78745',
      zip: '78745',
      market: 'south',
      serviceType: 'drain_cleaning',
      source: 'meta',
      campaign: 'Meta ad 120200000000001, form 4000000001',
    });
    expect(lead.notes).toBe('When is a good time to call?: After 5pm');
  });

  it('captures each lead of a delivery carrying several', async () => {
    // Act
    const response = await post(delivery([change(ROSA), change(KEN, { ad_id: '120200000000009' })]));

    // Assess
    expect(response.status).toBe(200);
    const [rosa, ken] = await Promise.all(response.json.leadIds.map(leadOf));
    expect(rosa).toMatchObject({ fullName: 'Rosa Delgado', market: 'south' });
    expect(ken).toMatchObject({
      fullName: 'Ken Ito',
      phone: '+15125550177',
      market: 'north',
      serviceType: 'water_heater',
      campaign: 'Meta ad 120200000000009, form 4000000001',
    });
    expect((await storedLeadIds(api)).sort()).toEqual([...response.json.leadIds].sort());
  });

  it("answers Meta's retry 37 hours later with the same lead, and stores one", async () => {
    // Act
    const first = await post(delivery([change(ROSA)]));
    api.clock.advance(37 * 3600); // Meta retries for up to 36 hours (timers due meanwhile run at the retry)
    const again = await post(delivery([change(ROSA)]));

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadIds).toEqual(first.json.leadIds);
    expect(await storedLeadIds(api)).toEqual(first.json.leadIds);
  });

  it.each([
    ['a signature made with another secret', (body: string) => sign(body, 'not-the-secret'), 403],
    [
      'a base64 signature (Meta signs in hex)',
      (body: string) => `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('base64')}`,
      403,
    ],
    ['the older SHA-1 signature only', () => 'sha1=0000000000000000000000000000000000000000', 403],
    ['no signature', () => undefined, 401],
  ])('refuses %s and stores nothing', async (_, signature, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await post(delivery([change(ROSA)]), signature);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('keeps a lead the Graph API does not give, with its id, for a person, and answers 200', async () => {
    // Act: one lead the Graph API knows, one it does not
    const response = await post(delivery([change(ROSA), change('900000000009999')]));

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.leadIds).toHaveLength(1);
    expect(response.json.kept).toHaveLength(1);
    const failed = (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json;
    expect(failed.items).toEqual([expect.objectContaining({ kind: 'unmapped' })]);
    const kept = (await tableItems(api)).find((item) => item.PK?.S === `INBOX#${response.json.kept[0]}`);
    expect(kept?.reason?.S).toContain('900000000009999');
    expect(kept?.reason?.S).not.toContain('local-meta-page-token');
  });

  it('captures a delivery carrying fields and changes it does not know', async () => {
    // Act
    const response = await post(
      delivery(
        [{ field: 'feed', value: { item: 'status' } }, change(KEN, { new_id: '7', nested: { a: 1 } })],
        {
          new_top_level: true,
        },
      ),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(await leadOf(response.json.leadIds[0])).toMatchObject({ fullName: 'Ken Ito', source: 'meta' });
  });

  it('answers a delivery with no lead in it with 200 and stores nothing', async () => {
    // Act
    const response = await post(delivery([{ field: 'feed', value: { item: 'status' } }]));

    // Assess
    expect(response.status).toBe(200);
    expect(await tableItems(api)).toEqual([]);
  });
});
