/**
 * Typeform webhooks through the local runner (docs/connectors/typeform.md): a payload shaped as
 * Typeform's example payload documentation shows it, signed as "Secure your webhooks" documents
 * (`Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`), mapped by the example business
 * settings (`business.connectors.typeform.fields`).
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';

/** The secret in config/connectors.example.json. */
const SECRET = 'local-typeform-secret';

const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

/** A response as Typeform's example payload shapes it, with the refs the example settings map. */
const typeformResponse = (overrides: { token?: string; extra?: Record<string, unknown> } = {}) => ({
  event_id: '01JD8Z6C1T2Y7W3N5Q4R8S9V0X',
  event_type: 'form_response',
  form_response: {
    form_id: 'lT4Z3j',
    token: overrides.token ?? 'a3a12ec67a1365927098a606107fac15',
    landed_at: '2026-11-18T15:52:02Z',
    submitted_at: '2026-11-18T15:57:02Z',
    hidden: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'fall_tuneup', user_id: 'abc123456' },
    definition: {
      id: 'lT4Z3j',
      title: 'Book a plumber',
      fields: [
        { id: 'Fn4m3', title: 'Your name?', type: 'short_text', ref: 'name_ref' },
        { id: 'Ph0n3', title: 'Best number to reach you?', type: 'phone_number', ref: 'phone_ref' },
        { id: 'Em41l', title: 'Email?', type: 'email', ref: 'email_ref' },
        { id: 'Addr1', title: 'Street address?', type: 'short_text', ref: 'address_ref' },
        { id: 'Z1pc0', title: 'Zip code?', type: 'short_text', ref: 'zip_ref' },
        { id: 'Srv1c', title: 'What do you need?', type: 'multiple_choice', ref: 'service_ref' },
        { id: 'D3ta1', title: 'What needs fixing?', type: 'long_text', ref: 'details_ref' },
        { id: 'Em3rg', title: 'Is water on the floor right now?', type: 'yes_no', ref: 'emergency_ref' },
      ],
    },
    answers: [
      { type: 'text', text: 'Dana Reyes', field: { id: 'Fn4m3', type: 'short_text', ref: 'name_ref' } },
      {
        type: 'phone_number',
        phone_number: '+15125550199',
        field: { id: 'Ph0n3', type: 'phone_number', ref: 'phone_ref' },
      },
      { type: 'email', email: 'dana@example.com', field: { id: 'Em41l', type: 'email', ref: 'email_ref' } },
      {
        type: 'text',
        text: '12 Oak St, Austin TX',
        field: { id: 'Addr1', type: 'short_text', ref: 'address_ref' },
      },
      { type: 'text', text: '78704', field: { id: 'Z1pc0', type: 'short_text', ref: 'zip_ref' } },
      {
        type: 'choice',
        choice: { id: 'c1', label: 'Water heater', ref: 'c1-ref' },
        field: { id: 'Srv1c', type: 'multiple_choice', ref: 'service_ref' },
      },
      {
        type: 'text',
        text: 'Water heater leaking in the garage',
        field: { id: 'D3ta1', type: 'long_text', ref: 'details_ref' },
      },
      { type: 'boolean', boolean: false, field: { id: 'Em3rg', type: 'yes_no', ref: 'emergency_ref' } },
    ],
    ...overrides.extra,
  },
});

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

const post = (payload: unknown, signature?: (body: string) => string | undefined) => {
  const body = JSON.stringify(payload);
  const header = signature ? signature(body) : sign(body);
  return api.request('POST', '/hooks/typeform', {
    body,
    contentType: 'application/json',
    headers: header === undefined ? {} : { 'typeform-signature': header },
  });
};

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/typeform', () => {
  it('captures a signed response: name, phone, address, service, notes, source and campaign', async () => {
    // Act
    const response = await post(typeformResponse());

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Dana Reyes',
      phone: '+15125550199',
      email: 'dana@example.com',
      serviceAddress: '12 Oak St, Austin TX, 78704',
      zip: '78704',
      market: 'south',
      serviceType: 'water_heater',
      source: 'typeform',
      campaign: 'fall_tuneup (google / cpc)',
    });
    expect(lead.notes).toContain('What needs fixing?: Water heater leaking in the garage');
    expect(lead.notes).toContain('Is water on the floor right now?: no');
    expect(lead.notes).not.toContain('abc123456'); // an unmapped hidden field is not the customer's words
  });

  it('answers a retry of the same token with the same lead, and stores one', async () => {
    // Act
    const first = await post(typeformResponse());
    await api.advance(15 * 60);
    const again = await post(typeformResponse());

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it.each([
    ['a signature made with another secret', (body: string) => sign(body, 'not-the-secret'), 403],
    [
      'a hex signature (Typeform signs in base64)',
      (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      403,
    ],
    ['a signature of another body', () => sign('{}'), 403],
    ['no signature', () => undefined, 401],
  ])('refuses %s and stores nothing', async (_, signature, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await post(typeformResponse(), signature);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('captures a response carrying fields and answer types it does not know', async () => {
    // Prepare: Typeform adds things: new top-level keys, a new answer type, extra keys on answers
    const payload = typeformResponse({
      token: 'b7c5e0d1f2a3b4c5d6e7f8a9b0c1d2e3',
      extra: {
        calculated: { score: 9 },
        variables: [{ key: 'score', type: 'number', number: 4 }],
        ending: {},
      },
    });
    payload.form_response.answers.push({
      type: 'matrix',
      matrix: { rows: [{ label: 'a' }] },
      field: { id: 'M4trx', type: 'matrix', ref: 'matrix_ref' },
      extra_key: true,
    } as never);
    const withNewKeys = { ...payload, new_top_level: { anything: [1, 2] } };

    // Act
    const response = await post(withNewKeys);

    // Assess
    expect(response.status).toBe(200);
    expect(await leadOf(response.json.leadId)).toMatchObject({ fullName: 'Dana Reyes', source: 'typeform' });
  });

  it('captures the response of a long form (the payload carries the whole form definition, well over 32 KB)', async () => {
    // Prepare: 400 questions the customer skipped, each in the definition
    const payload = typeformResponse({ token: 'c8d6e1f2a3b4c5d6e7f8a9b0c1d2e3f4' });
    for (let i = 0; i < 400; i += 1) {
      payload.form_response.definition.fields.push({
        id: `Q${i}`,
        title: `Optional question number ${i}: anything else we should know about the job?`,
        type: 'long_text',
        ref: `optional_${i}_ref`,
      });
    }
    expect(JSON.stringify(payload).length).toBeGreaterThan(40 * 1024);

    // Act
    const response = await post(payload);

    // Assess
    expect(response.status).toBe(200);
    expect(await leadOf(response.json.leadId)).toMatchObject({ fullName: 'Dana Reyes', source: 'typeform' });
  });

  it('answers a partial response with 200 and captures nothing (the full response will come)', async () => {
    // Act
    const response = await post({ ...typeformResponse(), event_type: 'form_response_partial' });

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([]);
  });
});
