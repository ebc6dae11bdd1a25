/**
 * Never a 5xx on input (docs/product-rules.md §2, §10; issue 14), as one property over the whole HTTP
 * surface: at least 2,000 generated requests (fixed seed) to every route of `shared/http/routes.ts`, with
 * JSON, form, multipart and raw-byte bodies, odd Content-Type/charset, Origin, Host, Idempotency-Key, API
 * keys, cookies, query strings and path parameters. Each goes through the local runner's gateway in process
 * (authorizer included). Every answer is below 500, and every refusal (4xx) stores nothing: no lead (the
 * `byDay` index), no table item, no change to the known leads, no message in the outbox.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp, type LocalApp } from '../../local/app';
import type { GatewayRequest } from '../../local/gateway';
import { ManualClock } from '../../local/manual-clock';
import { ensureTable } from '../../shared/aws/table-schema';
import { CONFIRMATIONS } from '../../shared/domain/link-page-state';
import { ROUTES, type Route } from '../../shared/http/routes';
import { BOARD } from '../../shared/settings';
import { type DynamoEngine, newTableName, startDynalite } from '../support/dynamo-engines';
import { KEYS } from '../support/local-api';

const RUNS = 2400;
const SEED = 14_2026;
const NOW = '2026-11-18T16:00:00Z'; // Wed 10 AM in Austin
const DAY = { from: '2026-11-18T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' };
const HOST = 'localhost:3000';
const FORM = 'application/x-www-form-urlencoded';

let engine: DynamoEngine;
let tableName: string;
let configDir: string;
let app: LocalApp;
/** Real values the generators mix in, so requests reach past the first check of each route. */
const real = { leadIds: [] as string[], linkTokens: [] as string[], failureIds: [] as string[], cookie: '' };

const send = async (request: Omit<GatewayRequest, 'query'> & { query?: URLSearchParams }) => {
  const response = await app.gateway.handle({ query: new URLSearchParams(), ...request });
  await app.runtime.runDue();
  return response;
};

const postLead = async (fields: Record<string, unknown>): Promise<string> => {
  const res = await send({
    method: 'POST',
    path: '/leads',
    headers: { 'x-api-key': KEYS.webForm, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (res.statusCode !== 201) throw new Error(`setup: intake answered ${res.statusCode}`);
  return JSON.parse(res.body).leadId;
};

const lead = (phone: string, overrides: Record<string, unknown> = {}) => ({
  fullName: 'Ana Diaz',
  phone,
  serviceAddress: '400 Main St, Round Rock TX 78664',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Water leaking under the kitchen sink',
  consent: { sms: true, email: true },
  ...overrides,
});

beforeAll(async () => {
  engine = await startDynalite();
  tableName = newTableName();
  await ensureTable(engine.client, tableName);
  // PUT /ops/config writes its files here, never into the repository's config/.
  configDir = mkdtempSync(join(tmpdir(), 'fuzz-config-'));
  for (const name of ['business', 'roster']) {
    copyFileSync(`config/${name}.example.json`, join(configDir, `${name}.example.json`));
  }
  const clock = new ManualClock(NOW);
  app = createLocalApp({ client: engine.client, tableName, clock, configDir });
  engine.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITE_COMMAND.test(String(context.commandName ?? ''))) writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'fuzzWriteCounter' },
  );
  app.setPublicBaseUrl(`http://${HOST}`);
  app.sms.optedOut.add('+15125550102'); // Dana: her SMS fails, leaving a failed-handoff record
  real.leadIds.push(await postLead(lead('512-555-0301')));
  real.leadIds.push(await postLead(lead('512-555-0302', { urgency: 'emergency' })));
  real.leadIds.push(await postLead({ phone: '512-555-0303', notes: 'Caller hung up' }));
  await app.runtime.advance(clock, 120);
  real.linkTokens.push(
    ...app.outbox
      .list()
      .flatMap((m) => (m.link ? [new URL(m.link).pathname.split('/').pop() ?? ''] : []))
      .slice(0, 4),
  );
  real.failureIds.push(...(await app.deps.failureStore.listOpen()).items.map((f) => f.id));
  await send({
    method: 'POST',
    path: '/sign-in',
    headers: { 'content-type': FORM },
    body: 'contact=priya%40lonestar.example.com',
  });
  const signInPath = /\/s\/[A-Za-z0-9_-]{43}/.exec(app.outbox.list('priya').at(-1)?.body ?? '')?.[0] ?? '';
  const signedIn = await send({ method: 'POST', path: signInPath, headers: {}, body: '' });
  real.cookie = (signedIn.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  if (real.linkTokens.length === 0 || real.failureIds.length === 0 || !real.cookie.includes('=')) {
    throw new Error('setup: no links, failed handoffs or session to fuzz with');
  }
});

afterAll(async () => {
  await engine?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// What "nothing stored" means: the leads of the day (the `byDay` index), every table item, the known
// leads' versions and the outbox. Comparing them costs a Scan, so it is done when a request wrote to the
// table at all (a write counter on the client sees every PutItem, UpdateItem, DeleteItem and batch);
// a request that wrote nothing and sent nothing stored nothing.

const WRITE_COMMAND = /^(Put|Update|Delete|BatchWrite|TransactWrite)(Item)?Command$/;
let writes = 0;

const snapshot = async () => {
  const count = await engine.client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }));
  return {
    leads: (await app.deps.store.listCreated(DAY.from, DAY.to)).length,
    items: count.Count,
    known: (await app.deps.store.getMany(real.leadIds)).map((l) => `${l.id}@${l.version}`),
    outbox: app.outbox.list().length,
  };
};

// ---------------------------------------------------------------------------------------------------
// Generators. Each route mostly gets a plausible request (its key, a real id or token, its kind of body)
// with odd values inside, and sometimes something odd in every part, so requests reach past the first
// check of each route and meet odd input where it is read.

interface Body {
  text: string;
  /** The body's own media type; `bytes` sends it base64-encoded, as raw bytes. */
  type: string | undefined;
}

const none = fc.constant(undefined);

/** Mostly `usual` (3 in 4, or `weight` to 1), else `odd`. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, weight = 3) =>
  fc.oneof({ arbitrary: usual, weight }, { arbitrary: odd, weight: 1 });

const oddText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '\u0000',
    '\u202eevil',
    'a\u200bb',
    '%',
    '%E9',
    '../..',
    "' OR 1=1 --",
    'x'.repeat(300),
  ),
);
const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(2 ** 53 + 1, 1e20, 1.79e308, 5e-324, -0, -1, 0.001, 1249.5),
);
const oddValue = fc.oneof(oddText, oddNumber, fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
const FIELDS = [
  'fullName',
  'phone',
  'email',
  'serviceAddress',
  'notes',
  'urgency',
  'serviceType',
  'zip',
  'fit',
];
const UNSAFE_NUMBER_TEXT = ['9007199254740993', '1e20', '1.79e308', '5e-324', '1e400', '-0', '12.345'];

/** A complete lead, sometimes with an estimated value (often odd) or a few odd fields. */
const leadFields = fc
  .tuple(
    fc.integer({ min: 400, max: 999 }),
    mostly(none, fc.dictionary(fc.constantFrom(...FIELDS, 'extra'), oddValue, { minKeys: 1, maxKeys: 2 }), 2),
    mostly(none, mostly(fc.integer({ min: 0, max: 100_000 }), oddNumber, 1), 1),
  )
  .map(([n, odd, value]) => ({
    ...lead(`512-555-0${n}`),
    ...odd,
    ...(value === undefined ? {} : { estimatedValue: value }),
  }));
const withRawNumber = (fields: Record<string, unknown>, number: string) =>
  `${JSON.stringify(fields).slice(0, -1)}${Object.keys(fields).length ? ',' : ''}"estimatedValue":${number}}`;
const json = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  arb.map((value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' }));
/** A lead as a form posts it: consent as `consent.sms`/`consent.email`, every value a string. */
const formOf = ({ consent, ...fields }: Record<string, unknown>) =>
  new URLSearchParams([
    ...Object.entries(fields).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    ...(consent === undefined
      ? []
      : [
          ['consent.sms', 'on'],
          ['consent.email', 'off'],
        ]),
  ]).toString();

/** Bodies any route may get: too deep, too wide, not JSON, multipart, raw bytes. */
const junk: fc.Arbitrary<Body> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => ({
    text: `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`,
    type: 'application/json',
  })),
  json(
    fc
      .integer({ min: 150, max: 3000 })
      .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]))),
  ),
  json(fc.jsonValue()),
  fc
    .constantFrom(
      '{"__proto__":{"polluted":true},"phone":"512-555-0777"}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"fullName":"\\ud800","phone":"512-555-0778"}',
      '--x\r\nContent-Disposition: form-data; name="phone"\r\n\r\n512-555-0779\r\n--x--',
      `redirect=${'a'.repeat(20_000)}`,
    )
    .map((text) => ({ text, type: text.startsWith('--x') ? 'multipart/form-data; boundary=x' : undefined })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, type: undefined })),
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => ({ text: Buffer.from(bytes).toString('base64'), type: 'bytes' })),
);

const intakeBody: fc.Arbitrary<Body> = fc.oneof(
  json(leadFields),
  fc
    .tuple(
      leadFields,
      fc.constantFrom(
        '',
        'https://evil.example/',
        '/thanks',
        `http://${HOST}/thanks`,
        `https://x.example/${'a'.repeat(2000)}`,
      ),
    )
    .map(([fields, redirect]) => ({ text: formOf({ ...fields, redirect }), type: FORM })),
  fc
    .tuple(leadFields, fc.constantFrom(...UNSAFE_NUMBER_TEXT))
    .map(([fields, number]) => ({ text: withRawNumber(fields, number), type: 'application/json' })),
  fc.tuple(leadFields, fc.constantFrom('%E9', 'Jos%E9', '%C3%A9', '%FF%FE')).map(([fields, name]) => ({
    text: `${formOf(fields)}&fullName=${name}`,
    type: `${FORM}; charset=latin1`,
  })),
);
const patchBody: fc.Arbitrary<Body> = fc.oneof(
  json(
    fc.dictionary(fc.constantFrom(...FIELDS, 'estimatedValue', 'consent', 'source', 'id'), oddValue, {
      minKeys: 1,
      maxKeys: 3,
    }),
  ),
  json(
    fc.constantFrom(
      { fullName: null },
      { fullName: 'Ana Diaz' },
      { consent: { sms: true, email: true } },
      { notes: 'Leak\r\nagain\u202e' },
    ),
  ),
  fc
    .constantFrom(...UNSAFE_NUMBER_TEXT)
    .map((number) => ({ text: withRawNumber({}, number), type: 'application/json' })),
);
const transferBody = json(
  fc.record(
    {
      to: fc.oneof(fc.constantFrom('tomas', 'marco', 'dana'), oddText),
      reason: oddText,
      nextAction: oddText,
    },
    { requiredKeys: [] },
  ),
);
const linkForm: fc.Arbitrary<Body> = fc
  .tuple(
    fc.constantFrom('accept', 'reject', 'log_contact', 'set_status', 'set_next_action', 'x'),
    oddText,
    fc.boolean(),
  )
  .map(([action, text, confirm]) => ({
    text: [
      `action=${action}`,
      ...(confirm ? CONFIRMATIONS.map((c) => `confirm=${c}`) : []),
      `reason=other&text=${encodeURIComponent(text)}&stage=closed&next_action=${encodeURIComponent(text)}`,
      `contact_channel=call&contact_summary=${encodeURIComponent(text)}&waiting_on=us`,
    ].join('&'),
    type: FORM,
  }));
const boardForm: fc.Arbitrary<Body> = oddText.map((text) => ({
  text: `contact=${encodeURIComponent(text)}&csrf=${encodeURIComponent(text)}`,
  type: FORM,
}));
const configBody = json(
  fc.oneof(
    fc.record({ business: oddValue, roster: oddValue }),
    fc.constant({ business: { name: '' }, roster: { people: [] } }),
  ),
);

/** Cursors shaped like the stores' keys, forged: empty, oversized, mismatched or of another list. */
const forgedCursor = () =>
  fc.oneof(
    fc
      .record(
        {
          PK: fc.oneof(
            fc.constantFrom(
              `FAILURE#${real.failureIds[0]}`,
              `LEAD#${real.leadIds[0]}`,
              'FAILURE#x',
              `FAILURE#${'x'.repeat(2100)}`,
            ),
            oddText,
          ),
          SK: fc.constantFrom('FAILURE', 'LEAD', ''),
          gsi2pk: fc.constantFrom('FAILED', 'OPEN', ''),
          gsi2sk: fc.oneof(fc.constantFrom('', `2026-11-18T16:00:00.000Z#${real.failureIds[0]}`), oddText),
        },
        { requiredKeys: [] },
      )
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
    oddText,
    fc.constant('A'.repeat(5000)),
  );

const oddQuery = fc.dictionary(fc.constantFrom('key', 'cursor', 'limit', 'week', 'x'), oddText, {
  maxKeys: 2,
});

/** What a route takes, mostly: its key, the real values for its path parameter, its body and query. */
const routeShape = (route: Route) => {
  const key =
    route.auth === 'intake'
      ? fc.constantFrom(KEYS.webForm, KEYS.phone)
      : route.auth === 'ops'
        ? fc.constant(KEYS.ops)
        : none;
  const reals = route.path.startsWith('/h/')
    ? real.linkTokens
    : route.path.startsWith('/ops/failed-handoffs/{')
      ? real.failureIds
      : real.leadIds;
  const byRoute: Record<string, fc.Arbitrary<Body | undefined>> = {
    'POST /leads': intakeBody,
    'PATCH /leads/{id}': patchBody,
    'POST /leads/{id}/transfer': transferBody,
    'POST /h/{token}': linkForm,
    'PUT /ops/config': configBody,
    'POST /sign-in': boardForm,
    'POST /sign-out': boardForm,
    'POST /s/{token}': fc.constant({ text: '', type: FORM }),
  };
  const query =
    route.path === '/ops/failed-handoffs' || route.path.endsWith('retry-all')
      ? fc.record(
          { cursor: forgedCursor(), limit: fc.constantFrom('1', '5', '100') },
          { requiredKeys: ['cursor'] },
        )
      : route.path === '/ops/reports/weekly'
        ? fc.record({ week: fc.constantFrom('2026-W47', '2026-W99', '0000-W00') })
        : fc.constant({});
  return fc.record({
    key: mostly(key, fc.constantFrom(undefined, KEYS.webForm, KEYS.ops, 'garbage', '')),
    keyInQuery: mostly(fc.constant(false), fc.constant(true)),
    param: mostly(
      fc.constantFrom(...reals),
      fc.oneof(
        fc.stringMatching(/^[0-9A-Z]{26}$/),
        oddText.filter((t) => t !== ''),
      ),
    ),
    rawParam: fc.boolean(),
    body: mostly(byRoute[`${route.method} ${route.path}`] ?? none, junk),
    query: mostly(query, oddQuery),
    contentType: mostly(
      none,
      fc.constantFrom(
        'application/json; charset=iso-8859-1',
        'application/json; charset=klingon',
        'APPLICATION/JSON;CHARSET="UTF-8"',
        'application/json; charset=utf-16le',
        `${FORM}; charset=windows-1252`,
        `${FORM}; charset=us-ascii`,
        'multipart/form-data; boundary=x',
        'text/plain',
        '',
        ';;;',
      ),
      5,
    ),
  });
};

/** Headers besides the key and content type: mostly ordinary, sometimes odd. */
const headers = () =>
  fc.record(
    {
      host: mostly(fc.constant(HOST), fc.constantFrom('[::1', 'evil.example', '', 'a'.repeat(300))),
      origin: mostly(
        fc.constantFrom('null', `http://${HOST}`),
        fc.constantFrom('https://evil.example', 'not a url', ''),
      ),
      'idempotency-key': mostly(
        fc.integer({ max: 30 }).map((n) => `k-${n}`),
        fc.constantFrom('', ' ', 'x'.repeat(200), 'é', '\u0000'),
      ),
      cookie: mostly(
        fc.constant(real.cookie),
        fc.constantFrom(`${BOARD.localSessionCookie}=forged`, 'a=b; ;='),
      ),
    },
    { requiredKeys: [] },
  );

/** Built once setup has run: the generators mix in the real cookie, tokens and ids. */
const requests = () =>
  fc
    .constantFrom(...ROUTES)
    .chain((route) =>
      fc.record({
        route: fc.constant(route),
        shape: routeShape(route),
        headers: headers(),
        otherMethod: mostly(none, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), 14),
      }),
    )
    .map(({ route, shape, headers: extra, otherMethod }): { route: string; request: GatewayRequest } => {
      const param = shape.rawParam ? shape.param.replace(/\//g, '') || 'x' : encodeURIComponent(shape.param);
      const type = shape.contentType ?? shape.body?.type;
      const bytes = type === 'bytes';
      const query = new URLSearchParams(shape.query);
      const sent: Record<string, string> = { ...extra };
      if (shape.key !== undefined && shape.keyInQuery) query.set('key', shape.key);
      else if (shape.key !== undefined) sent['x-api-key'] = shape.key;
      if (type !== undefined && !bytes) sent['content-type'] = type;
      return {
        route: `${route.method} ${route.path}`,
        request: {
          method: otherMethod ?? route.method,
          path: route.path.replace(/\{\w+\}/, param),
          query,
          headers: sent,
          body: shape.body?.text ?? '',
          isBase64Encoded: bytes && shape.body !== undefined,
        },
      };
    });

// ---------------------------------------------------------------------------------------------------

describe('the HTTP surface never answers 5xx, and a refusal stores nothing (property)', () => {
  it(`answers ${RUNS} generated requests over every route below 500`, async () => {
    // Prepare
    const perRoute = new Map<string, number>();
    const statuses = new Map<number, number>();

    let stored = await snapshot();

    // Act
    await fc.assert(
      fc.asyncProperty(requests(), async ({ route, request: req }) => {
        writes = 0;
        const sent = app.outbox.list().length;
        const res = await send(req);
        perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);

        // Assess
        expect(res.statusCode, `${req.method} ${req.path} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        const refused = res.statusCode >= 400;
        if (refused) expect(app.outbox.list().length).toBe(sent);
        if (writes > 0) {
          const now = await snapshot();
          if (refused) expect(now).toEqual(stored);
          stored = now;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    // Assess (every route was reached often; both acceptances and refusals happened)
    expect([...perRoute.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    for (const route of ROUTES)
      expect(perRoute.get(`${route.method} ${route.path}`) ?? 0).toBeGreaterThanOrEqual(50);
    const seen = [...statuses.keys()];
    expect(seen.some((s) => s < 300)).toBe(true);
    expect(seen.filter((s) => s >= 400).length).toBeGreaterThanOrEqual(6);
  }, 300_000);
});
