import { describe, expect, it } from 'vitest';
import type { FailureReport } from '../../../shared/domain/failures';
import type { Lead } from '../../../shared/domain/lead';
import { pipeline, stored, submitLead, timelineTypes } from './support';

const dispatchFailure = (lead: Lead): FailureReport => ({
  leadId: lead.id,
  seq: 1,
  kind: 'dispatch',
  what: 'dispatch of handoff #1',
  reason: 'Error after 5 attempt(s)',
  attempts: 5,
  retry: { type: 'dispatch', leadId: lead.id, seq: 1 },
});

describe('FailureService', () => {
  it('records a failed handoff, lists it on the lead and its timeline, and counts it', async () => {
    // Prepare
    const p = pipeline();
    const lead = await submitLead(p);

    // Act
    const failure = await p.failures.report(dispatchFailure(lead));

    // Assess
    expect(failure).toMatchObject({ leadId: lead.id, kind: 'dispatch', status: 'open' });
    expect((await p.failureStore.get(failure?.id ?? '?'))?.status).toBe('open');
    const after = await stored(p, lead.id);
    expect(after.openFailures).toEqual([failure?.id]);
    expect(timelineTypes(after).at(-1)).toBe('failed_handoff');
    expect(p.metrics.total('FailedHandoffs')).toBe(1);
  });

  it('merges a repeated report into the same record without a second timeline entry', async () => {
    // Prepare
    const p = pipeline();
    const lead = await submitLead(p);
    const first = await p.failures.report(dispatchFailure(lead));

    // Act
    const second = await p.failures.report(dispatchFailure(lead));

    // Assess
    expect(second?.id).toBe(first?.id);
    expect(p.failureStore.failures.size).toBe(1);
    expect(timelineTypes(await stored(p, lead.id)).filter((t) => t === 'failed_handoff')).toHaveLength(1);
    expect(p.metrics.total('FailedHandoffs')).toBe(1);
  });

  it('resolves an open record: closed with its resolution, off the lead, noted on the timeline', async () => {
    // Prepare
    const p = pipeline();
    const lead = await submitLead(p);
    const failure = await p.failures.report(dispatchFailure(lead));

    // Act
    const closed = await p.failures.resolve(failure?.id ?? '?', 'retried: dispatched');

    // Assess
    expect(closed).toBe(true);
    expect(await p.failureStore.get(failure?.id ?? '?')).toMatchObject({
      status: 'resolved',
      resolution: 'retried: dispatched',
    });
    const after = await stored(p, lead.id);
    expect(after.openFailures).toEqual([]);
    expect(timelineTypes(after).at(-1)).toBe('retried');
  });

  it('resolving a record that is not open changes nothing', async () => {
    // Prepare
    const p = pipeline();
    const lead = await submitLead(p);
    const failure = await p.failures.report(dispatchFailure(lead));
    await p.failures.resolve(failure?.id ?? '?', 'retried: dispatched');
    const before = await stored(p, lead.id);

    // Act
    const again = await p.failures.resolve(failure?.id ?? '?', 'retried again');

    // Assess
    expect(again).toBe(false);
    expect((await stored(p, lead.id)).version).toBe(before.version);
    expect((await p.failureStore.get(failure?.id ?? '?'))?.resolution).toBe('retried: dispatched');
  });

  it('returns undefined instead of throwing when the record cannot be written', async () => {
    // Prepare
    const p = pipeline();
    const lead = await submitLead(p);
    p.failureStore.record = async () => {
      throw new Error('table unavailable');
    };

    // Act
    const failure = await p.failures.report(dispatchFailure(lead));

    // Assess
    expect(failure).toBeUndefined();
    expect((await stored(p, lead.id)).openFailures).toBeUndefined();
  });
});
