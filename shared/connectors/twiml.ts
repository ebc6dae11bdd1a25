/**
 * TwiML, the XML Twilio reads to know what to do with a call (twilio.com/docs/voice/twiml): the few verbs
 * the Twilio Voice connector answers with, always served as `text/xml`. Written by the small XML writer
 * below rather than a template library (preact cost the hooks bundle 18 KB for three verbs): element
 * names are fixed here, and every text and attribute value is escaped (`&`, `<`, `>`, `"`), so what a
 * business types in its settings is read out to the caller, never parsed as markup. Characters XML 1.0
 * cannot carry at all (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF)
 * are left out, so the answer is always well-formed.
 */
import type { HookResponse } from './connector';

declare const verb: unique symbol;

/** One verb of a TwiML document, as escaped XML: made only by `say`, `hangup` and `dial`. */
export type Verb = string & { readonly [verb]: true };

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** What XML 1.0 has no way to write, not even as a character reference. */
const NOT_XML = /(?![\t\n\r])[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu;

/** `text` as XML character data or a double-quoted attribute value. */
const escaped = (text: string): string =>
  text.replace(NOT_XML, '').replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);

/** `<name attributes…>text</name>`, or `<name attributes…/>` without text. */
const element = (
  name: string,
  text = '',
  attributes: Readonly<Record<string, string | number>> = {},
): string => {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escaped(String(value))}"`)
    .join('');
  return text === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${escaped(text)}</${name}>`;
};

/** A TwiML document of `verbs`, answered 200 as `text/xml`. */
export const twiml = (...verbs: Verb[]): HookResponse => ({
  statusCode: 200,
  contentType: 'text/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.join('')}</Response>`,
});

/** `<Say>`: words read to the caller. */
export const say = (text: string): Verb => element('Say', text) as Verb;

/** `<Hangup/>`: ends the call. */
export const hangup = (): Verb => element('Hangup') as Verb;

/**
 * `<Dial>` the number, ringing `timeout` seconds; when the dialled call ends, Twilio posts its outcome
 * (`DialCallStatus`) to `action` and plays the TwiML answered there.
 */
export const dial = (number: string, options: { action: string; timeout: number }): Verb =>
  element('Dial', number, { action: options.action, method: 'POST', timeout: options.timeout }) as Verb;
