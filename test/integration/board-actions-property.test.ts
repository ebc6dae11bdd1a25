/**
 * Generated form bodies thrown at every board action route (docs/product-rules.md §8, §10): whatever is posted,
 * by whom, with or without the CSRF token, the answer is a redirect (done, or to sign in) or a 4xx (a
 * re-rendered form with messages, 403, 404, 413, 415), never a 5xx; and a refusal changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../shared/domain/lead';
import { type LocalApi, startLocalApi } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, leadBody, linkForLead, postLead } from '../support/scenario';
import { localInput, type Session, session } from './board-support';

let api: LocalApi;
let people: Record<'priya' | 'tomas', Session>;
/** The lead each kind of target currently is (re-made when an action moved it on). */
const targets: Record<'needs_info' | 'accepted' | 'routed', string> = {
  needs_info: '',
  accepted: '',
  routed: '',
};

const newNeedsInfo = () => postLead(api, leadBody({ serviceType: undefined, serviceAddress: undefined }));
const newRouted = () => postLead(api, leadBody());
const newAccepted = async (): Promise<string> => {
  const id = await newRouted();
  const to = (await getLead(api, id)).handoff?.to.id ?? '';
  await acceptLink(api, await linkForLead(api, to, id, 'email'));
  return id;
};

/** The target of `kind`, made afresh when the last one is no longer in that state. */
const target = async (kind: keyof typeof targets): Promise<string> => {
  const current = targets[kind] ? await getLead(api, targets[kind]) : undefined;
  const wanted = { needs_info: 'needs_info', accepted: 'accepted', routed: 'awaiting_acceptance' }[kind];
  if (current?.status !== wanted) {
    targets[kind] = await { needs_info: newNeedsInfo, accepted: newAccepted, routed: newRouted }[kind]();
  }
  return targets[kind];
};

beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
  people = { priya: await session(api, 'priya'), tomas: await session(api, 'tomas') };
});
afterAll(async () => {
  await api.stop();
});

const FIELD_NAMES = [
  'fullName',
  'phone',
  'serviceAddress',
  'serviceType',
  'urgency',
  'notes',
  'consentSms',
  'consentEmail',
  'referredBy',
  'to',
  'reason',
  'next_action',
  'next_action_due',
  'outcome',
  'submission',
  '__proto__',
  'constructor',
];
/** Values that pass some checks, so generated forms reach the use cases, not only the first refusal. */
const PLAUSIBLE = [
  '',
  'booked',
  'lost',
  'duplicate',
  'spam',
  'kelly',
  'tomas',
  'nobody',
  'plumbing_repair',
  'standard',
  'yes',
  'no',
  '400 Main St, Round Rock TX 78664',
  'Call after 2 PM to book the inspection',
  'follow up',
  localInput(1),
  localInput(200),
  '2026-02-30T10:00',
  '(512) 555-0199',
  'Customer moved to the other crew',
];

const value = fc.oneof(
  fc.constantFrom(...PLAUSIBLE),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 600 }),
);

/** Each route's own fields, each present or not, plus a few stray ones. */
const ROUTE_FIELDS: Record<string, string[]> = {
  complete: ['serviceAddress', 'serviceType', 'fullName', 'consentSms', 'consentEmail'],
  transfer: ['to', 'reason', 'next_action'],
  close: ['outcome', 'reason'],
  'next-action': ['next_action', 'next_action_due'],
  retry: [],
  'retry-all': [],
};
/** A form each route takes, so some generated posts succeed (and the next ones meet the new state). */
const VALID_FORMS: Record<string, Record<string, string>> = {
  complete: { serviceAddress: '400 Main St, Round Rock TX 78664', serviceType: 'plumbing_repair' },
  transfer: { to: 'dana', reason: 'Customer moved to the other crew' },
  close: { outcome: 'spam' },
  'next-action': { next_action: 'Call after 2 PM to book the inspection', next_action_due: localInput(1) },
  retry: {},
  'retry-all': {},
};
const fieldsFor = (route: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(VALID_FORMS[route] ?? {}) },
    { weight: 3, arbitrary: generatedFields(route) },
  );
const generatedFields = (route: string) =>
  fc
    .tuple(
      fc.record(Object.fromEntries((ROUTE_FIELDS[route] ?? []).map((name) => [name, value])), {
        requiredKeys: [],
      }),
      fc.dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 2 }),
    )
    .map(([own, stray]) => ({ ...stray, ...own }) as Record<string, string>);

const often = <T>(usual: T, ...rare: T[]) =>
  fc.constantFrom(usual, usual, usual, usual, usual, usual, ...rare);

const posted = fc
  .constantFrom('complete', 'transfer', 'close', 'next-action', 'retry', 'retry-all')
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      lead:
        route === 'complete'
          ? often('needs_info', 'accepted', 'unknown')
          : often('accepted', 'needs_info', 'routed', 'unknown'),
      who: fc.constantFrom('priya', 'priya', 'tomas'),
      csrf: often('right', 'missing', 'wrong'),
      encoding: often('form', 'json', 'raw', 'huge'),
      fields: fieldsFor(route),
      raw: fc.string({ maxLength: 80 }),
      failureId: fc.oneof(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.constant('lead.01.marco.sms.handoff'),
      ),
    }),
  );

type Posted = typeof posted extends fc.Arbitrary<infer T> ? T : never;

const pathOf = async (c: Posted): Promise<{ path: string; leadId?: string }> => {
  if (c.route === 'retry') return { path: `/board/failed/${encodeURIComponent(c.failureId)}/retry` };
  if (c.route === 'retry-all') return { path: '/board/failed/retry-all' };
  const leadId =
    c.lead === 'unknown' ? '01ZZZZZZZZZZZZZZZZZZZZZZZZ' : await target(c.lead as keyof typeof targets);
  return { path: `/board/leads/${leadId}/${c.route}`, leadId };
};

const bodyOf = (c: Posted, who: Session): { body: string; contentType: string } => {
  const fields = new URLSearchParams(Object.entries(c.fields));
  if (c.csrf === 'right') fields.set('csrf', who.csrf);
  if (c.csrf === 'wrong') fields.set('csrf', `${who.csrf.slice(0, -1)}A`);
  switch (c.encoding) {
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(fields)), contentType: 'application/json' };
    case 'raw':
      return { body: c.raw, contentType: 'application/x-www-form-urlencoded' };
    case 'huge':
      fields.set('notes', 'n'.repeat(40_000));
      return { body: fields.toString(), contentType: 'application/x-www-form-urlencoded' };
    default:
      return { body: fields.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
};

describe('board action forms, generated', () => {
  it('answer a redirect or a 4xx, never a 5xx, and a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(posted, async (c) => {
        // Prepare
        const who = people[c.who as 'priya' | 'tomas'];
        const { path, leadId } = await pathOf(c);
        const before: Lead | undefined = leadId ? await api.app.deps.store.get(leadId) : undefined;
        const failuresBefore = await api.app.deps.failureStore.listOpen();
        const sentBefore = api.app.outbox.messages.length;

        // Act
        const res = await api.request('POST', path, { ...bodyOf(c, who), headers: { cookie: who.cookie } });

        // Assess
        expect(res.status === 303 || (res.status >= 400 && res.status < 500)).toBe(true);
        if (res.status !== 303) {
          expect(leadId ? await api.app.deps.store.get(leadId) : undefined).toEqual(before);
          expect(await api.app.deps.failureStore.listOpen()).toEqual(failuresBefore);
          expect(api.app.outbox.messages.length).toBe(sentBefore);
        }
      }),
      { numRuns: 200 },
    );
  });
});
