import { describe, expect, it } from 'vitest';
import { DeadlineService } from '../../../shared/app/deadline-service';
import { DispatchService } from '../../../shared/app/dispatch-service';
import { LinkService } from '../../../shared/app/link-service';
import { NotificationService } from '../../../shared/app/notification-service';
import type { Lead } from '../../../shared/domain/lead';
import {
  ALL_CONFIRMATIONS,
  completeLead,
  handoffToken,
  notifyMessages,
  type Pipeline,
  pipeline,
  stored,
  submitLead,
} from './support';

/** Dispatches the lead's pending handoff and delivers every message it queued (as the notifier would). */
const dispatchAndDeliver = async (p: Pipeline, lead: Lead): Promise<Lead> => {
  await new DispatchService(p.deps).dispatch(lead.id, lead.handoff?.seq ?? 0);
  await deliverQueued(p);
  return stored(p, lead.id);
};

const deliverQueued = async (p: Pipeline): Promise<void> => {
  const messages = notifyMessages(p);
  p.queue.sent.length = 0;
  const notifier = new NotificationService(p.deps);
  for (const message of messages) await notifier.notify(message);
};

/** An emergency in business hours climbing its ladder: dispatch, the on-call tech, the office manager. */
const escalatedTwice = async (p: Pipeline): Promise<Lead> => {
  let lead = await dispatchAndDeliver(p, await submitLead(p, { ...completeLead, urgency: 'emergency' }));
  const deadlines = new DeadlineService(p.deps);
  for (let step = 0; step < 2; step += 1) {
    p.clock.set(new Date(Date.parse(lead.handoff?.acceptBy ?? '') + 1000));
    await deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: lead.id, seq: lead.handoff?.seq ?? 0 });
    p.queue.sent.length = 0;
    lead = await dispatchAndDeliver(p, await stored(p, lead.id));
  }
  return lead;
};

/** The "taken by" SMS and emails each person received. */
const takenBy = (p: Pipeline) => [
  ...p.sms.sent.filter((s) => s.ref?.purpose === 'taken').map((s) => `${s.recipientId}/sms`),
  ...p.email.sent.filter((e) => e.ref?.purpose === 'taken').map((e) => `${e.recipientId}/email`),
];

describe('"taken by" (docs/product-rules.md §5)', () => {
  it('an acceptance tells every other person of the chain once, by SMS, and not the acceptor', async () => {
    // Prepare
    const p = pipeline();
    const lead = await escalatedTwice(p);
    const acceptor = lead.handoff?.to.id;
    const token = await handoffToken(p, lead);

    // Act
    await new LinkService(p.deps).accept(token, '/h/x', ALL_CONFIRMATIONS);
    const queued = notifyMessages(p);
    await deliverQueued(p);

    // Assess
    const chain = lead.timeline.flatMap((e) => (e.type === 'handoff_created' ? [e.data.toId] : []));
    expect(chain).toHaveLength(3);
    expect(queued.every((m) => m.purpose === 'taken' && m.seq === lead.handoff?.seq)).toBe(true);
    expect(p.queue.sent).toEqual([]);
    expect(takenBy(p).toSorted()).toEqual(
      chain
        .filter((id) => id !== acceptor)
        .map((id) => `${id}/sms`)
        .toSorted(),
    );
    const sms = p.sms.sent.find((s) => s.ref?.purpose === 'taken');
    expect(sms?.body).toMatch(
      /^Lone Star Plumbing & Air: the plumbing repair lead for Ana was taken by .+\. No action needed\.$/,
    );
  });

  it('a redelivered message, a repeated accept and a copy on the other channel send nothing more', async () => {
    // Prepare
    const p = pipeline();
    const lead = await escalatedTwice(p);
    const token = await handoffToken(p, lead);
    const links = new LinkService(p.deps);
    await links.accept(token, '/h/x', ALL_CONFIRMATIONS);
    const first = notifyMessages(p);
    await deliverQueued(p);
    const notifier = new NotificationService(p.deps);

    // Act
    for (const message of first) await notifier.notify(message);
    for (const message of first) await notifier.notify({ ...message, channel: 'email' });
    await links.accept(token, '/h/x', ALL_CONFIRMATIONS);
    const again = notifyMessages(p);
    await deliverQueued(p);

    // Assess
    expect(again).toEqual(first);
    expect(takenBy(p)).toHaveLength(first.length);
    expect(first.length).toBe(2);
  });

  it('an acceptance resolves the failed handoffs it made moot, and only those', async () => {
    // Prepare
    const p = pipeline();
    const lead = await escalatedTwice(p);
    const moot = await p.failures.report({
      leadId: lead.id,
      seq: lead.handoff?.seq ?? 0,
      kind: 'unowned',
      what: 'acceptance of the lead',
      reason: 'nobody accepted',
      attempts: 1,
      retry: { type: 'restart_ladder', leadId: lead.id, seq: lead.handoff?.seq ?? 0 },
    });
    const live = await p.failures.report({
      leadId: lead.id,
      seq: lead.handoff?.seq ?? 0,
      kind: 'notification',
      what: 'SMS "taken by" note to someone',
      reason: 'opted_out',
      attempts: 1,
      retry: {
        type: 'notify',
        leadId: lead.id,
        seq: lead.handoff?.seq ?? 0,
        recipientId: 'dana',
        channel: 'sms',
        purpose: 'taken',
      },
    });

    // Act
    await new LinkService(p.deps).accept(await handoffToken(p, lead), '/h/x', ALL_CONFIRMATIONS);

    // Assess
    const open = (await p.failureStore.listOpen()).items.map((f) => f.id);
    expect(open).toEqual([live?.id]);
    expect(await p.failureStore.get(moot?.id ?? '')).toMatchObject({
      status: 'resolved',
      resolution: 'no longer needed: the lead was accepted',
    });
    const after = await stored(p, lead.id);
    expect(after.openFailures).toEqual([live?.id]);
    expect(after.timeline.at(-1)?.summary).toBe(
      'Failed handoff resolved (no longer needed: the lead was accepted): acceptance of the lead',
    );
  });

  it('the sweep resolves a record whose cause went away without anyone noticing', async () => {
    // Prepare
    const p = pipeline();
    const lead = await escalatedTwice(p);
    await new LinkService(p.deps).accept(await handoffToken(p, lead), '/h/x', ALL_CONFIRMATIONS);
    await p.failures.report({
      leadId: lead.id,
      seq: 1,
      kind: 'notification',
      what: 'SMS handoff request to someone',
      reason: 'throttled after 30 attempts',
      attempts: 30,
      retry: {
        type: 'notify',
        leadId: lead.id,
        seq: 1,
        recipientId: 'dana',
        channel: 'sms',
        purpose: 'handoff',
      },
    });

    // Act
    const closed = await p.failures.sweepStale();

    // Assess
    expect(closed).toBe(1);
    expect((await p.failureStore.listOpen()).items).toEqual([]);
  });
});
