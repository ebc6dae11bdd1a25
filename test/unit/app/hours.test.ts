/**
 * Hours (docs/product-rules.md §5) in the services: a held handoff is dispatched with its start timer
 * and the customer's acknowledgement only; its start messages the recipient; a non-urgent ladder step
 * due after closing waits for opening. Friday 2026-11-20, 11 PM in Austin; Saturday opens at 08:00.
 */
import { describe, expect, it } from 'vitest';
import { DeadlineService } from '../../../shared/app/deadline-service';
import { DispatchService } from '../../../shared/app/dispatch-service';
import { openingTimerName, timerName } from '../../../shared/domain/timer-names';
import { dispatchLead, notifyMessages, type Pipeline, pipeline, queued, stored, submitLead } from './support';

const FRIDAY_11PM = '2026-11-21T05:00:00Z';
const SATURDAY_8AM = '2026-11-21T14:00:00.000Z';

const setup = (start = FRIDAY_11PM) => {
  const p = pipeline(start);
  return { ...p, dispatch: new DispatchService(p.deps), deadlines: new DeadlineService(p.deps) };
};

const opening = (leadId: string, seq = 1) => ({ kind: 'opening' as const, leadId, seq });

/** A held lead, dispatched, with the clock at its start. */
const heldAtStart = async (p: Pipeline) => {
  const lead = await dispatchLead(p, await submitLead(p));
  p.clock.set(SATURDAY_8AM);
  return lead;
};

describe('a held handoff (docs/product-rules.md §5, Hours)', () => {
  it('is dispatched with a one-time timer at its start and only the customer acknowledgement: no staff message', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);

    // Act
    await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(lead.handoff?.startsAt).toBe(SATURDAY_8AM);
    expect(p.timers.live.get(openingTimerName(lead.id, 1))).toEqual({
      at: SATURDAY_8AM,
      payload: opening(lead.id),
    });
    expect(p.timers.live.has(timerName(lead.id, 1))).toBe(false);
    expect(notifyMessages(p).map((m) => [m.recipientId, m.purpose])).toEqual([
      ['customer', 'acknowledgement'],
    ]);
    expect((await stored(p, lead.id)).handoff?.dispatch).toBe('done');
  });

  it('starts at its timer: a fresh window from now, and its dispatch is queued again', async () => {
    // Prepare
    const p = setup();
    const lead = await heldAtStart(p);

    // Act
    const outcome = await p.deadlines.onDeadline(opening(lead.id));

    // Assess
    const started = await stored(p, lead.id);
    expect(outcome).toBe('started');
    expect(started.handoff).toMatchObject({ dispatch: 'pending', acceptBy: '2026-11-21T14:15:00.000Z' });
    expect(started.handoff?.startsAt).toBeUndefined();
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 1 }]);
  });

  it('once started, its dispatch messages the recipient and sets the acceptance deadline timer', async () => {
    // Prepare
    const p = setup();
    const lead = await heldAtStart(p);
    await p.deadlines.onDeadline(opening(lead.id));
    p.queue.sent.length = 0;

    // Act
    await p.dispatch.dispatch(lead.id, 1);

    // Assess (the acknowledgement, never sent here, is asked for again: the notifier sends it once)
    const staff = notifyMessages(p).filter((m) => m.recipientId !== 'customer');
    expect(staff.map((m) => [m.recipientId, m.channel, m.purpose])).toEqual([
      ['dana', 'sms', 'handoff'],
      ['dana', 'email', 'handoff'],
    ]);
    expect(p.timers.live.get(timerName(lead.id, 1))?.at).toBe('2026-11-21T14:15:00.000Z');
  });

  it('a repeated start timer never escalates the started handoff', async () => {
    // Prepare
    const p = setup();
    const lead = await heldAtStart(p);
    await p.deadlines.onDeadline(opening(lead.id));
    p.clock.set('2026-11-21T14:30:00Z'); // even past its acceptance deadline

    // Act
    const outcome = await p.deadlines.onDeadline(opening(lead.id));

    // Assess
    expect(outcome).toBe('no_change');
    expect((await stored(p, lead.id)).handoff?.seq).toBe(1);
  });

  it('a deadline run for a held handoff (a repair or an ops retry) starts it instead of escalating', async () => {
    // Prepare
    const p = setup();
    const lead = await heldAtStart(p);

    // Act
    const outcome = await p.deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: lead.id, seq: 1 });

    // Assess
    expect(outcome).toBe('started');
    expect((await stored(p, lead.id)).handoff).toMatchObject({ seq: 1, to: { id: 'dana' } });
  });
});

describe('a non-urgent ladder step due after closing (docs/product-rules.md §5, Hours)', () => {
  it('is decided for the next opening and held until then: the next person is not messaged at night', async () => {
    // Prepare: Wednesday 17:15, the 15-minute window ends at closing (17:30)
    const p = setup('2026-11-18T23:15:00Z');
    const lead = await dispatchLead(p, await submitLead(p));
    p.clock.set(lead.handoff?.acceptBy ?? '');

    // Act
    const outcome = await p.deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: lead.id, seq: 1 });
    const next = await stored(p, lead.id);
    await p.dispatch.dispatch(lead.id, 2);

    // Assess
    expect(lead.handoff?.acceptBy).toBe('2026-11-18T23:30:00.000Z');
    expect(outcome).toBe('escalated');
    expect(next.handoff).toMatchObject({
      seq: 2,
      to: { id: 'priya' },
      startsAt: '2026-11-19T13:30:00.000Z',
      acceptBy: '2026-11-19T13:45:00.000Z',
    });
    expect(notifyMessages(p).filter((m) => m.recipientId !== 'customer')).toEqual([]);
    expect(p.timers.live.get(openingTimerName(lead.id, 2))?.at).toBe('2026-11-19T13:30:00.000Z');
  });

  it('an urgent step at night is not held', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p, { ...completeEmergency }));
    p.clock.set(lead.handoff?.acceptBy ?? '');

    // Act
    await p.deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: lead.id, seq: 1 });

    // Assess
    const next = await stored(p, lead.id);
    expect(next.handoff?.seq).toBe(2);
    expect(next.handoff?.startsAt).toBeUndefined();
  });
});

const completeEmergency = {
  fullName: 'Ana Diaz',
  phone: '(512) 555-0198',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'emergency',
  notes: 'Water pouring from the ceiling',
  consent: { sms: true, email: false },
};
