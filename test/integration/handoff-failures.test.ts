import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineService } from '../../shared/app/deadline-service';
import { DispatchService } from '../../shared/app/dispatch-service';
import { LinkService } from '../../shared/app/link-service';
import { timerName } from '../../shared/domain/timer-names';
import { TransientError } from '../../shared/errors';
import type { QueueMessage } from '../../shared/ports';
import type { QueueName } from '../../shared/settings';
import { type LocalApi, startLocalApi } from '../support/local-api';
import {
  AFTER_HOURS,
  ALL_CONFIRMATIONS,
  acceptLink,
  getLead,
  handoffChain,
  IN_HOURS,
  latestLink,
  leadBody,
  linkForLead,
  postLead,
  received,
} from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const PHONES = { marco: '+15125550103', tomas: '+15125550105' };

describe('timers that fire late or twice', () => {
  it('a deadline that fires after acceptance changes nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await acceptLink(api, latestLink(api, 'tomas'));
    const accepted = await getLead(api, id);
    api.clock.advance(20 * 60);

    // Act
    const outcome = await new DeadlineService(api.app.deps).onDeadline({
      kind: 'acceptance_deadline',
      leadId: id,
      seq: 1,
    });

    // Assess
    expect(outcome).toBe('no_change');
    expect(await getLead(api, id)).toEqual(accepted);
  });

  it('a deadline delivered twice escalates once', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    api.clock.advance(16 * 60);
    const deadlines = new DeadlineService(api.app.deps);
    const payload = { kind: 'acceptance_deadline' as const, leadId: id, seq: 1 };

    // Act
    const outcomes = [await deadlines.onDeadline(payload), await deadlines.onDeadline(payload)];

    // Assess
    expect(outcomes).toEqual(['escalated', 'no_change']);
    expect(handoffChain(await getLead(api, id))).toEqual(['tomas', 'priya']);
  });
});

describe('notification failures', () => {
  it('an opted-out number is recorded, not retried, and the ladder moves on at once (docs/product-rules.md §12)', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    api.app.sms.optedOut.add(PHONES.marco);

    // Act
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(60);

    // Assess: not left to the 5-minute deadline; Marco gets the handoff and the lead-moved note by email only
    const lead = await getLead(api, id);
    const failure = lead.timeline.find((e) => e.type === 'notification_failed');
    expect(failure?.summary).toContain('opted out');
    expect(handoffChain(lead)).toEqual(['marco', 'jules']);
    expect(received(api, 'marco').map((m) => `${m.channel} ${m.ref?.purpose}`)).toEqual([
      'email handoff',
      'email moved',
    ]);
    expect(api.app.queues.queues['notify-urgent'].depth).toBe(0);
  });

  it('SMS throttling is retried until delivered, and the person gets that step once', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    api.app.sms.throttleNext(2);

    // Act
    const id = await postLead(api, leadBody());
    const afterIntake = received(api, 'tomas').filter((m) => m.channel === 'sms');
    await api.advance(120);

    // Assess
    expect(afterIntake).toHaveLength(0);
    const sms = received(api, 'tomas').filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    const lead = await getLead(api, id);
    const tomas = Object.entries(lead.notifications ?? {}).filter(([key]) => key.startsWith('1.tomas.'));
    expect(tomas.map(([key, n]) => `${key}:${n.state}`).sort()).toEqual([
      '1.tomas.email.handoff:sent',
      '1.tomas.sms.handoff:sent',
    ]);
  });
});

describe('durable dispatch', () => {
  it('a dispatch that fails half way completes on retry without messaging anyone twice', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const realQueue = api.app.deps.queue;
    let failNotifyOnce = true;
    const flakyQueue = {
      send: async (queue: QueueName, messages: readonly QueueMessage[]) => {
        if (queue !== 'dispatch' && failNotifyOnce) {
          failNotifyOnce = false;
          throw new TransientError('queue briefly unavailable');
        }
        return realQueue.send(queue, messages);
      },
    };
    const id = await postLead(api, leadBody());
    await api.app.runtime.runDue();
    await api.app.scheduler.cancel(timerName(id, 1));
    const lead = await getLead(api, id);
    await api.app.deps.store.replace(
      {
        ...lead,
        version: lead.version + 1,
        handoff: lead.handoff ? { ...lead.handoff, dispatch: 'pending' } : undefined,
        notifications: {},
      },
      lead.version,
    );
    api.app.outbox.clear();
    const dispatch = new DispatchService({ ...api.app.deps, queue: flakyQueue });

    // Act
    const first = await dispatch.dispatch(id, 1).catch((e: unknown) => e);
    const second = await dispatch.dispatch(id, 1);
    await dispatch.dispatch(id, 1);
    // Standard-lane SMS are paced (the customer's acknowledgement takes a slot too): let the retry find one.
    await api.advance(180);

    // Assess
    expect(first).toBeInstanceOf(TransientError);
    expect(second).toBe('dispatched');
    expect(api.app.scheduler.has(timerName(id, 1))).toBe(true);
    expect((await getLead(api, id)).handoff?.dispatch).toBe('done');
    expect(received(api, 'tomas').filter((m) => m.channel === 'sms')).toHaveLength(1);
  });
});

describe('priority lanes', () => {
  it('an emergency SMS does not wait behind a backlog of standard ones (1 SMS a second)', async () => {
    // Prepare: 40 standard leads in business hours; their SMS are paced below the origination rate
    api = await startLocalApi(IN_HOURS);
    for (let i = 0; i < 40; i += 1) await postLead(api, leadBody({ urgency: 'standard' }));
    await api.advance(5);
    const backlog = api.app.queues.queues['notify-standard'].depth;

    // Act
    const intakeAt = api.clock.now().getTime();
    const id = await postLead(api, leadBody({ urgency: 'emergency', fullName: 'Priority Person' }));
    await api.advance(2);

    // Assess
    expect(backlog).toBeGreaterThan(10);
    const emergencySms = api.app.outbox
      .list()
      .find((m) => m.channel === 'sms' && m.lane === 'urgent' && m.body.includes('Priority'));
    expect(emergencySms).toBeDefined();
    expect(Date.parse(emergencySms?.sentAt ?? '') - intakeAt).toBeLessThanOrEqual(2000);
    expect(api.app.queues.queues['notify-standard'].depth).toBeGreaterThan(0);
    expect((await getLead(api, id)).handoff?.state).toBe('awaiting_acceptance');
  });
});

describe('accept racing the deadline', () => {
  it('resolves to exactly one outcome, every time (50 races on the embedded engine)', async () => {
    api = await startLocalApi(IN_HOURS);
    const deadlines = new DeadlineService(api.app.deps);
    const links = new LinkService(api.app.deps);
    const outcomes = { accepted: 0, escalated: 0 };
    for (let i = 0; i < 50; i += 1) {
      // Prepare (each lead in business hours, a week apart: after hours a standard lead waits for opening)
      const postedAt = api.clock.now().getTime();
      const id = await postLead(api, leadBody());
      const recipient = (await getLead(api, id)).handoff?.to.id ?? '';
      // The email link (emails are not paced like standard-lane SMS).
      const token = new URL(await linkForLead(api, recipient, id, 'email')).pathname.split('/').pop() ?? '';
      api.clock.advance(60 * 60 + 1);

      // Act
      const [view, deadline] = await Promise.all([
        links.accept(token, './x', ALL_CONFIRMATIONS),
        deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: id, seq: 1 }),
      ]);

      // Assess
      const lead = await getLead(api, id);
      const accepted =
        lead.owner?.id === recipient && lead.handoff?.seq === 1 && lead.handoff.state === 'accepted';
      const escalated = lead.handoff?.seq === 2 && lead.timeline.some((e) => e.type === 'escalated');
      // (escalated to the next person, or re-notified when the chain has nobody left, e.g. on a holiday)
      expect(accepted !== escalated).toBe(true);
      if (accepted) {
        expect(deadline).toBe('no_change');
        expect(view.outcome).toBe('ok');
        outcomes.accepted += 1;
      } else {
        expect(['escalated', 'renotified']).toContain(deadline);
        expect(view.outcome).toBe('conflict');
        outcomes.escalated += 1;
      }
      await api.app.runtime.runDue();
      api.clock.set(new Date(postedAt + 7 * 24 * 3600 * 1000));
    }
    expect(outcomes.accepted + outcomes.escalated).toBe(50);
  }, 180_000);
});
