import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../../shared/errors';
import { foreignOrigin, pageForm, parseBody } from '../../../shared/http/request';

type BodyEvent = Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>;

const event = (
  contentType: string | undefined,
  body: string | Buffer,
  headers: Record<string, string> = {},
): BodyEvent => ({
  headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...headers },
  body: typeof body === 'string' ? body : body.toString('base64'),
  isBase64Encoded: typeof body !== 'string',
});

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

describe('parseBody: the declared charset', () => {
  it.each(['iso-8859-1', 'latin1', 'windows-1252', 'ISO-8859-1', '"iso-8859-1"'])(
    'reads a form declared %s in that charset',
    (charset) => {
      const body = parseBody(event(`${FORM}; charset=${charset}`, 'fullName=Jos%E9+Pe%F1a&notes=%80+5'));
      expect(body.value).toEqual({ fullName: 'José Peña', notes: '€ 5' });
    },
  );

  it('reads JSON bytes in the declared charset', () => {
    const bytes = Buffer.from('{"fullName":"Zoë Müller"}', 'latin1');
    expect(parseBody(event(`${JSON_TYPE}; charset=iso-8859-1`, bytes)).value).toEqual({
      fullName: 'Zoë Müller',
    });
  });

  it('reads UTF-8 (declared or not), and us-ascii', () => {
    expect(parseBody(event(FORM, 'n=Jos%C3%A9')).value).toEqual({ n: 'José' });
    expect(parseBody(event(`${FORM}; charset=utf-8`, 'n=Jos%C3%A9')).value).toEqual({ n: 'José' });
    expect(parseBody(event(`${JSON_TYPE}; charset=us-ascii`, '{"n":"Jose"}')).value).toEqual({ n: 'Jose' });
    expect(parseBody(event(JSON_TYPE, '\ufeff{"n":"José"}')).value).toEqual({ n: 'José' });
  });

  it('reads bytes that are not UTF-8 as windows-1252 when no charset is declared (a legacy page)', () => {
    expect(parseBody(event(FORM, 'n=Jos%E9')).value).toEqual({ n: 'José' });
  });

  it.each([
    ['an unknown charset', `${JSON_TYPE}; charset=klingon`, '{}'],
    ['UTF-16', `${JSON_TYPE}; charset=utf-16le`, '{}'],
    ['declared UTF-8 that is not', `${FORM}; charset=utf-8`, 'n=Jos%E9'],
    [
      'bytes lost on the way (U+FFFD in a Latin-1 body)',
      `${JSON_TYPE}; charset=iso-8859-1`,
      '{"n":"Jos\ufffd"}',
    ],
  ])('refuses %s with 415 and a plain message', (_name, type, body) => {
    expect(() => parseBody(event(type, body))).toThrow(UnsupportedMediaTypeError);
  });
});

describe('parseBody: size and shape before anything parses', () => {
  const issuesOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationError) return error.issues;
      throw error;
    }
    return [];
  };

  it('refuses JSON deeper than 8 levels, whatever follows', () => {
    expect(issuesOf(() => parseBody(event(JSON_TYPE, `{"a":${'['.repeat(3000)}`)))).toEqual([
      { path: 'body', message: 'nested deeper than 8 levels' },
    ]);
    expect(parseBody(event(JSON_TYPE, `${'['.repeat(8)}${']'.repeat(8)}`)).value).toBeDefined();
  });

  it('counts brackets and colons inside strings as text', () => {
    const text = JSON.stringify({ notes: `${'[{'.repeat(100)}${'a:'.repeat(300)}` });
    expect(parseBody(event(JSON_TYPE, text)).value).toEqual(JSON.parse(text));
  });

  it('refuses more than 200 fields in JSON or a form, and takes a wider limit when given', () => {
    const wide = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, i]));
    expect(issuesOf(() => parseBody(event(JSON_TYPE, JSON.stringify(wide))))).toEqual([
      { path: 'body', message: 'more than 200 fields' },
    ]);
    const form = new URLSearchParams(Object.entries(wide).map(([k, v]) => [k, String(v)])).toString();
    expect(issuesOf(() => parseBody(event(FORM, form)))).toEqual([
      { path: 'body', message: 'more than 200 fields' },
    ]);
    expect(parseBody(event(JSON_TYPE, JSON.stringify(wide)), { maxKeys: 5000 }).value).toEqual(wide);
  });

  it('refuses a body over 32 KB with 413 and another media type with 415', () => {
    expect(() => parseBody(event(JSON_TYPE, `"${'x'.repeat(33 * 1024)}"`))).toThrow(PayloadTooLargeError);
    expect(() => parseBody(event('text/plain', 'hi'))).toThrow(UnsupportedMediaTypeError);
  });
});

describe('pageForm', () => {
  it('removes control, bidi and zero-width characters from every value, keeping line breaks', () => {
    const form = pageForm(event(FORM, 'text=Called%0D%0Aback%E2%80%AE%00&confirm=a&confirm=b'));
    expect(form.get('text')).toBe('Called\nback');
    expect(form.getAll('confirm')).toEqual(['a', 'b']);
  });

  it('answers a form with hundreds of fields as too large (413)', () => {
    expect(() => pageForm(event(FORM, Array.from({ length: 300 }, (_, i) => `f${i}=1`).join('&')))).toThrow(
      PayloadTooLargeError,
    );
  });
});

describe('foreignOrigin', () => {
  const from = (headers: Record<string, string>) => foreignOrigin({ headers });

  it.each([
    ['no Origin', {}, false],
    ['Origin: null', { origin: 'null', host: 'a.example' }, false],
    ['the same host', { Origin: 'https://a.example', Host: 'A.example' }, false],
    ['another host', { origin: 'https://evil.example', host: 'a.example' }, true],
    ['another port', { origin: 'http://a.example:8080', host: 'a.example' }, true],
    ['a garbled Origin', { origin: 'not a url', host: 'a.example' }, true],
    ['an Origin and no Host', { origin: 'https://a.example' }, true],
  ])('%s → %s', (_name, headers, foreign) => {
    expect(from(headers)).toBe(foreign);
  });
});
