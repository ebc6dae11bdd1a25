/**
 * The form connectors' settings through the hook service on fakes (hook-fakes.ts): what a field map
 * can name, and a wrong setting never losing a lead.
 */
import { describe, expect, it } from 'vitest';
import { hookFakes, hookRequest, SIGNED } from './hook-fakes';

const send = async (connector: string, body: string, type: string, fakes: ReturnType<typeof hookFakes>) => {
  const raw = Buffer.from(body);
  const auth = SIGNED[connector]?.(raw) ?? { headers: {}, query: {} };
  const request = hookRequest(connector, {
    body: raw,
    headers: { ...auth.headers, 'content-type': type },
    query: auth.query,
  });
  return fakes.service.handle(connector, request);
};

const typeformBody = JSON.stringify({
  event_type: 'form_response',
  form_response: {
    token: 't1',
    hidden: { source_page: 'spring-offer', referrer_name: 'Pat Lee' },
    answers: [{ type: 'phone_number', phone_number: '5125550199', field: { id: 'p', ref: 'phone_ref' } }],
  },
});

describe('connector settings', () => {
  it('keeps the payload for a person, with the reason, when the settings are wrong', async () => {
    // Prepare: a typo in the field map's value and an unknown setting
    const fakes = hookFakes(undefined, { typeform: { fields: { phone_ref: 'phoneNumber' }, feilds: {} } });

    // Act
    const outcome = await send('typeform', typeformBody, 'application/json', fakes);

    // Assess
    expect(outcome).toMatchObject({ kind: 'answer', response: { statusCode: 200 } });
    expect(fakes.submitted).toEqual([]);
    expect(fakes.kept).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('the typeform settings are wrong') }),
    ]);
    expect(fakes.kept[0]?.reason).toContain('fields.phone_ref');
  });

  it('reads a Typeform hidden field the map names, and only those', async () => {
    // Prepare
    const fakes = hookFakes(undefined, { typeform: { fields: { referrer_name: 'referredBy' } } });

    // Act
    await send('typeform', typeformBody, 'application/json', fakes);

    // Assess
    expect(fakes.submitted).toEqual([
      { phone: '5125550199', referredBy: 'Pat Lee', externalId: 't1' }, // no notes: source_page is not named
    ]);
  });

  it('maps a part of a Jotform compound question by `<question>.<part>`', async () => {
    // Prepare
    const fakes = hookFakes(undefined, {
      jotform: {
        fields: { 'q8_address.city': 'city', 'q8_address.postal': 'zip', 'q8_address.country': 'ignore' },
      },
    });
    const raw = JSON.stringify({
      q5_phoneNumber: { area: '512', phone: '5550199' },
      q8_address: { addr_line1: '12 Oak St', city: 'Austin', postal: '78704', country: 'United States' },
    });
    const body = `--b\r\nContent-Disposition: form-data; name="submissionID"\r\n\r\n7\r\n--b\r\nContent-Disposition: form-data; name="rawRequest"\r\n\r\n${raw}\r\n--b--\r\n`;

    // Act
    await send('jotform', body, 'multipart/form-data; boundary=b', fakes);

    // Assess
    expect(fakes.submitted).toEqual([
      {
        phone: '512 5550199',
        serviceAddress: 'Austin, 78704',
        zip: '78704',
        notes: 'Address (addr line1): 12 Oak St',
        externalId: '7',
      },
    ]);
  });

  it('reads a Gravity Forms entry sent as a form (Request Format: FORM)', async () => {
    // Prepare
    const fakes = hookFakes(undefined, { 'gravity-forms': { fields: { '2': 'phone' } } });

    // Act
    await send(
      'gravity-forms',
      'id=9&form_id=1&2=512-555-0199&5=Leak',
      'application/x-www-form-urlencoded',
      fakes,
    );

    // Assess
    expect(fakes.submitted).toEqual([{ phone: '512-555-0199', notes: 'Field 5: Leak', externalId: '9' }]);
  });

  it('reads each Meta lead with a time limit, so a slow Graph API cannot hold the answer', async () => {
    // Prepare: a Graph API that never answers a reader without a time limit (the test would time out),
    // and fails at once, as a time limit reached would, for one with it
    const fakes = hookFakes(
      (_url, init) =>
        new Promise((_, reject) => {
          if (init?.signal instanceof AbortSignal) reject(new DOMException('timed out', 'TimeoutError'));
        }),
      {},
    );
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: '1', time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: '123456' } }] }],
    });

    // Act
    const outcome = await send('meta-lead-ads', body, 'application/json', fakes);

    // Assess
    expect(outcome).toMatchObject({ kind: 'answer', response: { statusCode: 200 } });
    expect(fakes.kept).toEqual([
      expect.objectContaining({ reason: 'Meta lead 123456 could not be read from Meta (no answer)' }),
    ]);
  });
});
