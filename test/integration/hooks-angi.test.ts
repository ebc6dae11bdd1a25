/**
 * Angi lead delivery through the local runner (docs/connectors/angi.md): a lead posted with the
 * business's `x-api-key` is captured with its name, phone, address, service and notes, and answered
 * with the JSON success Angi looks for; a wrong or missing key stores nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS } from '../support/hooks';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';
import { angiLead } from '../support/source-fixtures';

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

/** Posts `lead` as Angi does (its documented headers); `apiKey` null sends none. */
const angiPost = (lead: Record<string, unknown>, apiKey: string | null = CREDENTIALS.angi.apiKey) =>
  api.request('POST', '/hooks/angi', {
    body: lead,
    headers: {
      accept: 'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2',
      ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
    },
  });

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/angi', () => {
  it('captures the lead with its name, phone, email, address, service, notes, source and campaign', async () => {
    // Act
    const response = await angiPost(angiLead());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json).toEqual({ status: 'success', leadId: expect.any(String) });
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Dana Reyes',
      phone: '+15125550177',
      email: 'dana.reyes@example.com',
      serviceAddress: '412 W Mary St, Austin, TX 78704',
      zip: '78704',
      market: 'south',
      serviceType: 'water_heater',
      source: 'angi',
      campaign: 'Angi · Exact match',
      externalId: '298765432',
    });
    expect(lead.notes).toBe(
      [
        'Service requested: Water Heater - Install or Replace',
        'Water heater is leaking from the bottom, about 12 years old.',
        'Water Heater - Install or Replace',
        'What kind of water heater?: Gas, tank',
        'When would you like this done?: Within 1 week',
      ].join('\n'),
    );
  });

  it("keeps Angi's task name in the notes, without a service type, when the business has not mapped it", async () => {
    // Act
    const response = await angiPost(angiLead({ taskName: 'Gutters - Clean', leadOid: 298765433 }));

    // Assess
    const lead = await leadOf(response.json.leadId);
    expect(lead.serviceType).toBeUndefined();
    expect(lead.notes).toContain('Service requested: Gutters - Clean');
    expect(lead.missing).toContain('serviceType');
  });

  it('answers a retry of the same leadOid with the same lead (Angi retries 15 minutes apart)', async () => {
    // Act
    const first = await angiPost(angiLead());
    await api.advance(15 * 60);
    const again = await angiPost(angiLead());

    // Assess
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: 'success', leadId: first.json.leadId });
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it('stores a lead whose payload carries fields Angi added since', async () => {
    // Act
    const response = await angiPost(
      angiLead({ trustedFormUrl: 'https://cert.example/1', appointment: { start: '2026-11-19T15:00:00Z' } }),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([response.json.leadId]);
  });

  it.each([
    ['a wrong x-api-key', 'not-the-key', 403],
    ['no x-api-key', null, 401],
  ])('refuses %s and stores nothing', async (_, apiKey, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await angiPost(angiLead(), apiKey);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });
});
