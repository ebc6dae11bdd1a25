import { describe, expect, it } from 'vitest';
import { IdleService } from '../../../shared/app/idle-service';
import { LinkService } from '../../../shared/app/link-service';
import { NotificationService } from '../../../shared/app/notification-service';
import type { Lead } from '../../../shared/domain/lead';
import type { IdlePayload } from '../../../shared/domain/timer-payloads';
import {
  ALL_CONFIRMATIONS,
  dispatchLead,
  handoffToken,
  notifyMessages,
  type Pipeline,
  pipeline,
  stored,
  submitLead,
  timelineTypes,
} from './support';

/** An accepted lead (its idle check armed by the acceptance) and the owner's link token. */
const acceptedLead = async (p: Pipeline): Promise<{ lead: Lead; token: string }> => {
  const lead = await dispatchLead(p, await submitLead(p));
  const token = await handoffToken(p, lead);
  await new LinkService(p.deps).accept(token, '/h/x', ALL_CONFIRMATIONS);
  p.queue.sent.length = 0;
  return { lead: await stored(p, lead.id), token };
};

/** The live idle timer of `step`, with the clock moved to its time. */
const idleTimer = (p: Pipeline, step: 'remind' | 'escalate'): IdlePayload => {
  const timer = [...p.timers.live.values()].find(
    (t) => t.payload.kind === 'idle_next_action' && t.payload.step === step,
  );
  if (timer?.payload.kind !== 'idle_next_action') throw new Error(`no live ${step} idle timer`);
  p.clock.set(timer.at);
  return timer.payload;
};

const setup = async () => {
  const p = pipeline();
  const { lead, token } = await acceptedLead(p);
  return { ...p, idles: new IdleService(p.deps), links: new LinkService(p.deps), lead, token };
};

describe('IdleService', () => {
  it('an acceptance arms both timers: the reminder at the due time, the escalation 30 business minutes later', async () => {
    // Prepare / Act
    const { lead, ...p } = await setup();

    // Assess
    expect(lead.idleCheck).toMatchObject({ round: 1, state: 'scheduled', dueAt: lead.nextActionDueAt });
    const live = Object.fromEntries([...p.timers.live].map(([name, timer]) => [name, timer.at]));
    expect(live).toEqual({
      [`idle-${lead.id}-1-r`]: lead.idleCheck?.remindAt,
      [`idle-${lead.id}-1-e`]: lead.idleCheck?.escalateAt,
    });
    expect(Date.parse(lead.idleCheck?.escalateAt ?? '') - Date.parse(lead.idleCheck?.remindAt ?? '')).toBe(
      30 * 60_000,
    );
  });

  it('past due: the owner is reminded on each channel, then the operations lead is told', async () => {
    // Prepare
    const { idles, lead, ...p } = await setup();

    // Act
    const reminded = await idles.onTimer(idleTimer(p, 'remind'));
    const toOwner = notifyMessages(p);
    p.queue.sent.length = 0;
    const escalated = await idles.onTimer(idleTimer(p, 'escalate'));

    // Assess
    expect([reminded, escalated]).toEqual(['reminded', 'escalated']);
    expect(toOwner.map((m) => [m.recipientId, m.channel, m.purpose, m.idleRound])).toEqual([
      [lead.owner?.id, 'sms', 'idle_reminder', 1],
      [lead.owner?.id, 'email', 'idle_reminder', 1],
    ]);
    expect(notifyMessages(p).map((m) => [m.recipientId, m.purpose])).toEqual([
      ['lee', 'idle_escalation'],
      ['lee', 'idle_escalation'],
    ]);
    const after = await stored(p, lead.id);
    expect(timelineTypes(after).slice(-2)).toEqual(['next_action_overdue', 'next_action_escalated']);
    expect(p.metrics.total('IdleNextActions')).toBe(1);
  });

  it('the notifier sends the reminder with the lead card link, and a redelivered copy sends nothing more', async () => {
    // Prepare
    const { idles, lead, ...p } = await setup();
    await idles.onTimer(idleTimer(p, 'remind'));
    const [sms] = notifyMessages(p);
    if (!sms) throw new Error('no reminder queued');
    const notifier = new NotificationService(p.deps);

    // Act
    const outcomes = [await notifier.notify(sms), await notifier.notify(sms)];

    // Assess
    expect(outcomes).toEqual(['sent', 'skipped']);
    expect(p.sms.sent).toHaveLength(1);
    expect(p.sms.sent[0]?.body).toMatch(
      /^Lone Star Plumbing & Air: next action for Ana \(plumbing repair\) was due .+ Log a contact or a new next action: https:\/\/leads\.example\.test\/h\//,
    );
    expect(p.sms.sent[0]?.to).not.toBe(lead.phone);
  });

  it('logging a contact cancels both: the schedules are deleted and a late fire sends nothing', async () => {
    // Prepare
    const { idles, links, lead, token, ...p } = await setup();
    const remind = idleTimer(p, 'remind');
    p.clock.set(lead.createdAt);
    p.clock.advance(600);

    // Act
    await links.card(
      token,
      '/h/x',
      'log_contact',
      new URLSearchParams({
        contact_by: lead.owner?.id ?? '',
        contact_channel: 'call',
        contact_summary: 'Booked the inspection for 2 PM',
        waiting_on: 'customer',
        submission: 'c1',
      }),
    );
    p.clock.set(lead.idleCheck?.escalateAt ?? '');
    const outcomes = [await idles.onTimer(remind), await idles.onTimer({ ...remind, step: 'escalate' })];

    // Assess
    expect(p.timers.cancelled).toEqual(
      expect.arrayContaining([`idle-${lead.id}-1-r`, `idle-${lead.id}-1-e`]),
    );
    expect([...p.timers.live.keys()].filter((name) => name.startsWith('idle-'))).toEqual([]);
    expect(outcomes).toEqual(['no_change', 'no_change']);
    expect(notifyMessages(p)).toEqual([]);
    expect((await stored(p, lead.id)).idleCheck?.state).toBe('cancelled');
  });

  it('a new next action replaces the check: the old round is deleted, the new one scheduled at its due time', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    await links.card(
      token,
      '/h/x',
      'set_next_action',
      new URLSearchParams({
        next_action: 'Send two appointment options by text',
        next_action_due: '2026-11-19 09:00',
        submission: 'n1',
      }),
    );

    // Assess
    const after = await stored(p, lead.id);
    expect(after.idleCheck).toMatchObject({
      round: 2,
      dueAt: '2026-11-19T15:00:00.000Z',
      state: 'scheduled',
    });
    expect(p.timers.cancelled).toEqual(
      expect.arrayContaining([`idle-${lead.id}-1-r`, `idle-${lead.id}-1-e`]),
    );
    expect([...p.timers.live.keys()].filter((name) => name.startsWith('idle-')).toSorted()).toEqual([
      `idle-${lead.id}-2-e`,
      `idle-${lead.id}-2-r`,
    ]);
  });

  it('a timer that fires twice acts once and only queues the same messages again', async () => {
    // Prepare
    const { idles, lead, ...p } = await setup();
    const payload = idleTimer(p, 'remind');
    await idles.onTimer(payload);
    const version = (await stored(p, lead.id)).version;

    // Act
    const again = await idles.onTimer(payload);

    // Assess
    expect(again).toBe('no_change');
    expect((await stored(p, lead.id)).version).toBe(version);
    expect(
      new Set(notifyMessages(p).map((m) => `${m.recipientId}/${m.channel}/${m.purpose}/${m.idleRound}`)),
    ).toEqual(new Set([`${lead.owner?.id}/sms/idle_reminder/1`, `${lead.owner?.id}/email/idle_reminder/1`]));
  });
});
