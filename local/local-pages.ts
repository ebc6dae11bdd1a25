/**
 * Local-only endpoints under `/_local`: the manual clock, the outbox (as JSON and as a "phone" page
 * whose links can be clicked), inbound SMS and delivery reports as AWS delivers them, views of timers
 * and queues, and a fake Graph API (local/fake-graph.ts).
 * Not part of the deployed API.
 */
import type * as z from 'zod';
import { CUSTOMER_RECIPIENT } from '../shared/domain/lead';
import { type PhonePageOptions, phonePage } from '../shared/web/phone-page';
import type { LocalApp } from './app';
import { clockRoutes } from './clock-routes';
import { fakeGraph } from './fake-graph';
import type { ManualClock } from './manual-clock';
import type { LocalPage } from './server';
import { localDeliveryBody } from './sms-delivery';
import { localInboundBody } from './sms-inbound';

const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body, null, 2),
});

/** The phone page's time zone and names, from the configuration; the time now on a manual clock. */
const phoneOptions = async (app: LocalApp, clock: ManualClock | undefined): Promise<PhonePageOptions> => {
  const { business, roster } = await app.deps.config.load();
  return {
    timeZone: business.timezone,
    names: new Map([
      [CUSTOMER_RECIPIENT, 'the customer'],
      ...roster.people.map((person): [string, string] => [person.id, person.name]),
    ]),
    ...(clock ? { now: clock.now() } : {}),
  };
};

/** A JSON body read by `schema`, or the 400 answer that says what is wrong with it. */
const readBody = <T>(
  schema: z.ZodType<T>,
  body: string,
): { data: T } | { answer: ReturnType<typeof json> } => {
  let value: unknown;
  try {
    value = JSON.parse(body || '{}');
  } catch {
    const issues = [{ path: 'body', message: 'not valid JSON' }];
    return { answer: json(400, { error: 'validation_failed', issues }) };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { answer: json(400, { error: 'validation_failed', issues }) };
};

/** `POST /_local/sms/inbound`: queues the text as AWS would and runs what is due, so its answer is in the outbox. */
const inboundSms = async (app: LocalApp, body: string) => {
  const read = readBody(localInboundBody, body);
  if ('answer' in read) return read.answer;
  const messageId = app.smsInbound.deliver(read.data);
  await app.runtime.runDue();
  return json(202, { messageId });
};

/**
 * `POST /_local/sms/delivery`: the carrier's report that an outbox SMS was not delivered, queued as AWS
 * would publish it, then what is due runs (the failover goes out before the answer). Nothing is queued
 * for an unknown message or a bad status.
 */
const deliveryReport = async (app: LocalApp, body: string) => {
  const read = readBody(localDeliveryBody, body);
  if ('answer' in read) return read.answer;
  const { messageId } = read.data;
  const message = app.outbox.list().find((m) => m.id === messageId && m.channel === 'sms');
  if (!message) {
    return json(404, {
      error: 'not_found',
      message: `No SMS with messageId ${messageId} in the outbox: copy one from GET /_local/outbox`,
    });
  }
  const eventType = app.smsInbound.report(message, read.data);
  await app.runtime.runDue();
  return json(202, { messageId, eventType });
};

export const localPages = (app: LocalApp, clock: ManualClock | undefined): LocalPage => {
  const clockPage = clockRoutes(app, clock);
  return async ({ method, url, body }) => {
    const path = url.pathname;
    if (!path.startsWith('/_local/')) return undefined;
    const clockAnswer = await clockPage({ method, url, body });
    if (clockAnswer) return clockAnswer;
    if (method === 'GET' && path === '/_local/outbox') {
      const recipientId = url.searchParams.get('recipientId') ?? undefined;
      return json(
        200,
        app.outbox
          .list(recipientId)
          .map(({ id, channel, to, recipientId: who, subject, body: text, link, sentAt }) => ({
            id,
            // What AWS answered the send with: `POST /_local/sms/delivery` takes it.
            messageId: id,
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
        body: phonePage(app.outbox.list(), await phoneOptions(app, clock)),
      };
    }
    const graph = method === 'GET' ? fakeGraph(url) : undefined;
    if (graph) return json(graph.status, graph.body);
    if (method === 'POST' && path === '/_local/sms/inbound') return inboundSms(app, body);
    if (method === 'POST' && path === '/_local/sms/delivery') return deliveryReport(app, body);
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
};
