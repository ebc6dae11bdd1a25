import { describe, expect, it } from 'vitest';
import { LinkService } from '../../../shared/app/link-service';
import {
  ALL_CONFIRMATIONS,
  dispatchLead,
  handoffToken,
  pipeline,
  queued,
  stored,
  submitLead,
  timelineTypes,
} from './support';

const ACTION = '/h/action';

const setup = async () => {
  const p = pipeline();
  const lead = await dispatchLead(p, await submitLead(p));
  p.timers.live.set(`handoff-${lead.id}-1`, {
    at: lead.handoff?.acceptBy ?? '',
    payload: { kind: 'acceptance_deadline', leadId: lead.id, seq: 1 },
  });
  const token = await handoffToken(p, lead);
  return { ...p, links: new LinkService(p.deps), lead, token };
};

describe('LinkService', () => {
  it('opening a handoff link shows the open handoff and changes nothing', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    const view = await links.open(token, ACTION);

    // Assess
    expect(view.outcome).toBe('ok');
    expect(view.page.kind).toBe('open');
    expect((await stored(p, lead.id)).version).toBe(lead.version);
    expect(p.timers.cancelled).toEqual([]);
  });

  it('answers not_found for an unknown token, and gone once the link has expired', async () => {
    // Prepare
    const { links, token, clock } = await setup();
    const unknown = await links.open('A'.repeat(43), ACTION);

    // Act
    clock.advance(25 * 3600);
    const expired = await links.open(token, ACTION);

    // Assess
    expect(unknown.outcome).toBe('not_found');
    expect(expired.outcome).toBe('gone');
  });

  it('accepting with the four confirmations makes the recipient the owner and deletes the deadline timer', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    const view = await links.accept(token, ACTION, ALL_CONFIRMATIONS);

    // Assess
    expect(view.outcome).toBe('ok');
    expect(view.page.kind).toBe('card');
    const after = await stored(p, lead.id);
    expect(after.status).toBe('accepted');
    expect(after.owner?.id).toBe(lead.handoff?.to.id);
    expect(after.handoff?.state).toBe('accepted');
    expect(timelineTypes(after).at(-1)).toBe('accepted');
    expect(p.timers.cancelled).toEqual([`handoff-${lead.id}-1`]);
    // What is left are the idle next-action checks of the accepted lead (docs/product-rules.md §5).
    expect([...p.timers.live.keys()]).toEqual([`idle-${lead.id}-1-r`, `idle-${lead.id}-1-e`]);
    expect(p.metrics.total('HandoffsAccepted')).toBe(1);
  });

  it('refuses an acceptance missing a confirmation and keeps the handoff open', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    const view = await links.accept(token, ACTION, ALL_CONFIRMATIONS.slice(0, 3));

    // Assess
    expect(view.outcome).toBe('invalid');
    const after = await stored(p, lead.id);
    expect(after.handoff?.state).toBe('awaiting_acceptance');
    expect(after.owner).toBeUndefined();
    expect(p.timers.live.size).toBe(1);
  });

  it('accepting twice is one acceptance', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();
    await links.accept(token, ACTION, ALL_CONFIRMATIONS);
    const accepted = await stored(p, lead.id);

    // Act
    const again = await links.accept(token, ACTION, ALL_CONFIRMATIONS);

    // Assess
    expect(again.outcome).toBe('ok');
    expect((await stored(p, lead.id)).version).toBe(accepted.version);
    expect(p.metrics.total('HandoffsAccepted')).toBe(1);
  });

  it('rejecting with a reason sends the lead back to intake as needs_info and queues the new handoff', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    const view = await links.reject(token, ACTION, {
      reason: 'missing_address',
      text: 'No such street in 78704',
    });

    // Assess
    expect(view.outcome).toBe('ok');
    expect(view.page.kind).toBe('rejected');
    const after = await stored(p, lead.id);
    expect(after.status).toBe('needs_info');
    expect(after.owner).toBeUndefined();
    expect(after.returned).toMatchObject({ by: { id: lead.handoff?.to.id }, reason: 'missing_address' });
    expect(after.handoff).toMatchObject({ seq: 2, kind: 'needs_info', to: { role: 'intake' } });
    expect(timelineTypes(after)).toContain('rejected');
    expect(p.timers.cancelled).toEqual([`handoff-${lead.id}-1`]);
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
  });

  it('refuses a rejection without a valid reason and changes nothing', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();

    // Act
    const view = await links.reject(token, ACTION, { reason: 'do_not_like_it', text: undefined });

    // Assess
    expect(view.outcome).toBe('invalid');
    expect((await stored(p, lead.id)).version).toBe(lead.version);
    expect(p.queue.sent).toEqual([]);
  });

  it('refuses to accept a handoff that has moved on', async () => {
    // Prepare
    const { links, lead, token, ...p } = await setup();
    await links.reject(token, ACTION, { reason: 'missing_address', text: undefined });
    const rejected = await stored(p, lead.id);
    const otherToken = await handoffToken(p, lead, lead.handoff?.to.id);

    // Act
    const view = await links.accept(otherToken, ACTION, ALL_CONFIRMATIONS);

    // Assess
    expect(view.outcome).toBe('conflict');
    expect((await stored(p, lead.id)).version).toBe(rejected.version);
    expect((await stored(p, lead.id)).owner).toBeUndefined();
  });
});
