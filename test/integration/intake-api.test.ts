import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds } from '../support/local-api';

const lead = {
  fullName: 'Ana Diaz',
  phone: '512-555-0199',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'emergency',
  notes: 'Burst pipe under the kitchen sink',
  consent: { sms: true, email: false },
};

let api: LocalApi;
let phoneCounter = 100;
/** A fresh customer phone per test, so the 24-hour duplicate rule does not join unrelated tests. */
const freshLead = (overrides: Record<string, unknown> = {}) => {
  phoneCounter += 1;
  return { ...lead, phone: `512-555-0${phoneCounter}`, ...overrides };
};

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => {
  await api.stop();
});
beforeEach(() => {
  api.clock.advance(3600);
});

describe('POST /leads', () => {
  it('answers 201 with the owner and the acceptance deadline for a complete lead', async () => {
    // Act
    const res = await api.request('POST', '/leads', { key: KEYS.webForm, body: freshLead() });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'awaiting_acceptance', owner: { role: expect.any(String) } });
    expect(Date.parse(res.json.acceptBy) - api.clock.now().getTime()).toBe(5 * 60_000);
  });

  it('answers 201 needs_info with the missing fields for an incomplete lead, and stores it', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.phone,
      body: { phone: '512-555-0142', notes: 'Caller hung up before giving the address' },
    });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('needs_info');
    expect(res.json.missing).toEqual(expect.arrayContaining(['serviceAddress', 'serviceType', 'urgency']));
    expect(await storedLeadIds(api)).toContain(res.json.leadId);
  });

  it('answers 400 with the contact’s problems and stores nothing when nobody could reach the customer', async () => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: { phone: 'not a phone', email: 'nobody@', urgency: 'someday', estimatedValue: 'lots' },
    });

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation_failed');
    expect(res.json.issues).toEqual([
      { path: 'phone', message: 'not a valid phone number' },
      { path: 'email', message: 'not a valid email address' },
      { path: 'phone', message: 'a phone or an email is required to contact the customer' },
    ]);
    expect(await storedLeadIds(api)).toEqual(before);
  });

  it('captures odd values with a usable contact (201): each left out or not matched is a warning', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: freshLead({ email: 'nobody@', urgency: 'someday', estimatedValue: 'lots', CallSid: 'CA1' }),
    });

    // Assess
    expect(res.status).toBe(201);
    expect(res.json.warnings.map((w: { field: string }) => w.field)).toEqual([
      'email',
      'urgency',
      'estimatedValue',
      'CallSid',
    ]);
    const lead = await api.request('GET', `/leads/${res.json.leadId}`, { key: KEYS.ops });
    expect(lead.json).toMatchObject({
      urgency: 'standard',
      extra: { CallSid: 'CA1' },
      warnings: res.json.warnings,
    });
    expect(lead.json.email).toBeUndefined();
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: '{"fullName": ',
      contentType: 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'body', message: 'not valid JSON' }]);
  });

  it('answers 413 for a body over 32 KB', async () => {
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: freshLead({ notes: 'x'.repeat(33 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.json.error).toBe('payload_too_large');
  });

  it('answers 415 for another content type', async () => {
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: 'name=Ana',
      contentType: 'text/plain',
    });
    expect(res.status).toBe(415);
  });

  it('accepts a plain HTML form post with the key in the query and redirects to the named URL on this site', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      query: { key: KEYS.webForm },
      headers: { host: 'localhost:3000' },
      form: true,
      body: {
        fullName: 'Bo Chen',
        phone: '(512) 555-0177',
        serviceAddress: '400 Main St, Round Rock TX 78664',
        serviceType: 'drain_cleaning',
        urgency: 'standard',
        notes: 'Shower drain is slow',
        'consent.sms': 'true',
        'consent.email': 'false',
        redirect: 'http://localhost:3000/thanks',
      },
    });

    // Assess
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location ?? '');
    expect(location.origin + location.pathname).toBe('http://localhost:3000/thanks');
    expect(location.searchParams.get('status')).toBe('awaiting_acceptance');
    expect(await storedLeadIds(api)).toContain(location.searchParams.get('leadId'));
  });

  it('refuses a form whose redirect is not an absolute http(s) URL, storing nothing', async () => {
    const before = await storedLeadIds(api);
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      form: true,
      body: { ...freshLead(), consent: '', redirect: 'javascript:alert(1)' },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues).toContainEqual({
      path: 'redirect',
      message: 'must be an absolute http(s) URL or a path on this site',
    });
    expect(await storedLeadIds(api)).toEqual(before);
  });
});

describe('API keys', () => {
  it('refuses a missing key with 401 and no detail', async () => {
    const res = await api.request('POST', '/leads', { body: freshLead() });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: 'unauthorized' });
  });

  it('refuses an unknown key with 401 and no detail', async () => {
    const res = await api.request('POST', '/leads', { key: 'guess-key', body: freshLead() });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: 'unauthorized' });
  });

  it('refuses an intake key on an ops endpoint with 403', async () => {
    const created = await api.request('POST', '/leads', { key: KEYS.webForm, body: freshLead() });
    const res = await api.request('GET', `/leads/${created.json.leadId}`, { key: KEYS.webForm });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: 'forbidden' });
  });

  it('refuses the ops key passed in the query string (ops keys never go in URLs)', async () => {
    const created = await api.request('POST', '/leads', { key: KEYS.webForm, body: freshLead() });
    const res = await api.request('GET', `/leads/${created.json.leadId}`, { query: { key: KEYS.ops } });
    expect(res.status).toBe(401);
  });

  it('records the key source as the lead channel', async () => {
    const created = await api.request('POST', '/leads', { key: KEYS.phone, body: freshLead() });
    const res = await api.request('GET', `/leads/${created.json.leadId}`, { key: KEYS.ops });
    expect(res.json.channel).toBe('phone');
    expect(res.json.source).toBe('phone');
  });
});

describe('idempotency and duplicates', () => {
  it('replays the first answer for the same Idempotency-Key and body, with one lead stored', async () => {
    // Prepare
    const body = freshLead();
    const before = (await storedLeadIds(api)).length;

    // Act
    const first = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body,
      headers: { 'idempotency-key': 'form-123' },
    });
    const second = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body,
      headers: { 'idempotency-key': 'form-123' },
    });

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect((await storedLeadIds(api)).length).toBe(before + 1);
  });

  it('answers 409 when an Idempotency-Key is reused with a different body', async () => {
    await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: freshLead(),
      headers: { 'idempotency-key': 'form-456' },
    });
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: freshLead({ notes: 'something else' }),
      headers: { 'idempotency-key': 'form-456' },
    });
    expect(res.status).toBe(409);
  });

  it('does not cache a refused request under its Idempotency-Key', async () => {
    const bad = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: { phone: 'x' },
      headers: { 'idempotency-key': 'form-789' },
    });
    const good = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: freshLead(),
      headers: { 'idempotency-key': 'form-789' },
    });
    expect(bad.status).toBe(400);
    expect(good.status).toBe(201);
  });

  it('creates one lead for phone-system retries with the same externalId', async () => {
    // Prepare
    const call = freshLead({ externalId: 'CA-5521' });

    // Act
    const first = await api.request('POST', '/leads', { key: KEYS.phone, body: call });
    const retry = await api.request('POST', '/leads', { key: KEYS.phone, body: call });

    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.json.leadId).toBe(first.json.leadId);
    expect((await storedLeadIds(api)).filter((id) => id === first.json.leadId)).toHaveLength(1);
  });

  it('attaches the same phone within 24 h to the open lead and says duplicateOf', async () => {
    // Prepare
    const body = freshLead({ urgency: 'standard' });
    const first = await api.request('POST', '/leads', { key: KEYS.webForm, body });
    api.clock.advance(2 * 3600);

    // Act
    const again = await api.request('POST', '/leads', {
      key: KEYS.phone,
      body: { ...body, notes: 'Calling again about the sink' },
    });

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.duplicateOf).toBe(first.json.leadId);
    const stored = await api.request('GET', `/leads/${first.json.leadId}`, { key: KEYS.ops });
    expect(stored.json.timeline.map((e: { type: string }) => e.type)).toContain('contacted_again');
  });
});

describe('GET and PATCH /leads/{id}', () => {
  it('returns the lead with its timeline', async () => {
    const created = await api.request('POST', '/leads', { key: KEYS.webForm, body: freshLead() });
    const res = await api.request('GET', `/leads/${created.json.leadId}`, { key: KEYS.ops });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(created.json.leadId);
    expect(res.json.timeline.slice(0, 3).map((e: { type: string }) => e.type)).toEqual([
      'lead_received',
      'routed',
      'handoff_created',
    ]);
  });

  it('answers 404 for an unknown lead and 400 for a malformed id', async () => {
    expect((await api.request('GET', '/leads/01ZZZZZZZZZZZZZZZZZZZZZZZZ', { key: KEYS.ops })).status).toBe(
      404,
    );
    expect((await api.request('GET', '/leads/nope', { key: KEYS.ops })).status).toBe(400);
  });

  it('completes a needs_info lead, which is then routed to a named owner', async () => {
    // Prepare
    const created = await api.request('POST', '/leads', {
      key: KEYS.phone,
      body: { phone: '512-555-0163', fullName: 'Cy Park', consent: { sms: false, email: false } },
    });

    // Act
    const res = await api.request('PATCH', `/leads/${created.json.leadId}`, {
      key: KEYS.ops,
      body: {
        serviceAddress: '9 Elm St, Buda TX 78610',
        serviceType: 'water_heater',
        urgency: 'standard',
        notes: 'No hot water since this morning',
      },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('awaiting_acceptance');
    expect(res.json.market).toBe('south');
    expect(res.json.handoff).toMatchObject({ seq: 2, kind: 'route' });
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['details_updated', 'lead_completed', 'routed']),
    );
  });

  it('refuses a malformed PATCH with 400 and changes nothing', async () => {
    // Prepare
    const created = await api.request('POST', '/leads', { key: KEYS.phone, body: { phone: '512-555-0164' } });
    const before = await api.request('GET', `/leads/${created.json.leadId}`, { key: KEYS.ops });

    // Act
    const res = await api.request('PATCH', `/leads/${created.json.leadId}`, {
      key: KEYS.ops,
      body: { urgency: 'yesterday', externalId: 'x' },
    });

    // Assess
    expect(res.status).toBe(400);
    const after = await api.request('GET', `/leads/${created.json.leadId}`, { key: KEYS.ops });
    expect(after.json).toEqual(before.json);
  });
});
