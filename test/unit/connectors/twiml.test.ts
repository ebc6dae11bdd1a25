/**
 * The TwiML writer: every answer is well-formed XML (read by the strict test reader), and whatever text
 * or attribute value goes in comes back out exactly, never as markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dial, hangup, say, twiml } from '../../../shared/connectors/twiml';
import { elementsOf, parseXml, textOf } from '../../support/xml';

const verbsOf = (body: string) => elementsOf(parseXml(body));

describe('twiml', () => {
  it('answers a Response of the verbs in order, as text/xml', () => {
    // Act
    const answer = twiml(dial('+15125550102', { action: 'https://hooks.example/twilio-voice', timeout: 20 }));
    const goodbye = twiml(say('Goodbye.'), hangup());

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, contentType: 'text/xml' });
    expect(answer.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const [dialVerb] = verbsOf(answer.body);
    expect(dialVerb).toEqual({
      name: 'Dial',
      attributes: { action: 'https://hooks.example/twilio-voice', method: 'POST', timeout: '20' },
      children: ['+15125550102'],
    });
    expect(verbsOf(goodbye.body).map((verb) => [verb.name, textOf(verb)])).toEqual([
      ['Say', 'Goodbye.'],
      ['Hangup', ''],
    ]);
  });

  it('escapes &, <, > and quotes in text, so a message cannot add verbs', () => {
    // Prepare
    const message = 'Smith & Sons <Plumbing> "24/7" it\'s ]]> </Say><Dial>+19005550100</Dial><Say>';

    // Act
    const { body } = twiml(say(message), hangup());

    // Assess
    expect(body).toContain(
      "<Say>Smith &amp; Sons &lt;Plumbing&gt; &quot;24/7&quot; it's ]]&gt; &lt;/Say&gt;&lt;Dial&gt;",
    );
    const verbs = verbsOf(body);
    expect(verbs.map((verb) => verb.name)).toEqual(['Say', 'Hangup']);
    expect(verbs[0]?.children).toEqual([message]);
  });

  it('escapes attribute values: quotes cannot end the attribute', () => {
    // Prepare
    const action = 'https://hooks.example/twilio-voice?a=1&b="2" onload="x" <c>\'d\'';

    // Act
    const { body } = twiml(dial('+15125550102', { action, timeout: 30 }));

    // Assess
    const [dialVerb] = verbsOf(body);
    expect(dialVerb?.attributes).toEqual({ action, method: 'POST', timeout: '30' });
  });

  it('leaves out what XML cannot carry (controls other than tab and line breaks, lone surrogates) and keeps the rest', () => {
    // Act
    const { body } = twiml(say('Call\u0000 us\u0007 back\uFFFF\uD800:\tsoon\nthanks 😀 é'));

    // Assess
    expect(verbsOf(body)[0]?.children).toEqual(['Call us back:\tsoon\nthanks 😀 é']);
  });

  it('gives back any text of letters, spaces and XML-special characters exactly', () => {
    // Prepare
    const chars = ['a', 'Z', ' ', '&', '<', '>', '"', "'", ']', ';', '#', '=', '/', 'é', '😀'];
    const text = fc.string({ unit: fc.constantFrom(...chars, '\n'), minLength: 1, maxLength: 40 });
    // An attribute value's line breaks would be read as spaces (XML normalizes them); a URL has none.
    const url = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 40 });

    // Act / Assess
    fc.assert(
      fc.property(text, url, (words, action) => {
        const [sayVerb, dialVerb] = verbsOf(
          twiml(say(words), dial('+15125550102', { action, timeout: 20 })).body,
        );
        expect(sayVerb?.children).toEqual([words]);
        expect(dialVerb?.attributes.action).toBe(action);
      }),
      { numRuns: 300 },
    );
  });
});
