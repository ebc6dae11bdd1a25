/**
 * The board's query parameters as a property (docs/product-rules.md §8, §10): at least 200 generated
 * query strings each for the board page (as an office manager and as a tech) and for `GET /leads` —
 * known and unknown names, repeated names, vocabulary and garbage values, phone numbers in every
 * format, real and forged cursors. Every answer is a 200 or a 4xx with a plain message, never a 5xx,
 * and nothing stored changes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_VIEWS, encodeCursor, STATUS_FILTERS } from '../../shared/domain/board-query';
import { SOURCES } from '../../shared/domain/lead';
import { signIn } from '../support/board-list';
import { KEYS, type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { IN_HOURS, leadBody, postLead } from '../support/scenario';

const RUNS = 200;
const SEED = 20261124;

let api: LocalApi;
let leadId: string;
let manager: string;
let tech: string;

beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
  api.app.sms.optedOut.add('+15125550102');
  leadId = await postLead(api, leadBody({ fullName: 'Ana Díaz', phone: '(512) 555-0100' }));
  await postLead(api, leadBody({ fullName: 'Cy Park', urgency: 'emergency', serviceType: 'leak_detection' }));
  await postLead(api, leadBody({ serviceAddress: undefined, serviceType: undefined }));
  await api.advance(120);
  manager = await signIn(api, 'priya');
  tech = await signIn(api, 'tomas');
});

afterAll(async () => {
  await api.stop();
});

const NAMES = ['view', 'q', 'status', 'source', 'cursor'];
const ISO = fc
  .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());

const value = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...BOARD_VIEWS, ...STATUS_FILTERS, ...SOURCES, ''),
    fc.constantFrom('(512) 555-0100', '512.555.0100', '+1 512 555 0100', '0100', '+999', 'Díaz', 'ana d'),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    ISO.map((at) => encodeCursor('leads', `${at}#${leadId}`)),
    ISO.map((at) => encodeCursor('failed', `${at}#${leadId}.1.notification.dana.sms.handoff`)),
    fc.string({ maxLength: 60 }).map((text) => Buffer.from(`L|${text}`).toString('base64url')),
    fc.string({ unit: 'binary', maxLength: 40 }).map((text) => Buffer.from(text).toString('base64url')),
  );

/** Up to six parameters, known names mostly, some repeated, some unknown. */
const queries = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })), value()),
  {
    maxLength: 6,
  },
);

/** A request straight to the gateway (repeated names included), without running timers afterwards. */
const get = async (path: string, pairs: [string, string][], headers: Record<string, string>) => {
  const query = new URLSearchParams();
  for (const [name, text] of pairs) query.append(name, text);
  return api.app.gateway.handle({ method: 'GET', path, query, headers, body: '' });
};

describe('the board’s query parameters (property)', () => {
  it('answers every generated query with 200 or a 4xx page, never a 5xx, changing nothing', async () => {
    // Prepare
    const before = await tableItems(api);
    const statuses = new Set<number>();

    // Act
    await fc.assert(
      fc.asyncProperty(queries, fc.boolean(), async (pairs, asTech) => {
        const res = await get('/board', pairs, { cookie: asTech ? tech : manager });

        // Assess (each case)
        statuses.add(res.statusCode);
        expect([200, 400, 404]).toContain(res.statusCode);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).not.toMatch(/\bat \S[^"\n]*\.[cm]?[jt]s:\d+/);
        if (res.statusCode === 400) expect(res.body).toContain('Cannot show that list');
      }),
      { numRuns: RUNS, seed: SEED },
    );

    // Assess
    expect(statuses.has(200)).toBe(true);
    expect(statuses.has(400)).toBe(true);
    expect(await tableItems(api)).toEqual(before);
  });

  it('answers every generated GET /leads query with 200 or a 400 listing the problems, changing nothing', async () => {
    // Prepare
    const before = await tableItems(api);
    const statuses = new Set<number>();

    // Act
    await fc.assert(
      fc.asyncProperty(queries, async (pairs) => {
        const res = await get('/leads', pairs, { 'x-api-key': KEYS.ops });

        // Assess (each case)
        statuses.add(res.statusCode);
        expect([200, 400]).toContain(res.statusCode);
        const body = JSON.parse(res.body);
        if (res.statusCode === 400) {
          expect(body.error).toBe('validation_failed');
          expect(body.issues.length).toBeGreaterThan(0);
        } else {
          expect(Array.isArray(body.items)).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );

    // Assess
    expect(statuses.has(200)).toBe(true);
    expect(statuses.has(400)).toBe(true);
    expect(await tableItems(api)).toEqual(before);
  });
});
