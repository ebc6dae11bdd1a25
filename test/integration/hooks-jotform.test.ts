/**
 * Jotform webhooks through the local runner (docs/connectors/jotform.md): real `multipart/form-data`
 * bodies as Jotform posts them (`formID`, `submissionID`, `pretty`, `rawRequest` as a JSON string…),
 * the key in the webhook URL, answers mapped by the example business settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';

/** The key in config/connectors.example.json. */
const KEY = 'local-jotform-key';

const BOUNDARY = '------------------------7d1a2b3c4d5e6f70';

type Part = { name: string; value: string; filename?: string };

/** A multipart body as an HTTP client writes it (CRLF line breaks, the closing delimiter). */
const multipart = (parts: readonly Part[], boundary = BOUNDARY): string =>
  `${parts
    .map(
      ({ name, value, filename }) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${
          filename ? `; filename="${filename}"\r\nContent-Type: application/octet-stream` : ''
        }\r\n\r\n${value}\r\n`,
    )
    .join('')}--${boundary}--\r\n`;

const rawRequest = (extra: Record<string, unknown> = {}) => ({
  slug: 'submit/243210987654321',
  jsExecutionTracker: 'build-date-1731945600000',
  submitSource: 'form',
  submitDate: '1731945421000',
  q3_name: { first: 'Dana', last: 'Reyes' },
  q4_email: 'dana@example.com',
  q5_phoneNumber: { full: '(512) 555-0199' },
  q8_address: {
    addr_line1: '12 Oak St',
    addr_line2: '',
    city: 'Austin',
    state: 'TX',
    postal: '78704',
    country: 'United States',
  },
  q7_whatService: 'Drain cleaning',
  q9_whatNeeds: 'Kitchen sink backs up',
  q11_utm_source: 'facebook',
  q12_utm_campaign: 'winter_drains',
  ...extra,
});

/** The parts Jotform's webhook sends. */
const jotformParts = (options: { submissionID?: string; raw?: Record<string, unknown> } = {}): Part[] => [
  { name: 'formID', value: '243210987654321' },
  { name: 'submissionID', value: options.submissionID ?? '5987654321012345678' },
  { name: 'webhookURL', value: 'http://localhost:3000/hooks/jotform?key=local-jotform-key' },
  { name: 'ip', value: '203.0.113.9' },
  { name: 'formTitle', value: 'Book a plumber' },
  { name: 'pretty', value: 'Name:Dana Reyes, E-mail:dana@example.com, Phone Number:(512) 555-0199' },
  { name: 'username', value: 'lonestar' },
  { name: 'rawRequest', value: JSON.stringify(options.raw ?? rawRequest()) },
  { name: 'type', value: 'WEB' },
];

let api: LocalApi;
beforeEach(async () => {
  api = await startLocalApi();
});
afterEach(async () => api.stop());

const post = (body: string, query: Record<string, string> = { key: KEY }) =>
  api.request('POST', '/hooks/jotform', {
    body,
    query,
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  });

const leadOf = async (id: string) => (await api.request('GET', `/leads/${id}`, { key: KEYS.ops })).json;

describe('POST /hooks/jotform', () => {
  it('captures a multipart submission: name, phone, address, service, notes, source and campaign', async () => {
    // Act
    const response = await post(multipart(jotformParts()));

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({
      fullName: 'Dana Reyes',
      phone: '+15125550199',
      email: 'dana@example.com',
      serviceAddress: '12 Oak St, Austin, TX, 78704',
      zip: '78704',
      market: 'south',
      serviceType: 'drain_cleaning',
      source: 'jotform',
      campaign: 'winter_drains (facebook)',
    });
    expect(lead.notes).toContain('What needs: Kitchen sink backs up');
  });

  it('answers a retry of the same submissionID with the same lead, and stores one', async () => {
    // Act
    const first = await post(multipart(jotformParts()));
    await api.advance(15 * 60);
    const again = await post(multipart(jotformParts()));

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.leadId).toBe(first.json.leadId);
    expect(await storedLeadIds(api)).toEqual([first.json.leadId]);
  });

  it.each([
    ['a wrong key', { key: 'not-the-key' }, 403],
    ['a key differing in its last character', { key: `${KEY.slice(0, -1)}X` }, 403],
    ['no key', {}, 401],
  ])('refuses %s and stores nothing', async (_, query, status) => {
    // Prepare
    const before = (await tableItems(api)).length;

    // Act
    const response = await post(multipart(jotformParts()), query);

    // Assess
    expect(response.status).toBe(status);
    expect((await tableItems(api)).length).toBe(before);
  });

  it('captures a submission with parts, questions and a file it does not know', async () => {
    // Prepare
    const parts = [
      ...jotformParts({
        submissionID: '5987654321012345679',
        raw: rawRequest({
          q13_photo: ['https://www.jotform.com/uploads/x/sink.jpg'],
          q14_rating: 4,
          event_id: 'e1',
        }),
      }),
      { name: 'newPart', value: 'anything' },
      { name: 'upload', value: '\u0000\u0001binary', filename: 'sink.jpg' },
    ];

    // Act
    const response = await post(multipart(parts));

    // Assess
    expect(response.status).toBe(200);
    const lead = await leadOf(response.json.leadId);
    expect(lead).toMatchObject({ fullName: 'Dana Reyes', source: 'jotform' });
    expect(lead.notes).toContain('Photo: https://www.jotform.com/uploads/x/sink.jpg');
  });

  it.each([
    ['a body cut off before its closing delimiter', multipart(jotformParts()).slice(0, 200)],
    ['a body with another boundary', multipart(jotformParts(), 'other-boundary')],
    [
      'rawRequest that is not JSON',
      multipart([...jotformParts().slice(0, 7), { name: 'rawRequest', value: '{' }]),
    ],
  ])('keeps %s for a person and answers 200', async (_, body) => {
    // Act
    const response = await post(body);

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.kept).toEqual(expect.any(String));
    expect(await storedLeadIds(api)).toEqual([]);
  });
});
