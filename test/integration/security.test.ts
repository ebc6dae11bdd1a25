/**
 * Security (docs/product-rules.md §10): API keys by scope, and handoff links whose unguessable token is bound to one
 * handoff step and one recipient, expires, is stored only as a hash, and whose GET never changes state.
 * Every refusal is checked for its status AND for leaving everything stored exactly as it was.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/domain/config';
import { ROUTES, type Route } from '../../shared/http/routes';
import { hashToken, newLinkToken } from '../../shared/link-tokens';
import { exampleConfig, staticConfig } from '../support/fakes';
import { type ApiResponse, KEYS, type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import {
  acceptLink,
  getLead,
  IN_HOURS,
  latestLink,
  leadBody,
  linkForLead,
  linkPath,
  openLink,
  postLead,
  rejectLink,
} from '../support/scenario';

const DANA_PHONE = '+15125550102';

/** Everything a request could change: the table, the messages sent, the config. */
const snapshot = async (api: LocalApi) => ({
  items: await tableItems(api),
  outbox: api.app.outbox.list().length,
  config: await api.app.deps.config.load(),
});

const tokenOf = (link: string): string => linkPath(link).split('/').pop() ?? '';

const expectLinkPageHeaders = (res: ApiResponse): void => {
  expect(res.headers['content-type']).toContain('text/html');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
};

// ---------------------------------------------------------------------------------------------------

describe('API keys (docs/product-rules.md §10)', () => {
  let api: LocalApi;
  let leadId: string;
  let failureId: string;

  /** A request to the route that would change something if it got through (never a valid config). */
  const attempt = (route: Route, options: { key?: string; query?: Record<string, string> }) => {
    const path = route.path.replace('{id}', route.path.startsWith('/ops/') ? failureId : leadId);
    const bodies: Record<string, unknown> = {
      'POST /leads': leadBody({ fullName: 'Intruder Lead' }),
      'PATCH /leads/{id}': { notes: 'Changed by someone without the ops key' },
      'POST /leads/{id}/transfer': {
        to: 'kelly',
        reason: 'Moved by someone without the ops key',
        nextAction: 'Call the customer to book the same-day leak inspection',
      },
      // Never a valid config: the local runner writes a valid one into config/.
      'PUT /ops/config': { business: { name: 'Intruder' }, roster: {} },
    };
    const body = bodies[`${route.method} ${route.path}`];
    return api.request(route.method, path, { ...options, ...(body === undefined ? {} : { body }) });
  };

  const protectedRoutes = ROUTES.filter((route) => route.auth !== 'public');
  const opsRoutes = ROUTES.filter((route) => route.auth === 'ops');
  const routeName = (route: Route) => `${route.method} ${route.path}`;

  beforeAll(async () => {
    api = await startLocalApi(IN_HOURS);
    api.app.sms.optedOut.add(DANA_PHONE);
    leadId = await postLead(api, leadBody());
    await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(120);
    const failure = (await api.app.deps.failureStore.listOpen()).items[0];
    if (!failure) throw new Error('setup: no failed-handoff record');
    failureId = failure.id;
  });

  afterAll(async () => {
    await api.stop();
  });

  it('covers every protected route: intake and ops', () => {
    // Assess
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(8);
    expect(new Set(protectedRoutes.map((r) => r.auth))).toEqual(new Set(['intake', 'ops']));
  });

  it.each(protectedRoutes.map((route) => [routeName(route), route] as const))(
    '%s without a key: 401, nothing changed',
    async (_name, route) => {
      // Prepare
      const before = await snapshot(api);

      // Act
      const res = await attempt(route, {});

      // Assess
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: 'unauthorized' });
      expect(await snapshot(api)).toEqual(before);
    },
  );

  it.each(protectedRoutes.map((route) => [routeName(route), route] as const))(
    '%s with a wrong key: 401, nothing changed',
    async (_name, route) => {
      // Prepare
      const before = await snapshot(api);
      const wrongKeys = [
        'wrong-key',
        `${KEYS.ops}x`,
        KEYS.ops.toUpperCase(),
        `Bearer ${KEYS.ops}`,
        ` ${KEYS.webForm}`,
      ];

      // Act
      const statuses = [];
      for (const key of wrongKeys) statuses.push((await attempt(route, { key })).status);

      // Assess
      expect(statuses).toEqual(wrongKeys.map(() => 401));
      expect(await snapshot(api)).toEqual(before);
    },
  );

  it.each(opsRoutes.map((route) => [routeName(route), route] as const))(
    '%s with an intake key: 403, nothing changed',
    async (_name, route) => {
      // Prepare
      const before = await snapshot(api);

      // Act
      const webForm = await attempt(route, { key: KEYS.webForm });
      const phone = await attempt(route, { key: KEYS.phone });

      // Assess
      expect([webForm.status, phone.status]).toEqual([403, 403]);
      expect(webForm.json).toEqual({ error: 'forbidden' });
      expect(await snapshot(api)).toEqual(before);
    },
  );

  it.each(opsRoutes.map((route) => [routeName(route), route] as const))(
    '%s with the ops key in the query string: 401, nothing changed',
    async (_name, route) => {
      // Prepare
      const before = await snapshot(api);

      // Act
      const res = await attempt(route, { query: { key: KEYS.ops } });

      // Assess
      expect(res.status).toBe(401);
      expect(await snapshot(api)).toEqual(before);
    },
  );

  it('refuses the ops key on intake (403): it cannot post leads', async () => {
    // Prepare
    const before = await snapshot(api);
    const intake = ROUTES.find((route) => route.auth === 'intake');
    if (!intake) throw new Error('no intake route');

    // Act
    const res = await attempt(intake, { key: KEYS.ops });

    // Assess
    expect(res.status).toBe(403);
    expect(await snapshot(api)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('handoff links (docs/product-rules.md §10)', () => {
  let api: LocalApi;

  afterEach(async () => {
    await api.stop();
  });

  it('a forged token: 404 on GET and POST, nothing changed', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    await api.advance(120);
    const before = await snapshot(api);
    const forged = newLinkToken();

    // Act
    const get = await api.request('GET', `/h/${forged}`);
    const post = await acceptLink(api, `http://localhost/h/${forged}`);

    // Assess
    expect([get.status, post.status]).toEqual([404, 404]);
    expect(post.body).toContain('Link not recognised');
    expectLinkPageHeaders(post);
    expect(await snapshot(api)).toEqual(before);
  });

  it('an expired token: 410 on GET and POST while its handoff still waits, nothing changed', async () => {
    // Prepare: links that live 6 minutes, a 15-minute acceptance window
    const config: AppConfig = exampleConfig();
    config.business.messaging.linkTtlHours = 0.1;
    api = await startLocalApi(IN_HOURS, { config: staticConfig(config) });
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await api.advance(config.business.messaging.linkTtlHours * 3600 + 60);
    const before = await snapshot(api);

    // Act
    const get = await openLink(api, link);
    const accept = await acceptLink(api, link);
    const reject = await rejectLink(api, link, 'missing_phone');

    // Assess
    expect([get.status, accept.status, reject.status]).toEqual([410, 410, 410]);
    expect(accept.body).toContain('This link has expired');
    expectLinkPageHeaders(accept);
    expect(await snapshot(api)).toEqual(before);
    expect(await getLead(api, id)).toMatchObject({
      status: 'awaiting_acceptance',
      handoff: { to: { id: 'tomas' } },
    });
  });

  it('reused after acceptance: a later POST reject answers 409 with the lead card, nothing changed', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await acceptLink(api, link);
    const before = await snapshot(api);

    // Act
    const res = await rejectLink(api, link, 'missing_phone');

    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toContain('data-state="card"');
    expect(res.body).toContain('<h1>Lead card</h1>');
    expect(await snapshot(api)).toEqual(before);
    expect(await getLead(api, id)).toMatchObject({ status: 'accepted', owner: { id: 'tomas' } });
  });

  it('reused after a rejection: a later POST accept answers 409 with the sent-back page, nothing changed', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await rejectLink(api, link, 'missing_address', 'No unit number');
    await api.advance(120);
    const before = await snapshot(api);

    // Act
    const res = await acceptLink(api, link);

    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toContain('<h1>Sent back to intake</h1>');
    expect(await snapshot(api)).toEqual(before);
    expect((await getLead(api, id)).owner).toBeUndefined();
  });

  it('reused after escalation: 409 on accept and reject, the lead stays with the next person', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await api.advance(15 * 60 + 1);
    await api.advance(60); // the escalation's paced messages go out
    const before = await snapshot(api);

    // Act
    const accept = await acceptLink(api, link);
    const reject = await rejectLink(api, link, 'not_my_territory');

    // Assess
    expect([accept.status, reject.status]).toEqual([409, 409]);
    expect(accept.body).toContain('<h1>This lead has moved</h1>');
    expect(await snapshot(api)).toEqual(before);
    expect(await getLead(api, id)).toMatchObject({
      status: 'awaiting_acceptance',
      handoff: { seq: 2, to: { id: 'priya' } },
    });
  });

  it("a step-1 token after the lead moved to step 2 (transfer): 409, the new recipient's handoff untouched", async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const step1 = latestLink(api, 'tomas');
    await acceptLink(api, step1);
    const transfer = await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly', reason: 'Tomás is out sick today' },
    });
    await api.advance(120);
    const before = await snapshot(api);

    // Act
    const accept = await acceptLink(api, step1);
    const reject = await rejectLink(api, step1, 'notes_insufficient');

    // Assess
    expect(transfer.status).toBe(200);
    expect([accept.status, reject.status]).toEqual([409, 409]);
    expect(await snapshot(api)).toEqual(before);
    expect(await getLead(api, id)).toMatchObject({
      owner: { id: 'tomas' },
      handoff: { seq: 2, kind: 'transfer', state: 'awaiting_acceptance', to: { id: 'kelly' } },
    });
  });

  it("a token bound to person X cannot act as person Y, even for Y's current step", async () => {
    // Prepare: a link record for the current step, but bound to Tomás while the step is Kelly's
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await acceptLink(api, latestLink(api, 'tomas'));
    await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly', reason: 'Tomás is out sick today' },
    });
    await api.advance(120);
    const lead = await getLead(api, id);
    const token = newLinkToken();
    const now = api.clock.now();
    await api.app.deps.tokens.put({
      tokenHash: hashToken(token),
      leadId: id,
      seq: lead.handoff?.seq ?? 0,
      recipientId: 'tomas',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    const before = await snapshot(api);

    // Act
    const accept = await acceptLink(api, `http://localhost/h/${token}`);
    const reject = await rejectLink(api, `http://localhost/h/${token}`, 'not_my_territory');

    // Assess
    expect([accept.status, reject.status]).toEqual([409, 409]);
    expect(accept.body).toContain('belongs to someone else');
    expect(await snapshot(api)).toEqual(before);
  });

  it("the recipient's own link makes that recipient, and no one else, the owner", async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await acceptLink(api, latestLink(api, 'tomas'));
    await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly', reason: 'Tomás is out sick today' },
    });
    await api.advance(120);

    // Act
    const res = await acceptLink(api, await linkForLead(api, 'kelly', id));

    // Assess
    expect(res.status).toBe(200);
    const lead = await getLead(api, id);
    expect(lead.owner?.id).toBe('kelly');
    expect(lead.timeline.filter((e) => e.type === 'accepted').map((e) => e.actor.id)).toEqual([
      'tomas',
      'kelly',
    ]);
  });

  it("lead A's token changes lead A only; the link carries no lead id", async () => {
    // Prepare: two leads waiting on the same person
    api = await startLocalApi(IN_HOURS);
    const a = await postLead(api, leadBody({ fullName: 'Ana Diaz' }));
    const b = await postLead(api, leadBody({ fullName: 'Bea Ruiz' }));
    await api.advance(120);
    const linkA = await linkForLead(api, 'tomas', a);
    const leadB = await getLead(api, b);
    const others = (await tableItems(api)).filter((item) => item.PK?.S !== `LEAD#${a}`);

    // Act
    const res = await acceptLink(api, linkA);

    // Assess
    expect(res.status).toBe(200);
    expect(linkPath(linkA)).toMatch(/^\/h\/[A-Za-z0-9_-]{43}$/);
    expect(linkPath(linkA)).not.toContain(a);
    expect((await getLead(api, a)).status).toBe('accepted');
    expect(await getLead(api, b)).toEqual(leadB);
    expect((await tableItems(api)).filter((item) => item.PK?.S !== `LEAD#${a}`)).toEqual(others);
  });

  it('opening a link (GET, repeated, and as link-preview prefetches) changes nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await api.advance(120);
    const link = latestLink(api, 'tomas');
    const before = await snapshot(api);
    const prefetchers: Record<string, string>[] = [
      { 'user-agent': 'WhatsApp/2.23.20.0' },
      { 'user-agent': 'facebookexternalhit/1.1' },
      { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
      { purpose: 'prefetch' },
      { 'sec-purpose': 'prefetch' },
      { 'x-purpose': 'preview' },
    ];

    // Act
    const opened = [];
    for (let n = 0; n < 5; n += 1) opened.push(await openLink(api, link));
    for (const headers of prefetchers) opened.push(await api.request('GET', linkPath(link), { headers }));

    // Assess
    expect(opened.map((res) => res.status)).toEqual(opened.map(() => 200));
    expect(opened.every((res) => res.body.includes('Accept this lead?'))).toBe(true);
    expect(await snapshot(api)).toEqual(before);
    expect((await getLead(api, id)).status).toBe('awaiting_acceptance');
  });

  it('every link page answers with no-store, no-referrer and a CSP', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    await api.advance(120);
    const link = latestLink(api, 'tomas');
    const path = linkPath(link);

    // Act
    const pages = [
      await openLink(api, link),
      await acceptLink(api, link, ['saw_notes']),
      await api.request('POST', path, {
        body: 'action=dance',
        contentType: 'application/x-www-form-urlencoded',
      }),
      await api.request('POST', path, { body: '{"action":"accept"}', contentType: 'application/json' }),
      await api.request('GET', `/h/${newLinkToken()}`),
      await api.request('GET', '/h/garbage'),
      await acceptLink(api, link),
      await rejectLink(api, link, 'missing_phone'),
    ];

    // Assess
    expect(pages.map((res) => res.status)).toEqual([200, 400, 400, 415, 404, 404, 200, 409]);
    for (const res of pages) expectLinkPageHeaders(res);
  });

  it('tokens carry at least 128 bits and only their SHA-256 is stored', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(120);

    // Act
    const tokens = api.app.outbox.list().flatMap((message) => (message.link ? [tokenOf(message.link)] : []));
    const items = await tableItems(api);

    // Assess
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    const tokenKeys = items.filter((item) => item.PK?.S?.startsWith('TOKEN#')).map((item) => item.PK?.S);
    const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
    expect(tokenKeys.sort()).toEqual(tokens.map((token) => `TOKEN#${sha256(token)}`).sort());
    const stored = JSON.stringify(items);
    for (const token of tokens) expect(stored).not.toContain(token);
  });
});
