/**
 * Never a 5xx on input (docs/product-rules.md §2, §10; issue 14): each reproduction from the attack
 * report, driven through the local runner's gateway (and its HTTP server where the transport matters).
 * Every refusal is a clear 4xx and leaves nothing stored.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../local/server';
import type { Lead } from '../../shared/domain/lead';
import { exampleConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds, tableItems } from '../support/local-api';
import { IN_HOURS, latestLink, leadBody, linkPath, postLead } from '../support/scenario';

const FORM = 'application/x-www-form-urlencoded';
const HOST = 'localhost:3000';

let api: LocalApi;

beforeAll(async () => {
  const config = exampleConfig();
  api = await startLocalApi(IN_HOURS, {
    config: {
      load: async () => ({
        ...config,
        business: { ...config.business, formRedirectHosts: ['lonestar.example.com'] },
      }),
    },
  });
});
afterAll(async () => {
  await api.stop();
});

const leadOf = async (id: string): Promise<Lead> => {
  const lead = await api.app.deps.store.get(id);
  if (!lead) throw new Error(`lead ${id} not found`);
  return lead;
};

/** A complete lead as a form post (every value a string). */
const formLead = (overrides: Record<string, string> = {}): Record<string, string> => {
  const { consent: _consent, ...fields } = leadBody();
  return {
    ...(fields as Record<string, string>),
    'consent.sms': 'true',
    'consent.email': 'false',
    ...overrides,
  };
};

/** A JSON lead body with `estimatedValue` written as the raw number text (JSON.stringify cannot say 9007199254740993). */
const jsonWithValue = (value: string): string => {
  const text = JSON.stringify(leadBody());
  return `${text.slice(0, -1)},"estimatedValue":${value}}`;
};

/** The characters of `text` that stored text must not carry: controls (but line feeds), bidi and zero-width. */
const invisible = (text: string): string[] =>
  [...text].filter((ch) => ch !== '\n' && /[\p{Cc}\p{Cf}]/u.test(ch));

const UNSAFE_NUMBERS = ['9007199254740993', '1e20', '1.79e308', '5e-324'];

describe('numbers are bounded', () => {
  it.each(UNSAFE_NUMBERS)(
    'captures a lead with estimatedValue %s (JSON and form) without it, with a warning (never bounce, §2)',
    async (value) => {
      // Act
      const asJson = await api.request('POST', '/leads', {
        key: KEYS.webForm,
        body: jsonWithValue(value),
        contentType: 'application/json',
      });
      const asForm = await api.request('POST', '/leads', {
        key: KEYS.webForm,
        form: true,
        body: formLead({ estimatedValue: value }),
      });

      // Assess
      for (const res of [asJson, asForm]) {
        expect(res.status).toBe(201);
        expect(res.json.warnings.map((warning: { field: string }) => warning.field)).toEqual([
          'estimatedValue',
        ]);
        const stored = await leadOf(res.json.leadId);
        expect(stored.estimatedValue).toBeUndefined();
        expect(stored.warnings).toEqual(res.json.warnings);
      }
    },
  );

  it.each(UNSAFE_NUMBERS)(
    'refuses PATCH estimatedValue %s with 400; the lead is unchanged',
    async (value) => {
      // Prepare
      const id = await postLead(api, leadBody());
      const before = await leadOf(id);

      // Act
      const res = await api.request('PATCH', `/leads/${id}`, {
        key: KEYS.ops,
        body: `{"estimatedValue":${value}}`,
        contentType: 'application/json',
      });

      // Assess
      expect(res.status).toBe(400);
      expect(res.json.issues[0].path).toBe('estimatedValue');
      expect(await leadOf(id)).toEqual(before);
    },
  );

  it('keeps a sane amount with cents', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: { ...leadBody(), estimatedValue: 1249.5 },
    });

    // Assess
    expect(res.status).toBe(201);
    expect((await leadOf(res.json.leadId)).estimatedValue).toBe(1249.5);
  });
});

describe('nesting and field counts are limited before anything hashes or stores the body', () => {
  it('refuses JSON nested 3,000 deep with an Idempotency-Key with 400, storing nothing', async () => {
    // Prepare
    const before = await tableItems(api);
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;

    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      headers: { 'idempotency-key': 'deep-1' },
      body: `{"fullName":"Ana","phone":"512-555-0111","notes":${deep}}`,
      contentType: 'application/json',
    });

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'body', message: expect.stringMatching(/nested deeper than \d+/) },
    ]);
    expect(await tableItems(api)).toEqual(before);
  });

  it('refuses a body with too many fields with 400', async () => {
    // Prepare
    const fields = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 'x']));

    // Act
    const asJson = await api.request('POST', '/leads', { key: KEYS.webForm, body: fields });
    const asForm = await api.request('POST', '/leads', { key: KEYS.webForm, body: fields, form: true });

    // Assess
    for (const res of [asJson, asForm]) {
      expect(res.status).toBe(400);
      expect(res.json.issues).toEqual([
        { path: 'body', message: expect.stringMatching(/more than \d+ fields/) },
      ]);
    }
  });
});

describe('cursors are validated', () => {
  const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const id = '01KAAAAAAAAAAAAAAAAAAAAAAA.1.timer';

  it.each([
    ['an empty sort key', { PK: `FAILURE#${id}`, SK: 'FAILURE', gsi2pk: 'FAILED', gsi2sk: '' }],
    [
      'a key over 2,048 bytes',
      { PK: `FAILURE#${'x'.repeat(2100)}`, SK: 'FAILURE', gsi2pk: 'FAILED', gsi2sk: 'a' },
    ],
    [
      'a sort key that is not this record’s',
      { PK: `FAILURE#${id}`, SK: 'FAILURE', gsi2pk: 'FAILED', gsi2sk: '2026-11-18T16:00:00.000Z#other' },
    ],
  ])('answers a forged ops cursor (%s) 400, not 500', async (_name, key) => {
    // Act
    const list = await api.request('GET', '/ops/failed-handoffs', {
      key: KEYS.ops,
      query: { cursor: cursorOf(key) },
    });
    const retry = await api.request('POST', '/ops/failed-handoffs/retry-all', {
      key: KEYS.ops,
      query: { cursor: cursorOf(key) },
    });

    // Assess
    expect([list.status, retry.status]).toEqual([400, 400]);
    expect(list.json.issues[0].path).toBe('cursor');
  });

  it('answers an overlong cursor 400', async () => {
    const res = await api.request('GET', '/ops/failed-handoffs', {
      key: KEYS.ops,
      query: { cursor: 'A'.repeat(5000) },
    });
    expect(res.status).toBe(400);
  });

  it.each([
    ['an empty sort key', { PK: 'LEAD#01KAAAAAAAAAAAAAAAAAAAAAAA', SK: 'LEAD', gsi2pk: 'OPEN', gsi2sk: '' }],
    ['a key over 2,048 bytes', { PK: `LEAD#${'x'.repeat(2100)}`, SK: 'LEAD', gsi2pk: 'OPEN', gsi2sk: 'a' }],
    [
      'a sort key of another lead',
      { PK: 'LEAD#01KAAAAAAAAAAAAAAAAAAAAAAA', SK: 'LEAD', gsi2pk: 'OPEN', gsi2sk: 'x#y' },
    ],
  ])('the lead store refuses a forged open-list cursor (%s) with a ValidationError', async (_name, key) => {
    await expect(api.app.deps.store.listOpen({ cursor: cursorOf(key) })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'cursor', message: expect.any(String) }],
    });
  });
});

describe('stored text carries no control, bidi or zero-width characters', () => {
  it('removes them from every field at intake, keeps newlines in notes, and sends none in SMS or email', async () => {
    // Prepare
    const sentBefore = api.app.outbox.list().length;

    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: {
        ...leadBody(),
        fullName: 'Ana\u0000 \u001b[31mDi\u200baz\u202e',
        notes: 'Leak under the sink.\r\nStarted today\u2066 at noon\u2069.\u200d',
        promisedNextStep: 'Call\nback\tsoon\u00ad',
      },
    });
    await api.advance(60);

    // Assess
    expect(res.status).toBe(201);
    const lead = await leadOf(res.json.leadId);
    expect(lead.fullName).toBe('Ana [31mDiaz');
    expect(lead.notes).toBe('Leak under the sink.\nStarted today at noon.');
    expect(lead.promisedNextStep).toBe('Call back soon');
    const sent = api.app.outbox.list().slice(sentBefore);
    expect(sent.length).toBeGreaterThan(0);
    for (const message of sent) {
      expect(invisible(message.body)).toEqual([]);
    }
  });

  it('removes them in a PATCH too', async () => {
    // Prepare
    const id = await postLead(api, leadBody());

    // Act
    const res = await api.request('PATCH', `/leads/${id}`, {
      key: KEYS.ops,
      body: { serviceAddress: '12 Oak\u0007 St\u202e, Austin TX 78704' },
    });

    // Assess
    expect(res.status).toBe(200);
    expect((await leadOf(id)).serviceAddress).toBe('12 Oak St, Austin TX 78704');
  });
});

describe('the declared charset is honoured, or 415', () => {
  it('reads a Latin-1 form as Latin-1', async () => {
    // Act
    const body = `${new URLSearchParams(formLead()).toString()}&fullName=Jos%E9+Pe%F1a`;
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body,
      contentType: `${FORM}; charset=ISO-8859-1`,
    });

    // Assess
    expect(res.status).toBe(201);
    expect((await leadOf(res.json.leadId)).fullName).toBe('José Peña');
  });

  it('refuses a charset it cannot read with 415 and a plain message, storing nothing', async () => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    const res = await api.request('POST', '/leads', {
      key: KEYS.webForm,
      body: JSON.stringify(leadBody()),
      contentType: 'application/json; charset=klingon',
    });

    // Assess
    expect(res.status).toBe(415);
    expect(res.json.message).toMatch(/charset klingon/i);
    expect(await storedLeadIds(api)).toEqual(before);
  });
});

describe('a PATCH that changes nothing changes nothing', () => {
  it.each([
    ['nulls', () => ({ fullName: null, email: null, estimatedValue: null })],
    [
      'the stored values',
      () => ({ fullName: 'Ana Diaz', serviceType: 'plumbing_repair', consent: { sms: true, email: true } }),
    ],
  ])('%s: no new version, no timeline entry, no dispatch', async (_name, body) => {
    // Prepare
    const id = await postLead(api, leadBody());
    const before = await leadOf(id);

    // Act
    const res = await api.request('PATCH', `/leads/${id}`, { key: KEYS.ops, body: body() });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(before.version);
    expect(await leadOf(id)).toEqual(before);
  });

  it('names only the fields that changed on the timeline', async () => {
    // Prepare
    const id = await postLead(api, leadBody());

    // Act
    await api.request('PATCH', `/leads/${id}`, {
      key: KEYS.ops,
      body: { fullName: 'Ana Diaz', notes: 'Now the hall bathroom too', email: null },
    });

    // Assess
    expect((await leadOf(id)).timeline.at(-1)?.summary).toBe('Details updated: what the customer asked');
  });
});

describe('a form’s redirect goes only to configured hosts or this site', () => {
  const post = (redirect: string) =>
    api.request('POST', '/leads', {
      query: { key: KEYS.webForm },
      headers: { host: HOST },
      form: true,
      body: formLead({ redirect }),
    });

  it.each([
    ['another host', 'https://evil.example/thanks'],
    ['a look-alike host', 'https://lonestar.example.com.evil.example/thanks'],
    ['credentials before the host', 'https://lonestar.example.com@evil.example/'],
    ['a protocol-relative path', '//evil.example/thanks'],
    ['a backslash path', '/\\evil.example'],
    ['20 KB', `https://lonestar.example.com/${'a'.repeat(20_000)}`],
  ])('refuses %s with 400, storing nothing', async (_name, redirect) => {
    // Prepare
    const before = await storedLeadIds(api);

    // Act
    const res = await post(redirect);

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('redirect');
    expect(await storedLeadIds(api)).toEqual(before);
  });

  it.each([
    ['a configured host', 'https://lonestar.example.com/thanks', 'https://lonestar.example.com/thanks'],
    ['this site', `http://${HOST}/thanks`, `http://${HOST}/thanks`],
    ['a same-site path', '/thanks', '/thanks'],
  ])('sends the browser to %s', async (_name, redirect, expected) => {
    // Act
    const res = await post(redirect);

    // Assess
    expect(res.status).toBe(303);
    const location = res.headers.location ?? '';
    expect(location.startsWith(`${expected}?leadId=`)).toBe(true);
  });
});

describe('link forms refuse a foreign Origin', () => {
  it('answers POST /h/{token} from another site 403 and changes nothing; the same site is accepted', async () => {
    // Prepare
    const id = await postLead(api, leadBody({ fullName: 'Origin Test' }));
    await api.advance(60);
    const path = linkPath(latestLink(api, 'tomas'));
    const before = await leadOf(id);
    const accept =
      'action=accept&confirm=saw_notes&confirm=understands_next_step&confirm=knows_deadline&confirm=enough_context';

    // Act
    const foreign = await api.request('POST', path, {
      body: accept,
      contentType: FORM,
      headers: { origin: 'https://evil.example', host: HOST },
    });

    // Assess
    expect(foreign.status).toBe(403);
    expect(foreign.headers['content-type']).toContain('text/html');
    expect(await leadOf(id)).toEqual(before);
    const same = await api.request('POST', path, {
      body: accept,
      contentType: FORM,
      headers: { origin: 'null', host: HOST },
    });
    expect(same.status).toBe(200);
  });
});

/** One raw HTTP request to the local server (node's client lets a test send any Host and any bytes). */
const rawRequest = (
  url: string,
  options: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest({
      hostname,
      port,
      method: options.method,
      path: options.path,
      headers: options.headers,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });

describe('the local server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(api.app, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a malformed Host header 400, not 500', async () => {
    const res = await rawRequest(server.url, { method: 'GET', path: '/board', headers: { host: '[::1' } });
    expect(res.status).toBe(400);
  });

  it('reads a JSON body sent in Latin-1 bytes as Latin-1', async () => {
    // Prepare
    const body = Buffer.from(JSON.stringify({ ...leadBody(), fullName: 'Zoë Müller' }), 'latin1');

    // Act
    const res = await rawRequest(server.url, {
      method: 'POST',
      path: '/leads',
      headers: { 'x-api-key': KEYS.webForm, 'content-type': 'application/json; charset=iso-8859-1' },
      body,
    });

    // Assess
    expect(res.status).toBe(201);
    expect((await leadOf(JSON.parse(res.body).leadId)).fullName).toBe('Zoë Müller');
  });
});
