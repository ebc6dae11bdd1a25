/**
 * Properties of the form and ad connectors (Typeform, Jotform, Gravity Forms, Meta lead ads) through
 * the hook service on fakes (hook-fakes.ts), 250 cases each: whatever the body, headers or signature,
 * the service never throws and never answers 5xx; a request is refused (401/403, nothing kept) only
 * when its auth is wrong; a signed one is answered 200 and captured when it carries a usable phone,
 * else kept for a person.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS, hookFakes, hookRequest, SIGNED } from './hook-fakes';

const RUNS = { numRuns: 250 };

const CONNECTORS = ['typeform', 'jotform', 'gravity-forms', 'meta-lead-ads'] as const;

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/** Phones intake reads (fictional 555-01xx numbers of Austin). */
const validPhone = fc.integer({ min: 100, max: 199 }).map((n) => `(512) 555-0${n}`);

const body = fc.oneof(
  fc.uint8Array({ maxLength: 1500 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 500 }).map((s) => Buffer.from(s)),
);

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'multipart/form-data',
    'text/plain',
  ),
  fc.string({ maxLength: 40 }),
);

describe.each(CONNECTORS)('%s', (connector) => {
  it('answers any signed body 200 and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (raw, type) => {
        // Prepare
        const { service } = hookFakes(async () => {
          throw new Error('Graph API down');
        });
        const auth = SIGNED[connector]?.(raw) ?? { headers: {}, query: {} };

        // Act
        const outcome = await service.handle(
          connector,
          hookRequest(connector, {
            body: raw,
            headers: { ...auth.headers, 'content-type': type },
            query: auth.query,
          }),
        );

        // Assess
        expect(outcome).toMatchObject({ kind: 'answer', response: { statusCode: 200 } });
      }),
      RUNS,
    );
  });

  it('refuses a request with wrong or missing auth with 401/403, keeping nothing', async () => {
    const header = fc.constantFrom('typeform-signature', 'x-hub-signature-256', 'x-api-key', 'x-other');
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.dictionary(header, fc.oneof(text, fc.constant('sha256=')), { maxKeys: 3 }),
        fc.option(text, { nil: undefined }),
        async (raw, headers, key) => {
          // Prepare
          const { service, submitted, kept } = hookFakes();

          // Act
          const outcome = await service.handle(
            connector,
            hookRequest(connector, { body: raw, headers, query: key === undefined ? {} : { key } }),
          );

          // Assess
          expect(outcome).toMatchObject({ kind: 'refused', status: expect.toBeOneOf([401, 403]) });
          expect(submitted).toEqual([]);
          expect(kept).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});

/** Extra keys and values a source may add without telling us. */
const extras = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x_${k}`),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 4 },
);

/** Answers no setting maps to a contact field. */
const otherAnswers = fc.array(fc.record({ id: fc.integer({ min: 20, max: 99 }), value: text }), {
  maxLength: 6,
});

/** Captured with the phone when it has one, kept for a person when not: never refused, never 5xx. */
const expectCapturedOrKept = (
  outcome: unknown,
  fakes: ReturnType<typeof hookFakes>,
  phone: string | undefined,
) => {
  expect(outcome).toMatchObject({ kind: 'answer', response: { statusCode: 200 } });
  if (phone === undefined) {
    expect(fakes.submitted).toEqual([]);
    expect(fakes.kept).toHaveLength(1);
  } else {
    expect(fakes.submitted).toEqual([expect.objectContaining({ phone })]);
    expect(fakes.kept).toEqual([]);
  }
};

const send = async (connector: string, raw: Buffer, type: string, fakes = hookFakes()) => {
  const auth = SIGNED[connector]?.(raw) ?? { headers: {}, query: {} };
  const request = hookRequest(connector, {
    body: raw,
    headers: { ...auth.headers, 'content-type': type },
    query: auth.query,
  });
  return { outcome: await fakes.service.handle(connector, request), fakes };
};

describe('a signed payload of the documented shape, with what the source may add', () => {
  it('typeform: captured with its phone, or kept without one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(validPhone, { nil: undefined }),
        otherAnswers,
        extras,
        fc.string({ minLength: 1, maxLength: 40 }),
        async (phone, others, extra, token) => {
          const answers = [
            ...others.map(({ id, value }) => ({
              type: 'text',
              text: value,
              field: { id: `f${id}`, ref: `r${id}` },
            })),
            ...(phone
              ? [{ type: 'phone_number', phone_number: phone, field: { id: 'p', ref: 'phone_ref' } }]
              : []),
          ];
          const payload = {
            event_type: 'form_response',
            form_response: { token, answers, ...extra },
            ...extra,
          };
          const { outcome, fakes } = await send(
            'typeform',
            Buffer.from(JSON.stringify(payload)),
            'application/json',
          );
          expectCapturedOrKept(outcome, fakes, phone);
        },
      ),
      RUNS,
    );
  });

  it('jotform: captured with its phone, or kept without one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(validPhone, { nil: undefined }),
        otherAnswers,
        extras,
        fc.stringMatching(/^[0-9]{1,19}$/),
        async (phone, others, extra, submissionId) => {
          const raw = {
            ...Object.fromEntries(others.map(({ id, value }) => [`q${id}_other${id}`, value])),
            ...(phone ? { q5_phoneNumber: { full: phone } } : {}),
            ...extra,
          };
          const boundary = 'b0undary';
          const part = (name: string, value: string) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
          const multipart = `${part('submissionID', submissionId)}${part('rawRequest', JSON.stringify(raw))}--${boundary}--\r\n`;
          const { outcome, fakes } = await send(
            'jotform',
            Buffer.from(multipart),
            `multipart/form-data; boundary=${boundary}`,
          );
          expectCapturedOrKept(outcome, fakes, phone);
        },
      ),
      RUNS,
    );
  });

  it('gravity-forms: captured with its phone, or kept without one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(validPhone, { nil: undefined }),
        otherAnswers,
        extras,
        fc.integer({ min: 1, max: 10_000_000 }),
        async (phone, others, extra, id) => {
          const entry = {
            ...extra,
            ...Object.fromEntries(others.map(({ id: field, value }) => [String(field), value])),
            id: String(id),
            form_id: '3',
            ...(phone ? { '2': phone } : {}), // field 2 is the phone in the example settings
          };
          const { outcome, fakes } = await send(
            'gravity-forms',
            Buffer.from(JSON.stringify(entry)),
            'application/json',
          );
          expectCapturedOrKept(outcome, fakes, phone);
        },
      ),
      RUNS,
    );
  });

  it('meta-lead-ads: each lead captured with its phone, or kept when it has none or the Graph API fails', async () => {
    const graphAnswer = fc.oneof(
      fc.record({
        kind: fc.constant('lead' as const),
        phone: fc.option(validPhone, { nil: undefined }),
        others: otherAnswers,
      }),
      fc.constant({ kind: 'error' as const }),
      fc.constant({ kind: 'throws' as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[1-9][0-9]{5,16}$/), { minLength: 1, maxLength: 3 }),
        fc.array(graphAnswer, { minLength: 3, maxLength: 3 }),
        extras,
        async (ids, answers, extra) => {
          // Prepare: the Graph API answers each lead id as drawn
          const byId = new Map(ids.map((id, i) => [id, answers[i] ?? { kind: 'throws' as const }]));
          const fakes = hookFakes(async (url) => {
            const answer = byId.get(new URL(url).pathname.split('/').pop() ?? '');
            if (!answer || answer.kind === 'throws') throw new Error('unreachable');
            if (answer.kind === 'error')
              return { error: { message: 'Invalid OAuth access token', code: 190 } };
            const fieldData = [
              ...answer.others.map(({ id, value }) => ({ name: `question_${id}`, values: [value] })),
              ...(answer.phone ? [{ name: 'phone_number', values: [answer.phone] }] : []),
            ];
            return { id: 'x', field_data: fieldData, ...extra };
          });
          const changes = ids.map((id) => ({
            field: 'leadgen',
            value: { leadgen_id: id, form_id: '4', ...extra },
          }));
          const delivery = { object: 'page', entry: [{ id: '1', time: 1, changes }], ...extra };

          // Act
          const { outcome } = await send(
            'meta-lead-ads',
            Buffer.from(JSON.stringify(delivery)),
            'application/json',
            fakes,
          );

          // Assess
          expect(outcome).toMatchObject({ kind: 'answer', response: { statusCode: 200 } });
          const phones = ids.flatMap((id) => {
            const answer = byId.get(id);
            return answer?.kind === 'lead' && answer.phone ? [answer.phone] : [];
          });
          expect(fakes.submitted.map((lead) => lead.phone)).toEqual(phones);
          expect(fakes.kept).toHaveLength(ids.length - phones.length);
        },
      ),
      RUNS,
    );
  });
});

describe('meta-lead-ads verification request', () => {
  it('echoes the challenge only to the right token in subscribe mode, else 403; never throws', async () => {
    const token = CREDENTIALS['meta-lead-ads']?.verifyToken ?? '';
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(fc.constant('subscribe'), text), { nil: undefined }),
        fc.option(fc.oneof(fc.constant(token), text), { nil: undefined }),
        fc.option(fc.oneof(fc.stringMatching(/^[0-9]{1,12}$/), text), { nil: undefined }),
        async (mode, verifyToken, challenge) => {
          // Prepare
          const { service } = hookFakes();
          const query = Object.fromEntries(
            Object.entries({
              'hub.mode': mode,
              'hub.verify_token': verifyToken,
              'hub.challenge': challenge,
            }).filter(([, v]) => v !== undefined),
          ) as Record<string, string>;

          // Act
          const outcome = await service.handle(
            'meta-lead-ads',
            hookRequest('meta-lead-ads', { method: 'GET', query }),
          );

          // Assess
          if (outcome.kind !== 'answer') throw new Error('a handshake is always answered');
          const ours = mode === 'subscribe' && verifyToken === token;
          if (!ours) expect(outcome.response.statusCode).toBe(403);
          else if (/^[A-Za-z0-9_-]{1,200}$/.test(challenge ?? '')) {
            expect(outcome.response).toMatchObject({ statusCode: 200, body: challenge });
          } else expect(outcome.response.statusCode).toBe(400);
        },
      ),
      RUNS,
    );
  });
});
