import { describe, expect, it } from 'vitest';
import { FollowUpService } from '../../../shared/app/follow-up-service';
import { LinkService } from '../../../shared/app/link-service';
import type { Lead } from '../../../shared/domain/lead';
import type { FollowUpPayload } from '../../../shared/domain/timer-payloads';
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

/** An accepted lead whose owner set Estimate Sent on the lead card: its follow-up timers exist. */
const estimateSent = async (p: Pipeline): Promise<Lead> => {
  const lead = await dispatchLead(p, await submitLead(p));
  const links = new LinkService(p.deps);
  const token = await handoffToken(p, lead);
  await links.accept(token, '/h/x', ALL_CONFIRMATIONS);
  await links.card(
    token,
    '/h/x',
    'set_status',
    new URLSearchParams({ stage: 'estimate_sent', follow_up_at: '2026-11-18T16:00', submission: 's1' }),
  );
  p.queue.sent.length = 0;
  return stored(p, lead.id);
};

/** The payload of the first follow-up's timer for `step`, as the card created it. */
const firstTimer = (p: Pipeline, step: 'remind' | 'due'): FollowUpPayload => {
  const timer = [...p.timers.live.values()].find(
    (t) => t.payload.kind === 'follow_up' && t.payload.n === 1 && t.payload.step === step,
  );
  if (timer?.payload.kind !== 'follow_up') throw new Error(`no ${step} timer for follow-up 1`);
  p.clock.set(timer.at);
  return timer.payload;
};

const setup = async () => {
  const p = pipeline();
  const lead = await estimateSent(p);
  return { ...p, followUps: new FollowUpService(p.deps), lead };
};

describe('FollowUpService', () => {
  it('a reminder timer marks the follow-up reminded and queues the reminder to the owner on each channel', async () => {
    // Prepare
    const { followUps, lead, ...p } = await setup();
    const payload = firstTimer(p, 'remind');

    // Act
    const outcome = await followUps.onTimer(payload);

    // Assess
    expect(outcome).toBe('reminded');
    const after = await stored(p, lead.id);
    expect(after.followUps?.find((f) => f.n === 1)?.state).toBe('reminded');
    expect(timelineTypes(after).at(-1)).toBe('follow_up_due');
    expect(p.queue.sent.every((sent) => sent.queue === 'notify-standard')).toBe(true);
    expect(notifyMessages(p).map((m) => [m.recipientId, m.channel, m.purpose, m.followUp])).toEqual([
      [lead.owner?.id, 'sms', 'follow_up', { sequence: payload.sequence, n: 1 }],
      [lead.owner?.id, 'email', 'follow_up', { sequence: payload.sequence, n: 1 }],
    ]);
  });

  it('a due check on a follow-up never logged marks it missed and tells the operations lead', async () => {
    // Prepare
    const { followUps, lead, ...p } = await setup();
    await followUps.onTimer(firstTimer(p, 'remind'));
    p.queue.sent.length = 0;
    const due = firstTimer(p, 'due');

    // Act
    const outcome = await followUps.onTimer(due);

    // Assess
    expect(outcome).toBe('missed');
    const missed = (await stored(p, lead.id)).followUps?.find((f) => f.n === 1);
    expect(missed?.state).toBe('missed');
    expect(missed?.escalatedTo?.id).toBe('lee');
    expect(new Set(notifyMessages(p).map((m) => `${m.recipientId}/${m.purpose}`))).toEqual(
      new Set(['lee/follow_up_missed']),
    );
    expect(p.metrics.total('FollowUpsMissed')).toBe(1);
  });

  it('a reminder that fires twice reminds once and only re-queues the same reminder', async () => {
    // Prepare
    const { followUps, lead, ...p } = await setup();
    const payload = firstTimer(p, 'remind');
    await followUps.onTimer(payload);
    const reminded = await stored(p, lead.id);

    // Act
    const again = await followUps.onTimer(payload);

    // Assess
    expect(again).toBe('no_change');
    expect((await stored(p, lead.id)).version).toBe(reminded.version);
    const keys = notifyMessages(p).map((m) => `${m.recipientId}/${m.channel}/${m.purpose}`);
    expect(new Set(keys)).toEqual(
      new Set([`${lead.owner?.id}/sms/follow_up`, `${lead.owner?.id}/email/follow_up`]),
    );
  });

  it('a timer for a lead that is no longer accepted does nothing', async () => {
    // Prepare
    const { followUps, lead, ...p } = await setup();
    const payload = firstTimer(p, 'remind');
    const current = await stored(p, lead.id);
    await p.store.replace({ ...current, status: 'closed', version: current.version + 1 }, current.version);

    // Act
    const outcome = await followUps.onTimer(payload);

    // Assess
    expect(outcome).toBe('no_change');
    expect(p.queue.sent).toEqual([]);
  });
});
