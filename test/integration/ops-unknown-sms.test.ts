/**
 * Texts from numbers not on the roster are kept for ops (docs/product-rules.md §12): ops reads them with
 * `GET /ops/sms/unknown` (newest first, a page at a time) or `npm run ops -- sms unknown`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOps } from '../../scripts/ops';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { IN_HOURS } from '../support/scenario';

const STRANGER = '+15125550999';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
  for (const body of ['Is this the plumber?', 'Hello??', 'Anyone there?']) {
    api.app.smsInbound.deliver({ from: STRANGER, body });
    await api.advance(60);
  }
});
afterAll(async () => {
  await api.stop();
});

describe('GET /ops/sms/unknown', () => {
  it('lists the kept texts newest first, a page at a time', async () => {
    // Act
    const first = await api.request('GET', '/ops/sms/unknown', { key: KEYS.ops, query: { limit: '2' } });
    const second = await api.request('GET', '/ops/sms/unknown', {
      key: KEYS.ops,
      query: { limit: '2', cursor: first.json.cursor },
    });

    // Assess
    expect(first.status).toBe(200);
    expect(first.json.items.map((t: { body: string }) => t.body)).toEqual(['Anyone there?', 'Hello??']);
    expect(first.json.items[0]).toMatchObject({ from: STRANGER, receivedAt: '2026-11-18T16:02:00.000Z' });
    expect(second.json.items.map((t: { body: string }) => t.body)).toEqual(['Is this the plumber?']);
    expect(second.json.cursor).toBeUndefined();
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'forged' }, 'cursor'],
    [{ since: 'yesterday' }, 'since'],
  ])('refuses %o with a 400 naming %s', async (query, path) => {
    const res = await api.request('GET', '/ops/sms/unknown', { key: KEYS.ops, query });
    expect(res.status).toBe(400);
    expect(res.body).toContain(path);
  });

  it('is for ops only', async () => {
    const res = await api.request('GET', '/ops/sms/unknown', { key: KEYS.webForm });
    expect(res.status).toBe(403);
  });

  it('prints them with npm run ops -- sms unknown', async () => {
    // Prepare
    const lines: string[] = [];
    const io = {
      fetch: (async (url: string | URL | Request) => {
        const u = new URL(String(url));
        const res = await api.request('GET', u.pathname, {
          key: KEYS.ops,
          query: Object.fromEntries(u.searchParams),
        });
        return new Response(res.body, { status: res.status });
      }) as typeof fetch,
      print: (line: string) => lines.push(line),
      env: {},
    };

    // Act
    const code = await runOps(['sms', 'unknown'], io);

    // Assess
    expect(code).toBe(0);
    expect(lines[0]).toBe('RECEIVED  |  FROM  |  TEXT');
    expect(lines[1]).toContain(`${STRANGER}  |  Anyone there?`);
    expect(lines).toHaveLength(4);
  });
});
