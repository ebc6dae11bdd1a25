import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../shared/domain/config';
import { type EscalationStep, nextEscalation } from '../../../shared/domain/escalation';
import type { Handoff, Lead } from '../../../shared/domain/lead';
import { routeLead } from '../../../shared/domain/routing';
import { exampleConfig, handoff, loads, storedLead, TUESDAY_10AM, TUESDAY_11PM } from './fixtures';

/** Follows the ladder from `first` until it is exhausted: one entry per step, e.g. `escalate jules 1`. */
const climb = (lead: Lead, first: Handoff, now: Date, config: AppConfig = exampleConfig()): string[] => {
  const seen: string[] = [];
  const tried = [first.to.id];
  let current = first;
  for (let guard = 0; guard < 50; guard += 1) {
    const step: EscalationStep = nextEscalation({
      lead,
      handoff: current,
      config,
      loads: loads(),
      triedIds: tried,
      now,
    });
    if (step.kind === 'exhausted') return [...seen, 'exhausted'];
    seen.push(`${step.kind} ${step.to.id} ${step.step}`);
    tried.push(step.to.id);
    current = { ...current, to: step.to, step: step.step, seq: current.seq + 1 };
  }
  throw new Error('the ladder never ended');
};

describe('nextEscalation', () => {
  it('the urgent ladder of an after-hours north emergency: next on call, office manager, business owner, then re-notify ×6', () => {
    // Prepare
    const config = exampleConfig();
    const lead = storedLead({ urgency: 'emergency', market: 'north' });
    const routed = routeLead({ lead, config, loads: loads(), now: TUESDAY_11PM });
    const first = handoff({ to: routed.to, ladder: routed.ladder, step: 0 });
    // Act
    const ladder = climb(lead, first, TUESDAY_11PM, config);
    // Assess
    expect([routed.to.id, ...ladder]).toEqual([
      'marco',
      'escalate jules 1',
      'escalate priya 2',
      'escalate ruth 3',
      'renotify ruth 4',
      'renotify ruth 5',
      'renotify ruth 6',
      'renotify ruth 7',
      'renotify ruth 8',
      'renotify ruth 9',
      'exhausted',
    ]);
  });

  it('each urgent step is a new handoff with its own 5-minute acceptance window', () => {
    // Prepare
    const lead = storedLead({ urgency: 'emergency' });
    // Act
    const step = nextEscalation({
      lead,
      handoff: handoff(),
      config: exampleConfig(),
      loads: loads(),
      triedIds: ['dana'],
      now: TUESDAY_10AM,
    });
    // Assess
    expect(step).toEqual({
      kind: 'escalate',
      to: { id: 'marco', name: 'Marco Silva', role: 'on_call' },
      step: 1,
      reason: 'not accepted by Dana Whitfield (dispatch) within 5 min: next on call Marco Silva',
      acceptBy: '2026-03-10T15:05:00.000Z',
      dueAt: '2026-03-10T15:05:00.000Z',
    });
  });

  it('prefers the next person who covers the lead: a south emergency goes to the south on-call', () => {
    // Prepare
    const lead = storedLead({ urgency: 'emergency', market: 'south', zip: '78704' });
    // Act
    const step = nextEscalation({
      lead,
      handoff: handoff(),
      config: exampleConfig(),
      loads: loads(),
      triedIds: ['dana'],
      now: TUESDAY_10AM,
    });
    // Assess
    expect(step.kind !== 'exhausted' && step.to.id).toBe('jules');
  });

  it('skips a chain entry with nobody left untried', () => {
    // Prepare
    const lead = storedLead({ urgency: 'emergency' });
    // Act
    const step = nextEscalation({
      lead,
      handoff: handoff({ to: { id: 'marco', name: 'Marco Silva', role: 'on_call' } }),
      config: exampleConfig(),
      loads: loads(),
      triedIds: ['dana', 'jules'],
      now: TUESDAY_10AM,
    });
    // Assess
    expect(step.kind !== 'exhausted' && [step.to.id, step.step]).toEqual(['priya', 2]);
  });

  it('a chain that runs out keeps re-notifying the last person: the reason counts the re-notifications', () => {
    // Prepare
    const ruth = { id: 'ruth', name: 'Ruth Hollis', role: 'business_owner' } as const;
    // Act
    const step = nextEscalation({
      lead: storedLead({ urgency: 'emergency' }),
      handoff: handoff({ to: ruth, step: 4 }),
      config: exampleConfig(),
      loads: loads(),
      triedIds: ['dana', 'marco', 'jules', 'priya'],
      now: TUESDAY_10AM,
    });
    // Assess
    expect(step).toEqual({
      kind: 'renotify',
      to: ruth,
      step: 5,
      reason: 'chain exhausted: re-notifying Ruth Hollis (business owner), 2 of 6',
      acceptBy: '2026-03-10T15:05:00.000Z',
      dueAt: '2026-03-10T15:05:00.000Z',
    });
  });

  it('with maxRenotify 0 the ladder is exhausted right after the chain', () => {
    // Prepare
    const config = exampleConfig();
    config.business.escalation.maxRenotify = 0;
    const lead = storedLead({ urgency: 'standard' });
    const first = handoff({ to: { id: 'tomas', name: 'Tomás Vega', role: 'tech' }, ladder: 'standard' });
    // Act
    const ladder = climb(lead, first, TUESDAY_10AM, config);
    // Assess
    expect(ladder).toEqual(['escalate priya 1', 'exhausted']);
  });

  it.each([
    ['standard', 'standard', 'tomas', 'priya', '2026-03-10T15:15:00.000Z'],
    ['estimate', 'estimate', 'tomas', 'sam', '2026-03-10T16:00:00.000Z'],
    ['needs_info', 'standard', 'irene', 'priya', '2026-03-10T15:15:00.000Z'],
  ] as const)(
    'the %s ladder escalates to its chain: %s lead from %s → %s',
    (ladder, urgency, fromId, toId, acceptBy) => {
      // Prepare
      const config = exampleConfig();
      const from = config.roster.people.find((p) => p.id === fromId);
      if (from === undefined) throw new Error(`no ${fromId}`);
      const to = { id: from.id, name: from.name, role: from.role };
      // Act
      const step = nextEscalation({
        lead: storedLead({ urgency }),
        handoff: handoff({ to, ladder }),
        config,
        loads: loads(),
        triedIds: [fromId],
        now: TUESDAY_10AM,
      });
      // Assess
      expect(
        step.kind !== 'exhausted' && { kind: step.kind, to: step.to.id, acceptBy: step.acceptBy },
      ).toEqual({
        kind: 'escalate',
        to: toId,
        acceptBy,
      });
    },
  );

  it('a chain with nobody untried left goes straight to re-notifying, counted from the end of the chain', () => {
    // Prepare
    const priya = { id: 'priya', name: 'Priya Raman', role: 'office_manager' } as const;
    // Act
    const step = nextEscalation({
      lead: storedLead({ urgency: 'standard' }),
      handoff: handoff({ to: priya, ladder: 'standard', step: 0 }),
      config: exampleConfig(),
      loads: loads(),
      triedIds: [],
      now: TUESDAY_10AM,
    });
    // Assess
    expect(step.kind !== 'exhausted' && [step.kind, step.to.id, step.step, step.reason]).toEqual([
      'renotify',
      'priya',
      2,
      'chain exhausted: re-notifying Priya Raman (office manager), 1 of 6',
    ]);
  });
});
