/**
 * The connectors verify exactly as their sources document: the signature examples Twilio and CallRail
 * publish pass, and the smallest change to the signed data, the key or the header fails.
 */
import { describe, expect, it } from 'vitest';
import { angi } from '../../../shared/connectors/angi';
import { callrail } from '../../../shared/connectors/callrail';
import type { HookRequest } from '../../../shared/connectors/connector';
import { thumbtack } from '../../../shared/connectors/thumbtack';
import { twilioVoice } from '../../../shared/connectors/twilio-voice';
import { basicAuth } from '../../support/hooks';
import { CALLRAIL_DOC_EXAMPLE, TWILIO_DOC_EXAMPLE } from '../../support/source-fixtures';

const request = (url: string, body: string, headers: Record<string, string>): HookRequest => ({
  method: 'POST',
  url,
  headers,
  query: new URL(url).searchParams,
  rawBody: Buffer.from(body, 'utf8'),
});

describe("Twilio's X-Twilio-Signature", () => {
  const { authToken, url, params, signature } = TWILIO_DOC_EXAMPLE;
  const body = new URLSearchParams(params).toString();

  it("accepts Twilio's documented example", () => {
    expect(twilioVoice.verify(request(url, body, { 'x-twilio-signature': signature }), { authToken })).toBe(
      undefined,
    );
  });

  it('accepts the same request whatever the order of its parameters in the body', () => {
    const reordered = new URLSearchParams(Object.entries(params).reverse()).toString();
    expect(
      twilioVoice.verify(request(url, reordered, { 'x-twilio-signature': signature }), { authToken }),
    ).toBe(undefined);
  });

  it('accepts the URL signed with its standard port, as Twilio sometimes signs it', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(
      twilioVoice.verify(request(withPort, body, { 'x-twilio-signature': signature }), { authToken }),
    ).toBe(undefined);
  });

  it.each([
    ['another auth token', url, body, signature, 'another-token', 403],
    ['another URL', 'https://mycompany.com/myapp.php?foo=1&bar=3', body, signature, authToken, 403],
    ['a changed parameter', url, body.replace('Digits=1234', 'Digits=1235'), signature, authToken, 403],
    ['an added parameter', url, `${body}&Extra=1`, signature, authToken, 403],
    ['no signature', url, body, '', authToken, 401],
  ])('refuses %s', (_, callUrl, callBody, given, token, status) => {
    const headers: Record<string, string> = given ? { 'x-twilio-signature': given } : {};
    expect(twilioVoice.verify(request(callUrl, callBody, headers), { authToken: token })).toMatchObject({
      status,
    });
  });
});

describe("CallRail's Signature", () => {
  const { signingKey, signature, body } = CALLRAIL_DOC_EXAMPLE;
  const url = 'https://leads.example.test/v1/hooks/callrail';

  it("accepts CallRail's documented example", () => {
    expect(callrail.verify(request(url, body, { signature }), { signingKey })).toBe(undefined);
  });

  it.each([
    ['another signing key', body, signature, 'another-key', 403],
    ['a body changed by one byte', body.replace('Kaylah', 'Kaylan'), signature, signingKey, 403],
    [
      'a body re-serialized with spaces',
      JSON.stringify(JSON.parse(body), null, 1),
      signature,
      signingKey,
      403,
    ],
    ['no Signature header', body, '', signingKey, 401],
  ])('refuses %s', (_, callBody, given, key, status) => {
    const headers: Record<string, string> = given ? { signature: given } : {};
    expect(callrail.verify(request(url, callBody, headers), { signingKey: key })).toMatchObject({ status });
  });
});

describe("Angi's x-api-key and Thumbtack's HTTP Basic", () => {
  const url = 'https://leads.example.test/v1/hooks/x';

  it.each([
    ['the key', { 'x-api-key': 'k-1' }, undefined],
    ['another key', { 'x-api-key': 'k-2' }, 403],
    ['an empty key', { 'x-api-key': '' }, 403],
    ['no key', {}, 401],
  ])('Angi: %s', (_, headers, status) => {
    const refusal = angi.verify(request(url, '{}', headers), { apiKey: 'k-1' });
    expect(refusal?.status).toBe(status);
  });

  it.each([
    ['the user and password', basicAuth('tt', 'pw:with:colons'), undefined],
    ['another password', basicAuth('tt', 'pw'), 403],
    ['another user', basicAuth('tu', 'pw:with:colons'), 403],
    ['a bearer token', 'Bearer abc', 401],
    ['no Authorization', '', 401],
  ])('Thumbtack: %s', (_, authorization, status) => {
    const headers: Record<string, string> = authorization ? { authorization } : {};
    const refusal = thumbtack.verify(request(url, '{}', headers), {
      username: 'tt',
      password: 'pw:with:colons',
    });
    expect(refusal?.status).toBe(status);
  });
});
