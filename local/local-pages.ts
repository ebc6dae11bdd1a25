/**
 * Local-only endpoints under `/_local`: the manual clock, the outbox (as JSON and as a "phone" page
 * whose links can be clicked), and views of timers and queues. Not part of the deployed API.
 */
import { phonePage } from '../shared/web/phone-page';
import type { LocalApp } from './app';
import type { ManualClock } from './manual-clock';
import type { LocalPage } from './server';

const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body, null, 2),
});

export const localPages =
  (app: LocalApp, clock: ManualClock | undefined): LocalPage =>
  async ({ method, url, body }) => {
    const path = url.pathname;
    if (!path.startsWith('/_local/')) return undefined;
    if (method === 'POST' && path === '/_local/clock/advance') {
      if (!clock)
        return json(409, { error: 'clock_not_manual', message: 'Start with LEAD_HANDOFF_CLOCK=manual' });
      let seconds: unknown;
      try {
        seconds = (JSON.parse(body || '{}') as { seconds?: unknown }).seconds;
      } catch {
        return json(400, {
          error: 'validation_failed',
          issues: [{ path: 'body', message: 'not valid JSON' }],
        });
      }
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 30 * 86_400) {
        return json(400, {
          error: 'validation_failed',
          issues: [{ path: 'seconds', message: 'a number of seconds from 0 to 2592000' }],
        });
      }
      return json(200, await app.runtime.advance(clock, seconds));
    }
    if (method === 'GET' && path === '/_local/clock')
      return json(200, { now: app.deps.clock.now().toISOString(), manual: clock !== undefined });
    if (method === 'GET' && path === '/_local/outbox') {
      const recipientId = url.searchParams.get('recipientId') ?? undefined;
      return json(
        200,
        app.outbox
          .list(recipientId)
          .map(({ id, channel, to, recipientId: who, subject, body: text, link, sentAt }) => ({
            id,
            channel,
            to,
            recipientId: who,
            ...(subject ? { subject } : {}),
            body: text,
            ...(link ? { link } : {}),
            sentAt,
          })),
      );
    }
    if (method === 'GET' && path === '/_local/phone') {
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: phonePage(app.outbox.list()),
      };
    }
    if (method === 'GET' && path === '/_local/timers') return json(200, app.scheduler.list());
    if (method === 'GET' && path === '/_local/queues') {
      const depth = Object.fromEntries(
        Object.entries(app.queues.queues).map(([name, q]) => [
          name,
          {
            depth: q.depth,
            deadLetters: app.queues.deadLetters[name as keyof typeof app.queues.queues].depth,
          },
        ]),
      );
      return json(200, { ...depth, scheduler: { deadLetters: app.schedulerDeadLetter.depth } });
    }
    return json(404, { error: 'not_found' });
  };
