/**
 * Thumbtack leads through the local runner (docs/connectors/thumbtack.md): a negotiation posted with the
 * webhook's HTTP Basic credentials is captured with its customer, category, details and location;
 * wrong or missing credentials store nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, CREDENTIALS } from '../support/hooks';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';
import { thumbtackNegotiation } from '../support/source-fixtures';

const { username, password } = CREDENTIALS.thumbtack;

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

/** Posts `body` as Thumbtack does, with HTTP Basic credentials; `authorization` null sends none. */
const thumbtackPost = (body: unknown, authorization: string | null = basicAuth(username, password)) =>
  api.request('POST', '/hooks/thumbtack', {
    body,
    headers: authorization === null ? {} : { authorization },
  });

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/thumbtack', () => {
  it('captures the lead with its name, phone, address, service, notes, source and campaign', async () => {
    // Act
    const response = await thumbtackPost(thumbtackNegotiation());

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Olivia Young',
      phone: '+15125550188',
      serviceAddress: '9 Slaughter Ln, Unit 4, Austin, TX 78745',
      zip: '78745',
      market: 'south',
      serviceType: 'water_heater',
      source: 'thumbtack',
      campaign: 'Thumbtack · Lone Star Plumbing & Air',
      externalId: '519153480500518912',
    });
    expect(lead.notes).toBe(
      [
        'Service requested: Water Heater Installation or Replacement',
        'Our 40 gallon water heater stopped heating.',
        'Fuel type: Electric',
        'When do you need this done?: As soon as possible',
      ].join('\n'),
    );
  });

  it('reads the negotiation when Thumbtack wraps it in an event', async () => {
    // Act
    const response = await thumbtackPost({
      event: { eventType: 'NegotiationCreatedV4' },
      data: thumbtackNegotiation({ negotiationID: '519153480500518999' }),
    });

    // Assess
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({ externalId: '519153480500518999', fullName: 'Olivia Young' });
  });

  it('answers a retry of the same negotiationID with the same lead, and stores one', async () => {
    // Act
    const first = await thumbtackPost(thumbtackNegotiation());
    api.clock.advance(49 * 3600); // days later, past Meta's 36 h: only the clock moves
    const again = await thumbtackPost(thumbtackNegotiation());

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it('stores a lead whose payload carries fields Thumbtack added since', async () => {
    // Act
    const response = await thumbtackPost(
      thumbtackNegotiation({
        invoices: [],
        scheduling: { start: '2026-11-20T15:00:00Z' },
        channel: 'instant',
      }),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(await storedLeadIds(api)).toEqual([response.json.leadId]);
  });

  it.each([
    ['a wrong password', basicAuth(username, 'not-the-password'), 403],
    ['a wrong user', basicAuth('someone', password), 403],
    ['no credentials', null, 401],
  ])('refuses %s and stores nothing', async (_, authorization, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await thumbtackPost(thumbtackNegotiation(), authorization);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });
});
