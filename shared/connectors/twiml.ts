/**
 * TwiML, the XML Twilio reads to know what to do with a call (twilio.com/docs/voice/twiml): the few verbs
 * the Twilio Voice connector answers with, always served as `text/xml`. Rendered by the template library,
 * which escapes text and attributes (no hand-written escaping).
 */
import { type ComponentChild, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { HookResponse } from './connector';

/** One verb of a TwiML document. */
export type Verb = ComponentChild;

/** A TwiML document of `verbs`, answered 200 as `text/xml`. */
export const twiml = (...verbs: Verb[]): HookResponse => ({
  statusCode: 200,
  contentType: 'text/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?>${renderToString(h('Response', null, ...verbs))}`,
});

/** `<Say>`: words read to the caller. */
export const say = (text: string): Verb => h('Say', null, text);

/** `<Hangup/>`: ends the call. */
export const hangup = (): Verb => h('Hangup', null);

/**
 * `<Dial>` the number, ringing `timeout` seconds; when the dialled call ends, Twilio posts its outcome
 * (`DialCallStatus`) to `action` and plays the TwiML answered there.
 */
export const dial = (number: string, options: { action: string; timeout: number }): Verb =>
  h('Dial', { action: options.action, method: 'POST', timeout: options.timeout }, number);
