/**
 * Close the loop and keep it closed (docs/product-rules.md §5 "taken by", "Accepted but idle", §9), end to end on the local
 * runner and the manual clock. Business: America/Chicago, Mon–Fri 07:30–17:30, Sat 08:00–12:00; Lee is
 * the operations lead. Each test is named after the rule it proves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationPurpose } from '../../shared/domain/lead';
import { idleTimerName } from '../../shared/domain/timer-names';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import {
  AFTER_HOURS,
  acceptLink,
  getLead,
  IN_HOURS,
  latestLink,
  leadBody,
  linkPath,
  postLead,
  received,
} from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api?.stop();
});

const minutes = (n: number) => n * 60;

/** What a person received for one purpose (SMS and email). */
const got = (person: string, purpose: NotificationPurpose) =>
  received(api, person).filter((m) => m.ref?.purpose === purpose);

/** Moves the manual clock to `iso`, running everything due on the way. */
const advanceTo = async (iso: string) => api.advance((Date.parse(iso) - api.clock.now().getTime()) / 1000);

let submissions = 0;
/** Posts one lead card form like the page does. */
const postCard = (link: string, action: string, fields: Record<string, string>) => {
  submissions += 1;
  return api.request('POST', linkPath(link), {
    body: new URLSearchParams({ action, submission: `close-${submissions}`, ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
};

/** A standard lead in North Austin accepted by Tomás; its id and his link (now his lead card). */
const acceptedByTomas = async () => {
  const id = await postLead(api, leadBody({ urgency: 'standard' }));
  const link = latestLink(api, 'tomas');
  expect((await acceptLink(api, link)).status).toBe(200);
  return { id, link };
};

const logContact = (link: string) =>
  postCard(link, 'log_contact', {
    contact_by: 'tomas',
    contact_channel: 'call',
    contact_summary: 'Called: booked the inspection for Thursday 9 AM',
    waiting_on: 'customer',
  });

describe('"taken by" goes to exactly the others (docs/product-rules.md §5)', () => {
  it('an emergency escalated through Marco and Jules and accepted by Priya: Marco and Jules are told once each, Priya never', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(
      api,
      leadBody({ urgency: 'emergency', serviceType: 'water_heater', fullName: 'Dana Rivera' }),
    );
    await api.advance(minutes(5) + 1);
    await api.advance(minutes(5));

    // Act
    expect((await acceptLink(api, latestLink(api, 'priya'))).status).toBe(200);
    await api.advance(minutes(1));

    // Assess
    const lead = await getLead(api, id);
    expect(lead.owner?.id).toBe('priya');
    const text =
      'Lone Star Plumbing & Air: the water heater lead for Dana was taken by Priya Raman. No action needed.';
    expect(got('marco', 'taken').map((m) => [m.channel, m.body])).toEqual([['sms', text]]);
    expect(got('jules', 'taken').map((m) => [m.channel, m.body])).toEqual([['sms', text]]);
    expect(got('priya', 'taken')).toEqual([]);
    for (const person of ['irene', 'dana', 'ruth', 'lee']) expect(got(person, 'taken')).toEqual([]);
    // Urgent lane: within seconds of the acceptance, at 11:10 PM.
    expect(
      Date.parse(got('marco', 'taken')[0]?.sentAt ?? '') - Date.parse(lead.handoff?.resolvedAt ?? ''),
    ).toBeLessThan(5000);
  });

  it('redelivering the queue message, or accepting again, sends nothing twice', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(minutes(5) + 1);
    await api.advance(minutes(5));
    const link = latestLink(api, 'priya');
    await acceptLink(api, link);
    await api.advance(minutes(1));
    const seq = (await getLead(api, id)).handoff?.seq ?? 0;

    // Act
    await api.app.queues.send('notify-urgent', [
      { type: 'notify', leadId: id, seq, recipientId: 'marco', channel: 'sms', purpose: 'taken' },
      { type: 'notify', leadId: id, seq, recipientId: 'marco', channel: 'email', purpose: 'taken' },
      { type: 'notify', leadId: id, seq, recipientId: 'jules', channel: 'sms', purpose: 'taken' },
      { type: 'notify', leadId: id, seq, recipientId: 'priya', channel: 'sms', purpose: 'taken' },
    ]);
    const again = await acceptLink(api, link);
    await api.advance(minutes(1));

    // Assess
    expect(again.status).toBe(200);
    expect(got('marco', 'taken')).toHaveLength(1);
    expect(got('jules', 'taken')).toHaveLength(1);
    expect(got('priya', 'taken')).toHaveLength(0);
  });
});

describe('accepted but idle (docs/product-rules.md §5): reminder, then the operations lead, cancelled by a logged contact', () => {
  it('an idle next action reminds its owner at the due time, then Lee 30 minutes later', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const { id } = await acceptedByTomas();
    const due = Date.parse((await getLead(api, id)).nextActionDueAt ?? '');

    // Act
    await advanceTo(new Date(due - 1000).toISOString());
    const early = [...got('tomas', 'idle_reminder'), ...got('lee', 'idle_escalation')];
    await advanceTo(new Date(due + minutes(1) * 1000).toISOString());
    const reminders = got('tomas', 'idle_reminder');
    await advanceTo(new Date(due + minutes(31) * 1000).toISOString());

    // Assess
    expect(early).toEqual([]);
    expect(reminders.map((m) => m.channel).toSorted()).toEqual(['email', 'sms']);
    expect(reminders.find((m) => m.channel === 'sms')?.body).toMatch(
      /^Lone Star Plumbing & Air: next action for Ana \(plumbing repair\) was due Wed 12:00 PM: .+ Log a contact or a new next action: http/,
    );
    expect(Date.parse(reminders[0]?.sentAt ?? '') - due).toBeLessThan(60_000);
    const notices = got('lee', 'idle_escalation');
    expect(notices.map((m) => m.channel).toSorted()).toEqual(['email', 'sms']);
    expect(Date.parse(notices[0]?.sentAt ?? '') - (due + minutes(30) * 1000)).toBeLessThan(60_000);
    expect(notices.find((m) => m.channel === 'sms')?.body).toContain(
      'Tomas Vega has not acted on the next action for Ana',
    );
    expect(got('tomas', 'idle_reminder')).toHaveLength(2);
    expect((await getLead(api, id)).idleCheck?.state).toBe('escalated');
  });

  it('the grace period counts business minutes: due 5:15 PM, reminder then, Lee at 7:45 AM the next morning', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedByTomas();
    await postCard(link, 'set_next_action', {
      next_action: 'Call to confirm the parts arrived',
      next_action_due: '2026-11-18 17:15',
    });

    // Act
    await advanceTo('2026-11-18T23:16:00Z'); // Wed 5:16 PM
    const reminded = got('tomas', 'idle_reminder');
    await advanceTo('2026-11-19T13:44:00Z'); // Thu 7:44 AM
    const overnight = got('lee', 'idle_escalation');
    await advanceTo('2026-11-19T13:46:00Z');

    // Assess
    expect((await getLead(api, id)).idleCheck).toMatchObject({
      round: 2,
      remindAt: '2026-11-18T23:15:00.000Z',
      escalateAt: '2026-11-19T13:45:00.000Z',
    });
    expect(reminded.length).toBe(2);
    expect(overnight).toEqual([]);
    expect(got('lee', 'idle_escalation').map((m) => m.sentAt.slice(0, 16))).toEqual([
      '2026-11-19T13:45',
      '2026-11-19T13:45',
    ]);
  });

  it('logging a contact cancels both: the schedules are deleted and nothing is sent', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedByTomas();
    const check = (await getLead(api, id)).idleCheck;
    const names = [idleTimerName(id, 1, 'remind'), idleTimerName(id, 1, 'escalate')];
    const before = names.map((name) => api.app.scheduler.has(name));

    // Act
    await api.advance(minutes(20));
    expect((await logContact(link)).status).toBe(200);
    await advanceTo(new Date(Date.parse(check?.escalateAt ?? '') + minutes(10) * 1000).toISOString());

    // Assess
    expect(before).toEqual([true, true]);
    expect(names.map((name) => api.app.scheduler.has(name))).toEqual([false, false]);
    expect(got('tomas', 'idle_reminder')).toEqual([]);
    expect(got('lee', 'idle_escalation')).toEqual([]);
    expect((await getLead(api, id)).idleCheck?.state).toBe('cancelled');
  });

  it('a contact logged after the reminder cancels the notice to Lee', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedByTomas();
    const check = (await getLead(api, id)).idleCheck;
    await advanceTo(new Date(Date.parse(check?.remindAt ?? '') + 60_000).toISOString());

    // Act
    await logContact(link);
    await advanceTo(new Date(Date.parse(check?.escalateAt ?? '') + minutes(10) * 1000).toISOString());

    // Assess
    expect(got('tomas', 'idle_reminder')).toHaveLength(2);
    expect(api.app.scheduler.has(idleTimerName(id, 1, 'escalate'))).toBe(false);
    expect(got('lee', 'idle_escalation')).toEqual([]);
  });

  it('a deleted schedule is repaired by the reconciler: the owner is still reminded', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const { id } = await acceptedByTomas();
    const check = (await getLead(api, id)).idleCheck;
    await api.app.scheduler.cancel(idleTimerName(id, 1, 'remind'));

    // Act
    await advanceTo(new Date(Date.parse(check?.remindAt ?? '') + minutes(10) * 1000).toISOString());

    // Assess
    const reminders = got('tomas', 'idle_reminder');
    expect(reminders).toHaveLength(2);
    // Late by the reconciler's grace and its run interval, not lost.
    const late = Date.parse(reminders[0]?.sentAt ?? '') - Date.parse(check?.remindAt ?? '');
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThanOrEqual(minutes(10) * 1000);
    expect((await getLead(api, id)).idleCheck?.state).toBe('reminded');
  });
});

describe('stale failures resolve themselves (docs/product-rules.md §9)', () => {
  it('an "unowned" record is resolved when the lead is accepted and leaves the failed list', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(minutes(5) * 10 + 1); // the chain to Ruth, then every re-notification
    const list = async () =>
      (
        (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json.items as {
          id: string;
          kind: string;
          leadId: string;
        }[]
      ).filter((f) => f.leadId === id);
    const before = await list();

    // Act
    expect((await acceptLink(api, latestLink(api, 'ruth'))).status).toBe(200);
    const after = await list();

    // Assess
    expect(before.map((f) => f.kind)).toEqual(['unowned']);
    expect(after).toEqual([]);
    const record = await api.app.deps.failureStore.get(before[0]?.id ?? '');
    expect(record).toMatchObject({
      status: 'resolved',
      resolution: 'no longer needed: the lead was accepted',
    });
    const lead = await getLead(api, id);
    expect(lead.openFailures).toEqual([]);
    expect(
      lead.timeline.some((e) => e.type === 'retried' && e.summary.includes('the lead was accepted')),
    ).toBe(true);
  });
});
