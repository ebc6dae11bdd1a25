import { describe, expect, it } from 'vitest';
import { DeadlineService } from '../../../shared/app/deadline-service';
import { LinkService } from '../../../shared/app/link-service';
import type { Lead } from '../../../shared/domain/lead';
import {
  ALL_CONFIRMATIONS,
  dispatchLead,
  handoffToken,
  type Pipeline,
  pipeline,
  queued,
  stored,
  submitLead,
  timelineTypes,
} from './support';

const setup = () => {
  const p = pipeline();
  return { ...p, deadlines: new DeadlineService(p.deps) };
};

/** A dispatched standard lead whose 15-minute acceptance window has just passed. */
const overdueLead = async (p: Pipeline): Promise<Lead> => {
  const lead = await dispatchLead(p, await submitLead(p));
  p.clock.set(new Date(Date.parse(lead.handoff?.acceptBy ?? '') + 1000));
  return lead;
};

const deadline = (lead: Lead, seq = lead.handoff?.seq ?? 1) => ({
  kind: 'acceptance_deadline' as const,
  leadId: lead.id,
  seq,
});

describe('DeadlineService', () => {
  it('changes nothing when the deadline fires after the handoff was accepted', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);
    await new LinkService(p.deps).accept(await handoffToken(p, lead), '/h/x', ALL_CONFIRMATIONS);
    const accepted = await stored(p, lead.id);

    // Act
    const outcome = await p.deadlines.onDeadline(deadline(lead));

    // Assess
    expect(outcome).toBe('no_change');
    const after = await stored(p, lead.id);
    expect(after.version).toBe(accepted.version);
    expect(after.handoff?.state).toBe('accepted');
    expect(p.queue.sent).toEqual([]);
  });

  it('escalates an unaccepted handoff to the next ladder step: a new handoff and its dispatch request', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);

    // Act
    const outcome = await p.deadlines.onDeadline(deadline(lead));

    // Assess
    expect(outcome).toBe('escalated');
    const after = await stored(p, lead.id);
    expect(after.handoff).toMatchObject({
      seq: 2,
      kind: 'escalation',
      step: 1,
      state: 'awaiting_acceptance',
      dispatch: 'pending',
      to: { role: 'office_manager' },
      from: { id: lead.handoff?.to.id },
    });
    expect(timelineTypes(after).slice(-2)).toEqual(['escalated', 'handoff_created']);
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
    expect(p.metrics.total('Escalations')).toBe(1);
  });

  it('ignores a deadline for a stale step', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);
    await p.deadlines.onDeadline(deadline(lead));
    const escalated = await stored(p, lead.id);
    p.queue.sent.length = 0;

    // Act
    const outcome = await p.deadlines.onDeadline(deadline(lead, 1));

    // Assess
    expect(outcome).toBe('no_change');
    const after = await stored(p, lead.id);
    expect(after.version).toBe(escalated.version);
    expect(after.handoff?.seq).toBe(2);
  });

  it('escalates once when the same deadline fires twice', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);

    // Act
    const first = await p.deadlines.onDeadline(deadline(lead, 1));
    const second = await p.deadlines.onDeadline(deadline(lead, 1));

    // Assess
    expect([first, second]).toEqual(['escalated', 'no_change']);
    const after = await stored(p, lead.id);
    expect(timelineTypes(after).filter((type) => type === 'escalated')).toHaveLength(1);
    expect(after.handoff?.seq).toBe(2);
  });

  it('changes nothing for an unknown lead', async () => {
    // Prepare
    const p = setup();

    // Act
    const outcome = await p.deadlines.onDeadline({
      kind: 'acceptance_deadline',
      leadId: '01TESTNOPE',
      seq: 1,
    });

    // Assess
    expect(outcome).toBe('no_change');
    expect(p.queue.sent).toEqual([]);
  });

  it('re-notifies the top of the ladder, then reports an unowned lead once the budget is spent', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);
    const outcomes: string[] = [];

    // Act
    for (let i = 0; i < 12 && outcomes.at(-1) !== 'exhausted'; i += 1) {
      const current = await stored(p, lead.id);
      p.clock.set(new Date(Date.parse(current.handoff?.acceptBy ?? '') + 1000));
      outcomes.push(await p.deadlines.onDeadline(deadline(current)));
    }

    // Assess
    expect(outcomes[0]).toBe('escalated');
    expect(outcomes.slice(1, -1).every((o) => o === 'renotified')).toBe(true);
    expect(outcomes.at(-1)).toBe('exhausted');
    const after = await stored(p, lead.id);
    expect(timelineTypes(after)).toContain('unowned');
    const failures = (await p.failureStore.listOpen()).items;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      leadId: lead.id,
      kind: 'unowned',
      retry: { type: 'restart_ladder' },
    });
  });

  it('restarts the ladder of an unowned lead: a fresh handoff to the last person, dispatch queued', async () => {
    // Prepare
    const p = setup();
    const lead = await overdueLead(p);
    let outcome = '';
    for (let i = 0; i < 12 && outcome !== 'exhausted'; i += 1) {
      const current = await stored(p, lead.id);
      p.clock.set(new Date(Date.parse(current.handoff?.acceptBy ?? '') + 1000));
      outcome = await p.deadlines.onDeadline(deadline(current));
    }
    const unowned = await stored(p, lead.id);
    p.queue.sent.length = 0;

    // Act
    const restarted = await p.deadlines.restartLadder(lead.id, unowned.handoff?.seq ?? 0);

    // Assess
    expect(restarted).toBe('restarted');
    const after = await stored(p, lead.id);
    expect(after.handoff?.seq).toBe((unowned.handoff?.seq ?? 0) + 1);
    expect(after.handoff?.to.id).toBe(unowned.handoff?.to.id);
    expect(after.handoff?.state).toBe('awaiting_acceptance');
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: after.handoff?.seq }]);
  });
});
