/**
 * Gravity Forms Webhooks Add-On through the local runner (docs/connectors/gravity-forms.md): the entry
 * as the add-on posts it with Request Body "All Fields" (Entry Object: `id`, `form_id`, `source_url`…
 * and answers keyed by field id, `"1.3"` the first name of field 1), the key as an `x-api-key` request
 * header or `?key=`, field ids mapped by the example business settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';

/** The key in config/connectors.example.json. */
const KEY = 'local-gravity-forms-key';

/** An entry as the Entry Object documentation describes it: a name, phone, email and address field. */
const gravityEntry = (overrides: Record<string, unknown> = {}) => ({
  id: '481',
  form_id: '3',
  post_id: null,
  date_created: '2026-11-18 15:59:01',
  date_updated: '2026-11-18 15:59:01',
  is_starred: 0,
  is_read: 0,
  ip: '203.0.113.9',
  source_url:
    'https://lonestar.example.com/contact/?utm_source=facebook&utm_medium=social&utm_campaign=winter_drains',
  user_agent: 'Mozilla/5.0',
  currency: 'USD',
  payment_status: null,
  payment_date: null,
  payment_amount: null,
  payment_method: '',
  transaction_id: null,
  is_fulfilled: null,
  created_by: null,
  transaction_type: null,
  status: 'active',
  '1.2': '',
  '1.3': 'Dana',
  '1.4': '',
  '1.6': 'Reyes',
  '1.8': '',
  '2': '(512) 555-0199',
  '3': 'dana@example.com',
  '4.1': '12 Oak St',
  '4.2': '',
  '4.3': 'Austin',
  '4.4': 'Texas',
  '4.5': '78704',
  '4.6': 'United States',
  '5': 'Drain cleaning',
  '6': 'Kitchen sink backs up',
  ...overrides,
});

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

const post = (body: unknown, auth: { headers?: Record<string, string>; query?: Record<string, string> }) =>
  api.request('POST', '/hooks/gravity-forms', { body, ...auth });

const withHeader = { headers: { 'x-api-key': KEY } };

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/gravity-forms', () => {
  it('captures an entry: name, phone, address, service, notes, source and campaign', async () => {
    // Act
    const response = await post(gravityEntry(), withHeader);

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Dana Reyes',
      phone: '+15125550199',
      email: 'dana@example.com',
      serviceAddress: '12 Oak St, Austin, Texas 78704',
      zip: '78704',
      market: 'south',
      serviceType: 'drain_cleaning',
      source: 'gravity_forms',
      campaign: 'winter_drains (facebook / social)',
    });
    expect(lead.notes).toBe('What needs fixing?: Kitchen sink backs up'); // labels setting
  });

  it('takes the key from ?key= in the Request URL as well', async () => {
    // Act
    const response = await post(gravityEntry(), { query: { key: KEY } });

    // Assess
    expect(response.status).toBe(200);
    expect(await leadOf(response.json.leadId)).toMatchObject({ fullName: 'Dana Reyes' });
  });

  it('answers a retry of the same entry id with the same lead, and stores one', async () => {
    // Act
    const first = await post(gravityEntry(), withHeader);
    await api.advance(15 * 60);
    const again = await post(gravityEntry({ id: 481 }), withHeader); // the id as a number: the same entry

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it.each([
    ['a wrong x-api-key', { headers: { 'x-api-key': 'not-the-key' } }, 403],
    ['a wrong ?key=', { query: { key: 'not-the-key' } }, 403],
    ['no key', {}, 401],
  ])('refuses %s and stores nothing', async (_, auth, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await post(gravityEntry(), auth);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('captures an entry with fields and properties it does not know', async () => {
    // Act
    const response = await post(
      gravityEntry({
        id: '482',
        source_id: '17',
        gpdf_6048493b8acce: 'https://lonestar.example.com/pdf/6048493b8acce/482/',
        '7': 'Side gate code 1234',
        '8.1': 'Yes',
        newer_property: { nested: true },
      }),
      withHeader,
    );

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({ fullName: 'Dana Reyes', source: 'gravity_forms' });
    expect(lead.notes).toContain('Field 7: Side gate code 1234');
    expect(lead.notes).not.toContain('pdf');
  });

  it('keeps an entry without a phone or email for a person, and answers 200', async () => {
    // Act
    const response = await post(gravityEntry({ id: '483', '2': '', '3': '' }), withHeader);

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.kept).toEqual(expect.any(String));
    expect(await storedLeadIds(api)).toEqual([]);
    const failed = (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json;
    expect(failed.items).toEqual([expect.objectContaining({ kind: 'unmapped' })]);
  });
});
