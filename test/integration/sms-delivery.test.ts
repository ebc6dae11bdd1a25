/**
 * Carrier delivery failures that act (docs/product-rules.md §12), on the local runner and the manual
 * clock: a report posted as AWS End User Messaging SMS publishes it (`POST /_local/sms/delivery`) goes
 * through the same `sms-inbound` handler, lands on the timeline and the failed list, and the handoff
 * falls over within a minute: to the person's email when the step did not use it, else to the next
 * step. The same report again changes nothing; a late report only adds a timeline line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { localPages } from '../../local/local-pages';
import type { OutboxMessage } from '../../local/outbox';
import type { AppConfig } from '../../shared/domain/config';
import { SMS_FAILURE_STATUS_NAMES } from '../../shared/domain/sms-delivery';
import { timerName } from '../../shared/domain/timer-names';
import { exampleConfig, staticConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { AFTER_HOURS, acceptLink, getLead, leadBody, linkForLead, postLead } from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

/** `POST /_local/sms/delivery` with `body`, as a person would send it to the local runner. */
const report = async (body: unknown) => {
  const answer = await localPages(
    api.app,
    api.clock,
  )({
    method: 'POST',
    url: new URL('http://localhost/_local/sms/delivery'),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: answer?.statusCode, json: JSON.parse(answer?.body ?? '{}') };
};

/** The handoff SMS `personId` received for lead `leadId`. */
const handoffSms = (personId: string, leadId: string): OutboxMessage => {
  const sms = api.app.outbox
    .list(personId)
    .find((m) => m.channel === 'sms' && m.ref?.leadId === leadId && m.ref.purpose === 'handoff');
  if (!sms) throw new Error(`${personId} got no handoff SMS for ${leadId}`);
  return sms;
};

const failedList = async () =>
  (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json.items as {
    leadId: string;
    kind: string;
    what: string;
    reason: string;
  }[];

/** The example roster with Marco reached by SMS only (his email is still on file). */
const marcoBySmsOnly = (): AppConfig => {
  const config = exampleConfig();
  const people = config.roster.people.map((p) => (p.id === 'marco' ? { ...p, notify: ['sms' as const] } : p));
  return { ...config, roster: { ...config.roster, people } };
};

describe('carrier delivery failures (docs/product-rules.md §12)', () => {
  it('an emergency SMS the carrier could not deliver: the next step goes out within a minute, once', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const sms = handoffSms('marco', id);

    // Act
    const answer = await report({ messageId: sms.id, status: 'CARRIER_UNREACHABLE' });
    await api.advance(60);
    const afterFirst = { lead: await getLead(api, id), sent: api.app.outbox.list().length };
    const again = await report({ messageId: sms.id, status: 'TEXT_CARRIER_UNREACHABLE' });
    await api.advance(60);

    // Assess
    expect(answer).toEqual({
      status: 202,
      json: { messageId: sms.id, eventType: 'TEXT_CARRIER_UNREACHABLE' },
    });
    const lead = afterFirst.lead;
    expect(lead.handoff).toMatchObject({ seq: 2, kind: 'escalation', to: { id: 'jules' } });
    expect(api.app.scheduler.has(timerName(id, 1))).toBe(false);
    expect(handoffSms('jules', id).sentAt <= new Date(Date.parse(AFTER_HOURS) + 60_000).toISOString()).toBe(
      true,
    );
    const summaries = lead.timeline.map((e) => e.summary);
    expect(summaries).toContain(
      'SMS handoff request to Marco Silva (on call) could not be delivered: the carrier could not reach the phone',
    );
    expect(summaries.some((s) => s.startsWith('SMS to Marco Silva (on call) not delivered'))).toBe(true);
    expect(await failedList()).toEqual([
      expect.objectContaining({
        leadId: id,
        kind: 'notification',
        reason: 'undelivered_carrier_unreachable',
      }),
    ]);
    expect(again.status).toBe(202);
    expect(api.app.outbox.list()).toHaveLength(afterFirst.sent);
    expect((await getLead(api, id)).version).toBe(lead.version);
    expect(api.app.smsInbound.deadLetter.depth).toBe(0);
  });

  it('falls over to the email first when the step did not use it, and the lead keeps waiting on that person', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS, { config: staticConfig(marcoBySmsOnly()) });
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const sms = handoffSms('marco', id);
    const emailsBefore = api.app.outbox.list('marco').filter((m) => m.channel === 'email').length;

    // Act
    await report({ messageId: sms.id, status: 'UNREACHABLE' });
    await api.advance(30);

    // Assess
    const emails = api.app.outbox.list('marco').filter((m) => m.channel === 'email' && m.ref?.leadId === id);
    expect(emailsBefore).toBe(0);
    expect(emails.map((m) => m.ref?.purpose)).toEqual(['handoff']);
    expect(emails[0]?.link).toBeDefined();
    expect((await getLead(api, id)).handoff).toMatchObject({ seq: 1, to: { id: 'marco' } });
  });

  it('a late report for a step already accepted only adds a line to the timeline', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const sms = handoffSms('marco', id);
    await acceptLink(api, await linkForLead(api, 'marco', id));
    await api.advance(3600);
    const accepted = await getLead(api, id);
    const sent = api.app.outbox.list().length;

    // Act
    await report({ messageId: sms.id, status: 'SPAM' });

    // Assess
    const lead = await getLead(api, id);
    expect(lead.timeline.slice(accepted.timeline.length).map((e) => e.summary)).toEqual([
      'SMS handoff request to Marco Silva (on call) could not be delivered: the carrier took it for spam',
    ]);
    expect(lead.handoff).toEqual(accepted.handoff);
    expect(await failedList()).toEqual([]);
    expect(api.app.outbox.list()).toHaveLength(sent);
  });

  it('answers an unknown message 404 and a bad status 400 listing the valid ones, changing nothing', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const sms = handoffSms('marco', id);
    const before = await getLead(api, id);

    // Act
    const unknown = await report({ messageId: 'no-such-message', status: 'CARRIER_UNREACHABLE' });
    const badStatus = await report({ messageId: sms.id, status: 'DELIVERED' });
    const notJson = await report('{');

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toContain('no-such-message');
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.issues[0].message).toContain(SMS_FAILURE_STATUS_NAMES.join(', '));
    expect(notJson.status).toBe(400);
    expect(await getLead(api, id)).toEqual(before);
    expect(api.app.smsInbound.queue.depth).toBe(0);
  });

  it('shows each SMS’s message id in the outbox, as the delivery endpoint takes it', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const pages = localPages(api.app, api.clock);

    // Act
    const outbox = await pages({ method: 'GET', url: new URL('http://localhost/_local/outbox'), body: '' });
    const phone = await pages({ method: 'GET', url: new URL('http://localhost/_local/phone'), body: '' });

    // Assess
    const sms = handoffSms('marco', id);
    expect(JSON.parse(outbox?.body ?? '[]')).toEqual(
      expect.arrayContaining([expect.objectContaining({ messageId: sms.id, channel: 'sms' })]),
    );
    expect(phone?.body).toContain(`message id <code>${sms.id}</code>`);
  });
});
