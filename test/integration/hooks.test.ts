/**
 * Lead source webhooks through the local runner (docs/connectors.md), with the Google Ads lead form
 * connector as the example: verified requests become leads, a bad key stores nothing, a retry is the
 * same lead, and a payload the connector cannot read is kept for a person and still answered 2xx.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';

/** The key in config/connectors.example.json. */
const GOOGLE_KEY = 'local-google-key';

/** A lead as Google's webhook documentation shapes it. */
const googleLead = (overrides: Record<string, unknown> = {}) => ({
  lead_id:
    'TeSter-123-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghijklmnopqrstuvwxyz-0123456789-AaBbCcDdEeFfGgHhIiJjKkLl',
  api_version: '1.0',
  form_id: 40000000001,
  campaign_id: 20000000002,
  google_key: GOOGLE_KEY,
  is_test: false,
  gcl_id: 'gcl-1',
  adgroup_id: 30000000003,
  creative_id: 50000000004,
  user_column_data: [
    { column_name: 'Full Name', string_value: 'Dana Reyes', column_id: 'FULL_NAME' },
    { column_name: 'User Phone', string_value: '+15125550199', column_id: 'PHONE_NUMBER' },
    { column_name: 'User Email', string_value: 'dana@example.com', column_id: 'EMAIL' },
    { column_name: 'Street address', string_value: '12 Oak St', column_id: 'STREET_ADDRESS' },
    { column_name: 'City', string_value: 'Austin', column_id: 'CITY' },
    { column_name: 'Postal code', string_value: '78701', column_id: 'POSTAL_CODE' },
    {
      column_name: 'What needs fixing?',
      string_value: 'Water heater leaking',
      column_id: 'what_needs_fixing',
    },
  ],
  ...overrides,
});

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

const post = (connector: string, body: unknown) => api.request('POST', `/hooks/${connector}`, { body });

describe('POST /hooks/google-lead-form', () => {
  it('captures a signed lead with its name, phone, address, notes, source and campaign', async () => {
    // Act
    const response = await post('google-lead-form', googleLead());

    // Assess
    expect(response.status).toBe(200);
    const lead = (await api.request('GET', `/leads/${response.json.leadId}`, { key: KEYS.ops })).json;
    expect(lead).toMatchObject({
      fullName: 'Dana Reyes',
      phone: '+15125550199',
      email: 'dana@example.com',
      serviceAddress: '12 Oak St, Austin',
      zip: '78701',
      source: 'google_lead_form',
      campaign: 'Google Ads campaign 20000000002',
    });
    expect(lead.notes).toContain('What needs fixing?: Water heater leaking');
  });

  it('answers a retry of the same lead_id with the same lead, and stores one', async () => {
    // Act
    const first = await post('google-lead-form', googleLead());
    await api.advance(49 * 3600); // past 48 h: beyond Meta's 36 h retry window
    const again = await post('google-lead-form', googleLead());

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it.each([
    ['a wrong google_key', { google_key: 'not-the-key' }, 403],
    ['no google_key', { google_key: undefined }, 401],
  ])('refuses %s and stores nothing', async (_, overrides, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await post('google-lead-form', googleLead(overrides));

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('keeps a payload it cannot read, answers 2xx, and lists it as a failed handoff for a person', async () => {
    // Act: a signed request whose shape changed upstream
    const response = await post('google-lead-form', {
      google_key: GOOGLE_KEY,
      lead: { id: 'x', answers: [] },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([]);
    const failed = (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json;
    expect(failed.items).toEqual([
      expect.objectContaining({ kind: 'unmapped', id: expect.stringContaining(response.json.kept) }),
    ]);
    const kept = (await tableItems(api)).find((item) => item.PK?.S === `INBOX#${response.json.kept}`);
    expect(kept?.body?.S).toContain('"answers":[]');
  });
});

describe('/hooks/{connector}', () => {
  it('answers 404 for a connector that does not exist, and for GET where the source has no handshake', async () => {
    expect((await post('no-such-source', googleLead())).status).toBe(404);
    expect((await api.request('GET', '/hooks/google-lead-form')).status).toBe(404);
  });
});
