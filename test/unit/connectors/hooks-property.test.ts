/**
 * Lead source webhooks, property-based (docs/product-rules.md §2, §11), on `HookService` with the real
 * intake over in-memory fakes: for each of Twilio Voice, CallRail, Angi and Thumbtack,
 * - a request without the source's valid signature or key is refused (401/403), never throws, stores nothing;
 * - a validly signed request, whatever its body, never throws and is answered 2xx (TwiML for Twilio);
 * - a validly signed lead with odd values everywhere is stored when it has a usable phone, and is kept
 *   for a person (still 2xx) only when it has none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HookOutcome } from '../../../shared/app/hook-service';
import {
  basicAuth,
  CREDENTIALS,
  callrailSignature,
  HOOKS_BASE_URL,
  hookHarness,
  hookRequest,
  twilioSignature,
} from '../../support/hooks';
import { angiLead, callrailCall, thumbtackNegotiation, twilioDialEnded } from '../../support/source-fixtures';
import { parseXml } from '../../support/xml';

const RUNS = 200;
const SEED = 20261118;

type Connector = 'twilio-voice' | 'callrail' | 'angi' | 'thumbtack';

/** Odd text: any code point, or longer than our fields hold (200 to 4000 characters). */
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ minLength: 150, maxLength: 4500, size: 'max' }),
);
/** Phones intake can use, with what it stores. */
const usablePhone = fc.constantFrom(
  ['+15125550199', '+15125550199'],
  ['(512) 555-0123', '+15125550123'],
  ['512.555.0142', '+15125550142'],
  ['+1 737 555 0100', '+17375550100'],
);
/** Numbers that are no way to reach anyone. */
const unusablePhone = fc.constantFrom('anonymous', '', '12', 'not a phone', '+266696687');
const sourceId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.nat().map(String));
const extraFields = fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 5,
});
const anyBody = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.json({ maxDepth: 4 }));

/** The body as sent and the headers that sign it as the source does. */
const signed = (
  connector: Connector,
  body: string,
  params?: Record<string, string>,
): Record<string, string> => {
  switch (connector) {
    case 'twilio-voice':
      return {
        'x-twilio-signature': twilioSignature(
          CREDENTIALS['twilio-voice'].authToken,
          `${HOOKS_BASE_URL}/twilio-voice`,
          params ?? Object.fromEntries(new URLSearchParams(body)),
        ),
      };
    case 'callrail':
      return { signature: callrailSignature(CREDENTIALS.callrail.signingKey, body) };
    case 'angi':
      return { 'x-api-key': CREDENTIALS.angi.apiKey };
    case 'thumbtack':
      return { authorization: basicAuth(CREDENTIALS.thumbtack.username, CREDENTIALS.thumbtack.password) };
  }
};

/** Headers a forger might send: the source's header with a wrong value, and anything else. */
const forgedHeaders = (connector: Connector) =>
  fc
    .record({
      guessed: fc.oneof(fc.string(), fc.base64String(), fc.constant('')),
      other: fc.dictionary(
        fc.constantFrom('x-forwarded-for', 'cookie', 'x-api-key-2', 'authorisation'),
        fc.string(),
      ),
      omit: fc.boolean(),
    })
    .map(({ guessed, other, omit }) => {
      const header = {
        'twilio-voice': 'x-twilio-signature',
        callrail: 'signature',
        angi: 'x-api-key',
        thumbtack: 'authorization',
      }[connector];
      const value =
        connector === 'thumbtack' ? `Basic ${Buffer.from(`x:${guessed}`).toString('base64')}` : guessed;
      return omit ? other : { ...other, [header]: value };
    });

/** The answer's status, checked to be a 2xx in the source's format. */
const answered = (connector: Connector, outcome: HookOutcome): void => {
  expect(outcome.kind).toBe('answer');
  if (outcome.kind !== 'answer') return;
  expect(outcome.response.statusCode).toBe(200);
  if (connector === 'twilio-voice') {
    expect(outcome.response.contentType).toBe('text/xml');
    expect(parseXml(outcome.response.body).name).toBe('Response');
  } else {
    expect(outcome.response.contentType).toBe('application/json');
  }
};

const CONNECTORS: Connector[] = ['twilio-voice', 'callrail', 'angi', 'thumbtack'];

describe.each(CONNECTORS)('POST /hooks/%s (property)', (connector) => {
  it('refuses a request without valid auth, whatever its body and headers, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, forgedHeaders(connector), async (body, headers) => {
        // Prepare
        const { hooks, store, inbox } = hookHarness();

        // Act
        const outcome = await hooks.handle(connector, hookRequest(connector, body, headers));

        // Assess
        expect(outcome).toMatchObject({ kind: 'refused', status: expect.toBeOneOf([401, 403]) });
        expect(store.leads.size).toBe(0);
        expect(inbox.kept.size).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it('answers any validly signed body with a 2xx in its own format, and stores leads only with a contact', async () => {
    const bodies =
      connector === 'twilio-voice'
        ? fc
            .record({
              base: fc.dictionary(fc.string({ maxLength: 15 }), fc.string({ maxLength: 40 }), { maxKeys: 8 }),
              call: fc.record(
                {
                  CallSid: sourceId,
                  DialCallStatus: fc.constantFrom('no-answer', 'busy', 'completed', 'queued', ''),
                  From: fc.oneof(
                    usablePhone.map(([raw]) => raw),
                    unusablePhone,
                  ),
                },
                { requiredKeys: [] },
              ),
            })
            .map(({ base, call }) => new URLSearchParams({ ...base, ...call }).toString())
        : anyBody;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        // Prepare
        const { hooks, store } = hookHarness();

        // Act
        const outcome = await hooks.handle(connector, hookRequest(connector, body, signed(connector, body)));

        // Assess
        answered(connector, outcome);
        for (const lead of store.leads.values()) expect(lead.phone ?? lead.email).toBeDefined();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it('stores a signed lead with odd values whenever it has a usable phone, and keeps it for a person otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          usablePhone,
          unusablePhone.map((raw) => [raw, undefined] as const),
        ),
        fc.array(oddText, { minLength: 6, maxLength: 6 }),
        sourceId,
        extraFields,
        async ([phone, stored], [a = '', b = '', c = '', d = '', e = '', f = ''], id, extra) => {
          // Prepare
          const { hooks, store, inbox } = hookHarness();
          const { body, params } = leadPayload(connector, { phone, id, texts: [a, b, c, d, e, f], extra });

          // Act
          const outcome = await hooks.handle(
            connector,
            hookRequest(connector, body, signed(connector, body, params)),
          );

          // Assess
          answered(connector, outcome);
          const leads = [...store.leads.values()];
          if (stored === undefined) {
            expect(leads).toEqual([]);
            expect(inbox.kept.size).toBe(1);
          } else {
            expect(leads.map((lead) => lead.phone)).toEqual([stored]);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

/** A lead in `connector`'s format with this phone and id, odd texts in its other fields, and extra fields. */
const leadPayload = (
  connector: Connector,
  { phone, id, texts, extra }: { phone: string; id: string; texts: string[]; extra: Record<string, unknown> },
): { body: string; params?: Record<string, string> } => {
  const [a, b, c, d, e, f] = texts;
  switch (connector) {
    case 'twilio-voice': {
      const params = twilioDialEnded('no-answer', {
        ...Object.fromEntries(
          Object.entries(extra).map(([name, value]) => [`X${name}`, JSON.stringify(value)]),
        ),
        CallSid: `CA${id}`,
        From: phone,
        CallerName: a ?? '',
        FromCity: b ?? '',
        FromState: c ?? '',
        To: d ?? '',
      });
      return { body: new URLSearchParams(params).toString(), params };
    }
    case 'callrail':
      return {
        body: JSON.stringify(
          callrailCall({
            ...extra,
            resource_id: `CAL${id}`,
            customer_phone_number: phone,
            customer_name: a,
            customer_city: b,
            source_name: c,
            keywords: d,
            transcription: e,
            start_time: f,
          }),
        ),
      };
    case 'angi':
      return {
        body: JSON.stringify(
          angiLead({
            ...extra,
            leadOid: id,
            primaryPhone: phone,
            email: undefined,
            name: a,
            address: b,
            comments: c,
            taskName: d,
            postalCode: e,
            interview: [{ question: f, answer: a }],
          }),
        ),
      };
    case 'thumbtack':
      return {
        body: JSON.stringify(
          thumbtackNegotiation({
            ...extra,
            negotiationID: id,
            customer: { displayName: a, phone },
            description: b,
            category: { name: c },
            location: { address1: d, city: e, zipCode: f },
            details: [{ question: f, answer: e }],
          }),
        ),
      };
  }
};
