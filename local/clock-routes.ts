/**
 * The manual clock's endpoints: `POST /_local/clock/advance {"seconds": N}` and `POST /_local/clock/set
 * {"at": "<ISO time>"}` move it forward, firing every timer and retry that comes due on the way at its
 * own moment; `GET /_local/clock` tells the time. Time never goes back: what already happened stays.
 */
import * as z from 'zod';
import type { LocalApp } from './app';
import type { ManualClock } from './manual-clock';
import type { LocalPage } from './server';

/** The furthest one request moves the clock (each step of the way runs; longer spans go in steps). */
const MAX_SECONDS = 30 * 86_400;

const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body, null, 2),
});

const invalid = (path: string, message: string) =>
  json(400, { error: 'validation_failed', issues: [{ path, message }] });

const advanceBody = z.object({ seconds: z.number().min(0).max(MAX_SECONDS) });
const setBody = z.object({ at: z.iso.datetime({ offset: true }) });

const readJson = (body: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(body || '{}') };
  } catch {
    return { ok: false };
  }
};

export const clockRoutes =
  (app: LocalApp, clock: ManualClock | undefined): LocalPage =>
  async ({ method, url, body }) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/_local/clock')
      return json(200, { now: app.deps.clock.now().toISOString(), manual: clock !== undefined });
    if (method !== 'POST' || (path !== '/_local/clock/advance' && path !== '/_local/clock/set'))
      return undefined;
    if (!clock)
      return json(409, { error: 'clock_not_manual', message: 'Start with LEAD_HANDOFF_CLOCK=manual' });
    const input = readJson(body);
    if (!input.ok) return invalid('body', 'not valid JSON');
    if (path === '/_local/clock/advance') {
      const parsed = advanceBody.safeParse(input.value);
      if (!parsed.success) return invalid('seconds', `a number of seconds from 0 to ${MAX_SECONDS}`);
      return json(200, await app.runtime.advance(clock, parsed.data.seconds));
    }
    const parsed = setBody.safeParse(input.value);
    if (!parsed.success) return invalid('at', 'an ISO time with its offset, e.g. 2026-11-20T23:00:00-06:00');
    const at = new Date(parsed.data.at);
    const now = clock.now();
    if (at < now) {
      return json(400, {
        error: 'clock_backwards',
        message: `The clock is at ${now.toISOString()} and only moves forward: give a later time.`,
      });
    }
    if (at.getTime() - now.getTime() > MAX_SECONDS * 1000) {
      return invalid('at', `at most 30 days after the clock (${now.toISOString()}): move it in steps`);
    }
    return json(200, await app.runtime.advanceUntil(clock, at));
  };
