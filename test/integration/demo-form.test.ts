/**
 * The demo web form posting to `POST /leads` through the local gateway (the intake handler as deployed,
 * with the local runner's form page wired): a refusal shows the form again with the customer's values
 * and a plain message per field, never JSON; the honeypot stores nothing; integrations still get JSON.
 */

import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/intake/make-handler';
import { IntakeService } from '../../shared/app/intake-service';
import { URGENCIES } from '../../shared/domain/lead';
import { CUSTOMER_URGENCY_CHOICES } from '../../shared/domain/wording';
import { fakeDeps, staticConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds } from '../support/local-api';

const THANKS = '/thanks';

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => {
  await api.stop();
});

/** What the demo form posts when a customer fills it in (the honeypot left empty, as people do). */
const typed = (overrides: Record<string, string> = {}): Record<string, string> => ({
  redirect: THANKS,
  fullName: 'Eve Moss',
  phone: '5125550188',
  email: 'eve@example.com',
  serviceAddress: '3 Bay Rd, Buda TX 78610',
  serviceType: 'water_heater',
  urgency: 'active_loss',
  notes: 'Water pouring from the heater into the garage',
  website: '',
  'consent.sms': 'true',
  'consent.email': 'false',
  'consent.method': 'demo web form checkbox',
  ...overrides,
});

const post = (fields: Record<string, string>) =>
  api.request('POST', '/leads', { query: { key: KEYS.webForm }, form: true, body: fields });

/** The opening tag of the element with this id. */
const tag = (html: string, id: string): string =>
  new RegExp(`<[a-z]+[^>]* id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the demo form refused (docs/product-rules.md §2, §8 "in people\'s words")', () => {
  it('a bad phone and no email: the form again (400, HTML, no JSON) with every value kept and a plain message at the phone', async () => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    const res = await post(typed({ phone: '555-01', email: '' }));

    // Assess
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.json).toBeUndefined();
    expect(res.body).toContain(
      'This phone number does not look right. Please enter it with the area code, like (512) 555-0123.',
    );
    expect(tag(res.body, 'phone')).toContain('value="555-01"');
    expect(tag(res.body, 'phone')).toContain('aria-invalid="true"');
    expect(tag(res.body, 'phone')).toContain('aria-describedby="phone-problem"');
    expect(tag(res.body, 'fullName')).toContain('value="Eve Moss"');
    expect(tag(res.body, 'serviceAddress')).toContain('value="3 Bay Rd, Buda TX 78610"');
    expect(res.body).toContain('<option value="water_heater" selected>Water heater</option>');
    expect(res.body).toContain('<option value="active_loss" selected>Water or damage happening now</option>');
    expect(res.body).toContain('Water pouring from the heater into the garage</textarea>');
    expect(res.body).toMatch(/<input type="checkbox" name="consent.sms" value="true" checked/);
    expect(res.body).toContain(`<input type="hidden" name="redirect" value="${THANKS}"/>`);
    expect(res.body).toContain('action="/leads?key=local-web-form-key"');
    expect(res.body).not.toMatch(/validation_failed|not a valid phone number|"issues"/);
    expect(await storedLeadIds(api)).toEqual(before);
  });

  it('no way to reach the customer: one plain message, at the phone only (a name too long is no reason to refuse)', async () => {
    // Act
    const res = await post(typed({ phone: '', email: '', fullName: 'E'.repeat(201) }));

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toContain('Please give us a phone number (or an email address) so we can reach you.');
    expect(res.body).toContain('<a href="#phone">Phone</a>');
    expect(res.body).not.toContain('<a href="#fullName">Customer name</a>');
    expect(res.body).not.toContain('Please keep this under');
  });

  it('marks the required fields in words and offers urgency in the customer’s words, each mapped to a lead urgency', async () => {
    // Act
    const res = await post(typed({ phone: 'x', email: '', urgency: '' }));

    // Assess
    for (const id of ['fullName', 'phone', 'serviceAddress', 'serviceType', 'urgency']) {
      expect(tag(res.body, id)).toContain('required');
    }
    expect(res.body.match(/ \(required\)</g)).toHaveLength(5);
    for (const choice of CUSTOMER_URGENCY_CHOICES) {
      expect(URGENCIES).toContain(choice.value);
      expect(res.body).toContain(`<option value="${choice.value}">${choice.label}</option>`);
    }
  });
});

describe('the demo form stored (never bounce a lead we can reach, docs/product-rules.md §2)', () => {
  it('a bad phone with a valid email: stored (the thank-you page), the phone left out with a warning', async () => {
    // Act
    const res = await post(typed({ phone: '555-01' }));

    // Assess
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location ?? '', 'http://localhost');
    const lead = await api.app.deps.store.get(location.searchParams.get('leadId') ?? '');
    expect(lead).toMatchObject({ status: 'needs_info', email: 'eve@example.com', missing: ['phone'] });
    expect(lead?.warnings).toEqual([
      {
        field: 'phone',
        message: 'The phone number “555-01” does not look right: left out.',
        words: '555-01',
      },
    ]);
  });

  it('a typo in an optional field or a tampered choice is stored with a warning, not refused', async () => {
    // Act
    const res = await post(typed({ urgency: 'whenever', fullName: 'E'.repeat(201) }));

    // Assess
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location ?? '', 'http://localhost');
    const lead = await api.app.deps.store.get(location.searchParams.get('leadId') ?? '');
    expect(lead?.urgency).toBe('standard');
    expect(lead?.fullName).toHaveLength(200);
    expect(lead?.warnings?.map((w) => w.field)).toEqual(['fullName', 'urgency']);
  });

  it('with the honeypot left empty the lead is stored with the urgency the customer picked', async () => {
    // Act
    const res = await post(typed());

    // Assess
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location ?? '', 'http://localhost');
    const lead = await api.app.deps.store.get(location.searchParams.get('leadId') ?? '');
    expect(lead?.urgency).toBe('active_loss');
  });

  it('the honeypot filled (a robot): the same thank-you page, nothing stored', async () => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    const res = await post(typed({ website: 'http://spam.example' }));

    // Assess
    expect(res.status).toBe(303);
    expect(new URL(res.headers.location ?? '', 'http://localhost').pathname).toBe('/thanks');
    expect(await storedLeadIds(api)).toEqual(before);
    expect(api.app.outbox.list()).toEqual([]);
  });
});

describe('posts that are not a browser form', () => {
  it('a urlencoded post without redirect (an integration) is still refused as JSON', async () => {
    // Act
    const { redirect: _redirect, website: _website, ...fields } = typed({ phone: '555-01', email: '' });
    const res = await post(fields);

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation_failed');
  });

  it('without a form page wired (as deployed), a refused browser form gets the plain messages as text', async () => {
    // Prepare
    const { deps } = fakeDeps();
    const handler = makeHandler({
      intake: new IntakeService(deps),
      // Never used: no Idempotency-Key is sent.
      idempotency: {} as unknown as BasePersistenceLayer,
      config: staticConfig(),
    });
    const event = {
      httpMethod: 'POST',
      path: '/leads',
      resource: '/leads',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      queryStringParameters: { key: 'k' },
      body: new URLSearchParams(typed({ phone: '555-01', email: '' })).toString(),
      isBase64Encoded: false,
      requestContext: { requestId: 'r1', authorizer: { scope: 'intake', keyId: 'k1', source: 'web_form' } },
    } as unknown as APIGatewayProxyEvent;

    // Act
    const res = await handler(event, {} as Context);

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe(
      [
        'We could not send your request yet.',
        '',
        'Phone: This phone number does not look right. Please enter it with the area code, like (512) 555-0123.',
        '',
        'Please go back, correct it and send it again.',
      ].join('\n'),
    );
  });
});
