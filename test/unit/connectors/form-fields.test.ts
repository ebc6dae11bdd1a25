/**
 * The pieces the form connectors share: the multipart reader (bounded, never throws) and the
 * declarative field map (docs/connectors/README.md "Field map").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignFromUtm, leadFieldsFrom, questionOf } from '../../../shared/connectors/field-map';
import { multipartFields } from '../../../shared/connectors/multipart';

const TYPE = 'multipart/form-data; boundary=XyZ';

describe('multipartFields', () => {
  it('reads text parts, keeps the first of a repeated name, skips files, with CRLF or bare LF', () => {
    const crlf =
      '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\ntwo\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nagain\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="f"; filename="x.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\r\n' +
      '--XyZ\r\ncontent-disposition: form-data; name=b\r\n\r\n\r\n--XyZ--\r\n';
    expect(multipartFields(Buffer.from(crlf), TYPE)).toEqual({ a: 'one\r\ntwo', b: '' });
    const lf = crlf.replace(/\r\n/g, '\n');
    expect(multipartFields(Buffer.from(lf), TYPE)).toEqual({ a: 'one\ntwo', b: '' });
  });

  it('reads a quoted boundary, and a name like __proto__ as a plain field', () => {
    const body = '--a b\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--a b--';
    const fields = multipartFields(Buffer.from(body), 'multipart/form-data; boundary="a b"');
    expect(Object.entries(fields ?? {})).toEqual([['__proto__', 'x']]);
  });

  it.each([
    ['no boundary', '--XyZ--', 'multipart/form-data'],
    ['another content type', '--XyZ--', 'application/json'],
    ['no closing delimiter', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx', TYPE],
    ['a part without headers', '--XyZ\r\nx\r\n--XyZ--', TYPE],
    ['junk after the delimiter', '--XyZjunk\r\n\r\n--XyZ--', TYPE],
  ])('reads %s as undefined', (_, body, type) => {
    expect(multipartFields(Buffer.from(body), type)).toBeUndefined();
  });

  it('never throws on any body and content type', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
          fc
            .array(
              fc.constantFrom(
                '--XyZ',
                '--XyZ--',
                '\r\n',
                '\n',
                'Content-Disposition: form-data; name="a"',
                'x',
              ),
            )
            .map((parts) => Buffer.from(parts.join(''))),
        ),
        fc.oneof(fc.constant(TYPE), fc.string({ maxLength: 60 })),
        (body, type) => {
          const fields = multipartFields(body, type);
          expect(fields === undefined || typeof fields === 'object').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('leadFieldsFrom', () => {
  const answer = (key: string, value: string, question = key) => ({ keys: [key], question, value });

  it('joins name and address parts, and keeps unmapped answers, a second phone and a bad zip as notes', () => {
    const fields = leadFieldsFrom(
      [
        answer('f', 'Dana'),
        answer('l', 'Reyes'),
        answer('p', '512-555-0199'),
        answer('p2', '512-555-0100', 'Other phone'),
        answer('s', '12 Oak St'),
        answer('c', 'Austin'),
        answer('st', 'TX'),
        answer('z', '78704-1234'),
        answer('q', 'Leaking', 'What is wrong?'),
        answer('skip', 'on'),
      ],
      {
        f: 'firstName',
        l: 'lastName',
        p: 'phone',
        p2: 'phone',
        s: 'street',
        c: 'city',
        st: 'state',
        z: 'zip',
        skip: 'ignore',
      },
    );
    expect(fields).toEqual({
      fullName: 'Dana Reyes',
      phone: '512-555-0199',
      serviceAddress: '12 Oak St, Austin, TX 78704',
      zip: '78704',
      notes: 'Other phone: 512-555-0100\nWhat is wrong?: Leaking',
    });
    expect(leadFieldsFrom([answer('z', 'SW1A 1AA', 'Zip')], { z: 'zip' })).toEqual({
      notes: 'Zip: SW1A 1AA',
    });
  });

  it('does not repeat a city or zip a whole address answer already says', () => {
    const fields = leadFieldsFrom(
      [answer('a', '12 Oak St, Austin TX 78704'), answer('c', 'Austin'), answer('z', '78704')],
      { a: 'serviceAddress', c: 'city', z: 'zip' },
    );
    expect(fields).toMatchObject({ serviceAddress: '12 Oak St, Austin TX 78704', zip: '78704' });
  });

  it('reads a key the payload names like an Object property as an unmapped answer', () => {
    expect(leadFieldsFrom([answer('constructor', 'x', 'Q')], {})).toEqual({ notes: 'Q: x' });
  });

  it('cuts values to the lengths intake accepts', () => {
    const fields = leadFieldsFrom([answer('n', 'n'.repeat(300)), answer('q', 'q'.repeat(5000))], {
      n: 'fullName',
    });
    expect(fields.fullName).toHaveLength(200);
    expect(fields.notes?.length).toBeLessThanOrEqual(4000);
  });
});

describe('questionOf and campaignFromUtm', () => {
  it.each([
    ['what_service_do_you_need?', 'What service do you need?'],
    ['q5_whatNeeds', 'What needs'],
    ['1.3', 'Field 1.3'],
  ])('reads %s as %s', (key, question) => {
    expect(questionOf(key)).toBe(question);
  });

  it('names the campaign and where it came from', () => {
    expect(campaignFromUtm({ utm_campaign: 'spring', utm_source: 'google', utm_medium: 'cpc' })).toBe(
      'spring (google / cpc)',
    );
    expect(campaignFromUtm({ utm_source: 'facebook' })).toBe('facebook');
    expect(campaignFromUtm({ user_id: '1' })).toBeUndefined();
  });
});
