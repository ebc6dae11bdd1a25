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

/** Phones no one can call: with no email, the lead cannot be captured. */
const unreachablePhone = fc.oneof(
  fc.integer({ min: -1000, max: 99_999 }),
  fc.constantFrom('abc', '12', '+1 (000) 000', '😀'),
);

/** One field made odd in a way intake captures with a warning (docs/product-rules.md §2). */
const oddity = fc.oneof(
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
    field: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid) && k !== 'phone'),
    value: fc.anything(),
  }),
);

/** A submission: one to three odd fields, and maybe a phone no one can call. */
const submission = fc.record({
  oddities: fc.array(oddity, { minLength: 1, maxLength: 3 }),
  phone: fc.option(unreachablePhone, { freq: 3 }),
});

/** Bodies that are not an object of fields at all. */
const notALead = fc.oneof(
  fc
    .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.anything()))
    .map((v) => JSON.stringify(v)),
  fc.string({ minLength: 1 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

let phones = 2000;

describe('intake never bounces a lead it can reach (property, docs/product-rules.md §2)', () => {
  it('250 odd submissions: captured (201, warnings well-formed) with a reachable phone; else 400 on the contact alone, nothing stored', async () => {
    // Prepare
    let stored = (await storedLeadIds(api)).length;
    const statuses: number[] = [];

    // Act
    await fc.assert(
      fc.asyncProperty(submission, async ({ oddities, phone }) => {
        phones += 1;
        const fields = Object.fromEntries(oddities.map((c) => [c.field, c.value]));
        // An email made odd never reaches anyone: only the phone decides.
        const body = { ...valid, ...fields, phone: phone ?? `512-555-${phones}` };
        const res = await api.request('POST', '/leads', {
          key: KEYS.webForm,
          body: JSON.stringify(body),
          contentType: 'application/json',
        });
        statuses.push(res.status);
        // Assess (per case)
        const count = (await storedLeadIds(api)).length;
        if (phone === null) {
          expect(res.status).toBe(201);
          for (const warning of res.json.warnings ?? []) {
            expect(warning.field).toBeTruthy();
            expect(warning.message.length).toBeGreaterThan(3);
          }
          expect(count).toBe(stored + 1);
        } else {
          expect(res.status).toBe(400);
          expect(res.json.issues.every((i: { path: string }) => ['phone', 'email'].includes(i.path))).toBe(
            true,
          );
          expect(count).toBe(stored);
        }
        stored = count;
      }),
      { numRuns: 250, seed: 20261122 },
    );

    // Assess
    expect(statuses).toHaveLength(250);
    expect(new Set(statuses)).toEqual(new Set([201, 400]));
  });

  it('100 bodies that are not an object of fields: 400 with a clear message, nothing stored', async () => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    await fc.assert(
      fc.asyncProperty(notALead, async (body) => {
        const res = await api.request('POST', '/leads', {
          key: KEYS.webForm,
          body,
          contentType: 'application/json',
        });
        // Assess (per case)
        expect(res.status).toBe(400);
        expect(res.json.issues.length).toBeGreaterThan(0);
        for (const issue of res.json.issues) expect(issue.message.length).toBeGreaterThan(3);
      }),
      { numRuns: 100, seed: 20261122 },
    );

    // Assess
    expect(await storedLeadIds(api)).toEqual(before);
  });
});
