import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds } from '../support/local-api';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => {
  await api.stop();
});

const valid = {
  fullName: 'Ana Diaz',
  phone: '512-555-0199',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Slow drain',
  consent: { sms: true, email: false },
};

/** One field made wrong in a way intake must refuse. */
const corruption = fc.oneof(
  fc.record({
    field: fc.constant('phone'),
    value: fc.oneof(fc.integer(), fc.constantFrom('abc', '12', '+1 (000) 000', '😀')),
  }),
  fc.record({
    field: fc.constant('urgency'),
    value: fc.oneof(
      fc
        .string({ minLength: 1 })
        .filter((s) => !['emergency', 'active_loss', 'premium', 'standard', 'estimate'].includes(s)),
      fc.integer(),
    ),
  }),
  fc.record({
    field: fc.constant('email'),
    value: fc.oneof(fc.constantFrom('not-an-email', 'a@', '@b.c'), fc.boolean()),
  }),
  fc.record({
    field: fc.constant('fit'),
    value: fc.oneof(fc.constantFrom('great', 'bad', 'poorish'), fc.integer()),
  }),
  fc.record({
    field: fc.constant('estimatedValue'),
    value: fc.oneof(fc.integer({ max: -1 }), fc.constantFrom('lots', true)),
  }),
  fc.record({
    field: fc.constant('consent'),
    value: fc.oneof(fc.constantFrom('yes', 1), fc.record({ sms: fc.constant('maybe') })),
  }),
  fc.record({
    field: fc.constant('notes'),
    value: fc.oneof(fc.integer(), fc.constant('n'.repeat(5000)), fc.array(fc.string())),
  }),
  fc.record({
    field: fc.constant('serviceType'),
    value: fc.constantFrom('unicorn_grooming', 'PLUMBING', 42),
  }),
  fc.record({ field: fc.constant('market'), value: fc.constantFrom('atlantis', 7) }),
  fc.record({
    field: fc
      .string({ minLength: 1, maxLength: 12 })
      .filter(
        (k) =>
          !(k in valid) &&
          ![
            'email',
            'market',
            'zip',
            'campaign',
            'promisedNextStep',
            'fit',
            'estimatedValue',
            'referredBy',
            'missedBy',
            'externalId',
            'source',
            '__proto__',
            'constructor',
          ].includes(k),
      ),
    value: fc.anything(),
  }),
);

const malformedJson = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(corruption, { minLength: 1, maxLength: 3 })
      .map((cs) => JSON.stringify({ ...valid, ...Object.fromEntries(cs.map((c) => [c.field, c.value])) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.anything()))
      .map((v) => JSON.stringify(v)),
  },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 1 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ ...valid, phone: undefined, email: undefined })) },
);

describe('intake refuses malformed payloads (property)', () => {
  it('answers every one of 250 generated malformed payloads with a 4xx and a clear message, storing nothing', async () => {
    // Prepare
    const before = await storedLeadIds(api);
    const statuses: number[] = [];

    // Act
    await fc.assert(
      fc.asyncProperty(malformedJson, async (body) => {
        const res = await api.request('POST', '/leads', {
          key: KEYS.webForm,
          body,
          contentType: 'application/json',
        });
        statuses.push(res.status);
        // Assess (per case)
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.json.error).toBeTruthy();
        if (res.status === 400) {
          expect(res.json.issues.length).toBeGreaterThan(0);
          for (const issue of res.json.issues) {
            expect(issue.path).toBeTruthy();
            expect(issue.message.length).toBeGreaterThan(3);
          }
        }
      }),
      { numRuns: 250, seed: 20261122 },
    );

    // Assess
    expect(statuses).toHaveLength(250);
    expect(await storedLeadIds(api)).toEqual(before);
  });
});
