import { describe, expect, it } from 'vitest';
import { pendingIdleTimers } from '../../../shared/domain/idle-check';
import {
  armIdleCheck,
  businessMinutesAfter,
  cancelIdleCheck,
  idleAfterCardForm,
  idleEscalationTarget,
  onIdleTimer,
} from '../../../shared/domain/idle-next-action';
import { type Lead, leadTimerAt } from '../../../shared/domain/lead';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const business = config.business;
const TOMAS = { id: 'tomas', name: 'Tomás Vega', role: 'tech' } as const;

/** Wednesday 2026-11-18 in Austin (CST, UTC-6): open 07:30–17:30. */
const at = (iso: string) => new Date(iso);
const WED_10AM = at('2026-11-18T16:00:00Z');

/** An accepted standard lead whose next action is due at `due`. */
const accepted = (due: string, overrides: Partial<Lead> = {}): Lead =>
  storedLead({
    status: 'accepted',
    owner: TOMAS,
    nextAction: 'Call to book a same-day inspection',
    nextActionDueAt: due,
    handoff: handoff({ to: TOMAS, state: 'accepted', ladder: 'standard' }),
    ...overrides,
  });

describe('businessMinutesAfter (a stand-in for business-minute arithmetic)', () => {
  it.each([
    ['within one open stretch', '2026-11-18T16:00:00Z', 30, '2026-11-18T16:30:00.000Z'],
    [
      'across closing: 15 min before 17:30, 15 after Thursday 07:30',
      '2026-11-18T23:15:00Z',
      30,
      '2026-11-19T13:45:00.000Z',
    ],
    [
      'starting at night: counted from the next opening',
      '2026-11-18T05:00:00Z',
      30,
      '2026-11-18T14:00:00.000Z',
    ],
    ['across a holiday (Thanksgiving) to Friday', '2026-11-25T23:15:00Z', 30, '2026-11-27T13:45:00.000Z'],
    [
      'across the weekend: Saturday closes at noon, Sunday is closed',
      '2026-11-21T17:50:00Z',
      30,
      '2026-11-23T13:50:00.000Z',
    ],
    [
      'across the spring DST change (Saturday CST → Monday CDT)',
      '2026-03-07T17:50:00Z',
      30,
      '2026-03-09T12:50:00.000Z',
    ],
  ])('%s', (_name, start, minutes, expected) => {
    // Act
    const end = businessMinutesAfter(at(start), minutes, business);

    // Assess
    expect(end.toISOString()).toBe(expected);
  });
});

describe('armIdleCheck', () => {
  it('reminds the owner at the due time and tells the office 30 business minutes later', () => {
    // Prepare
    const lead = accepted('2026-11-18T18:00:00.000Z');

    // Act
    const { lead: armed, change } = armIdleCheck(lead, WED_10AM, business);

    // Assess
    expect(armed.idleCheck).toEqual({
      round: 1,
      dueAt: '2026-11-18T18:00:00.000Z',
      remindAt: '2026-11-18T18:00:00.000Z',
      escalateAt: '2026-11-18T18:30:00.000Z',
      state: 'scheduled',
    });
    expect(change.schedule.map((t) => [t.step, t.at])).toEqual([
      ['remind', '2026-11-18T18:00:00.000Z'],
      ['escalate', '2026-11-18T18:30:00.000Z'],
    ]);
    expect(change.cancel).toEqual([]);
    expect(leadTimerAt(armed)).toBe('2026-11-18T18:00:00.000Z');
  });

  it('waits for opening to remind about a non-urgent next action due at night, but not an urgent one', () => {
    // Prepare
    const night = '2026-11-19T04:00:00.000Z'; // Wed 10 PM
    const standard = accepted(night);
    const emergency = accepted(night, { urgency: 'emergency' });

    // Act
    const a = armIdleCheck(standard, WED_10AM, business).lead.idleCheck;
    const b = armIdleCheck(emergency, WED_10AM, business).lead.idleCheck;

    // Assess
    expect(a?.remindAt).toBe('2026-11-19T13:30:00.000Z'); // Thu 07:30
    expect(a?.escalateAt).toBe('2026-11-19T14:00:00.000Z');
    expect(b?.remindAt).toBe(night);
    expect(b?.escalateAt).toBe('2026-11-19T14:00:00.000Z'); // 30 business minutes: Thu 08:00
  });

  it('follows the grace setting', () => {
    // Prepare
    const lead = accepted('2026-11-18T18:00:00.000Z');
    const longer = { ...business, idleNextAction: { graceBusinessMinutes: 90 } };

    // Act
    const check = armIdleCheck(lead, WED_10AM, longer).lead.idleCheck;

    // Assess
    expect(check?.escalateAt).toBe('2026-11-18T19:30:00.000Z');
  });

  it('a new next action starts the next round and cancels the earlier one', () => {
    // Prepare
    const first = armIdleCheck(accepted('2026-11-18T18:00:00.000Z'), WED_10AM, business).lead;
    const moved = { ...first, nextActionDueAt: '2026-11-18T20:00:00.000Z' };

    // Act
    const { lead, change } = idleAfterCardForm('set_next_action', moved, WED_10AM, business);

    // Assess
    expect(lead.idleCheck).toMatchObject({
      round: 2,
      remindAt: '2026-11-18T20:00:00.000Z',
      state: 'scheduled',
    });
    expect(change.cancel.map((t) => [t.round, t.step])).toEqual([
      [1, 'remind'],
      [1, 'escalate'],
    ]);
    expect(change.schedule.map((t) => [t.round, t.step])).toEqual([
      [2, 'remind'],
      [2, 'escalate'],
    ]);
  });

  it('does not watch a lead that is not accepted', () => {
    // Prepare
    const lead = accepted('2026-11-18T18:00:00.000Z', { status: 'needs_info' });

    // Act
    const { lead: after, change } = armIdleCheck(lead, WED_10AM, business);

    // Assess
    expect(after.idleCheck).toBeUndefined();
    expect(change).toEqual({ schedule: [], cancel: [] });
  });
});

describe('cancelling', () => {
  it('a logged contact cancels both timers; a closed lead too; other card forms keep them', () => {
    // Prepare
    const armed = armIdleCheck(accepted('2026-11-18T18:00:00.000Z'), WED_10AM, business).lead;

    // Act
    const logged = idleAfterCardForm('log_contact', armed, WED_10AM, business);
    const closed = idleAfterCardForm('set_status', { ...armed, status: 'closed' }, WED_10AM, business);
    const restaged = idleAfterCardForm('set_status', armed, WED_10AM, business);

    // Assess
    expect(logged.lead.idleCheck?.state).toBe('cancelled');
    expect(logged.change.cancel.map((t) => t.step)).toEqual(['remind', 'escalate']);
    expect(leadTimerAt(logged.lead)).toBeUndefined();
    expect(closed.lead.idleCheck?.state).toBe('cancelled');
    expect(restaged.lead.idleCheck?.state).toBe('scheduled');
    expect(restaged.change).toEqual({ schedule: [], cancel: [] });
  });

  it('after the reminder only the escalation is left to cancel; a cancelled check has nothing', () => {
    // Prepare
    const armed = armIdleCheck(accepted('2026-11-18T18:00:00.000Z'), WED_10AM, business).lead;
    const reminded = onIdleTimer(armed, 1, 'remind', at('2026-11-18T18:00:00Z'), config).lead;

    // Act
    const cancelled = cancelIdleCheck(reminded);

    // Assess
    expect(cancelled.change.cancel.map((t) => t.step)).toEqual(['escalate']);
    expect(cancelIdleCheck(cancelled.lead).change.cancel).toEqual([]);
    expect(pendingIdleTimers(cancelled.lead.idleCheck)).toEqual([]);
  });
});

describe('onIdleTimer', () => {
  const armed = armIdleCheck(accepted('2026-11-18T18:00:00.000Z'), WED_10AM, business).lead;

  it('reminds the owner at the due time, then tells the operations lead after the grace period', () => {
    // Act
    const reminded = onIdleTimer(armed, 1, 'remind', at('2026-11-18T18:00:00Z'), config);
    const escalated = onIdleTimer(reminded.lead, 1, 'escalate', at('2026-11-18T18:30:00Z'), config);

    // Assess
    expect(reminded.effect).toMatchObject({ kind: 'remind', owner: { id: 'tomas' } });
    expect(reminded.lead.timeline.at(-1)?.summary).toBe(
      'Next action overdue (due Wed Nov 18, 12:00 PM): Tomás Vega (tech) reminded',
    );
    expect(escalated.effect).toMatchObject({ kind: 'escalate', escalateTo: { id: 'lee' } });
    expect(escalated.lead.idleCheck).toMatchObject({ state: 'escalated', escalatedTo: { id: 'lee' } });
    expect(escalated.lead.timeline.at(-1)?.type).toBe('next_action_escalated');
    expect(leadTimerAt(escalated.lead)).toBeUndefined();
  });

  it('changes nothing for an earlier round, a cancelled check, an early fire, a second fire or a lead no longer accepted', () => {
    // Prepare
    const due = at('2026-11-18T18:00:00Z');
    const reminded = onIdleTimer(armed, 1, 'remind', due, config).lead;

    // Act
    const results = [
      onIdleTimer(armed, 2, 'remind', due, config),
      onIdleTimer(cancelIdleCheck(armed).lead, 1, 'remind', due, config),
      onIdleTimer(armed, 1, 'remind', at('2026-11-18T17:59:00Z'), config),
      onIdleTimer(reminded, 1, 'remind', due, config),
      onIdleTimer(reminded, 1, 'escalate', at('2026-11-18T18:29:00Z'), config),
      onIdleTimer({ ...armed, status: 'awaiting_acceptance' }, 1, 'remind', due, config),
    ];

    // Assess
    expect(results.map((r) => [r.changed, r.effect.kind])).toEqual(Array(6).fill([false, 'none']));
  });

  it('escalates a check whose reminder was lost', () => {
    // Act
    const result = onIdleTimer(armed, 1, 'escalate', at('2026-11-18T18:30:00Z'), config);

    // Assess
    expect(result.effect.kind).toBe('escalate');
  });
});

describe('idleEscalationTarget', () => {
  it('is the operations lead, then the office manager, never the owner', () => {
    // Act / Assess
    expect(idleEscalationTarget(config, 'tomas')?.id).toBe('lee');
    expect(idleEscalationTarget(config, 'lee')?.id).toBe('priya');
  });
});
