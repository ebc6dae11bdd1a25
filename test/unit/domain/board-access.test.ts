import { describe, expect, it } from 'vitest';
import {
  defaultViewFor,
  INTEGRATION_VIEWS,
  involvementOf,
  maySeeLead,
  mightSee,
  SEES_EVERY_LEAD,
  TAKES_FROM_UNOWNED,
  viewsFor,
} from '../../../shared/domain/board-access';
import type { Lead, Role } from '../../../shared/domain/lead';
import { ROLES } from '../../../shared/domain/lead';

const someoneElse = { ownerId: 'marco', askedId: 'jules' };

describe('who sees which lead on the board (docs/product-rules.md §8)', () => {
  it.each(['intake', 'dispatch', 'office_manager', 'operations', 'business_owner'] as const)(
    '%s sees every lead, whoever it involves',
    (role) => {
      // Prepare / Act / Assess
      expect(maySeeLead({ id: 'priya', role }, someoneElse)).toBe(true);
      expect(maySeeLead({ id: 'priya', role }, {})).toBe(true);
    },
  );

  it.each(['on_call', 'tech', 'sales'] as const)(
    '%s sees only leads they own or are asked to accept',
    (role) => {
      // Prepare
      const viewer = { id: 'tomas', role };

      // Act / Assess
      expect(maySeeLead(viewer, { ownerId: 'tomas' })).toBe(true);
      expect(maySeeLead(viewer, { askedId: 'tomas' })).toBe(true);
      expect(maySeeLead(viewer, someoneElse)).toBe(false);
      expect(maySeeLead(viewer, {})).toBe(false);
    },
  );

  it('lets on-call people, and no tech or sales, see the unowned queue', () => {
    // Prepare
    const unowned = { askedId: 'ruth', unowned: true };

    // Act / Assess
    expect(TAKES_FROM_UNOWNED).toEqual(['on_call']);
    expect(maySeeLead({ id: 'marco', role: 'on_call' }, unowned)).toBe(true);
    expect(maySeeLead({ id: 'tomas', role: 'tech' }, unowned)).toBe(false);
    expect(maySeeLead({ id: 'sam', role: 'sales' }, unowned)).toBe(false);
  });

  it('names every role in one of the two groups', () => {
    // Prepare
    const limited: Role[] = ['on_call', 'tech', 'sales'];

    // Act / Assess
    expect([...SEES_EVERY_LEAD, ...limited].toSorted()).toEqual([...ROLES].toSorted());
  });

  it('offers every view to the roles that see every lead, and only their own (and the unowned queue) to the others', () => {
    // Act / Assess
    expect(viewsFor('office_manager')).toEqual(['all', 'mine', 'unowned', 'overdue', 'needs_info', 'failed']);
    expect(viewsFor('on_call')).toEqual(['mine', 'unowned', 'overdue']);
    expect(viewsFor('tech')).toEqual(['mine', 'overdue']);
    expect(viewsFor('sales')).toEqual(['mine', 'overdue']);
    expect(defaultViewFor('intake')).toBe('all');
    expect(defaultViewFor('tech')).toBe('mine');
    expect(INTEGRATION_VIEWS).toEqual(['all', 'unowned', 'overdue', 'needs_info', 'failed']);
  });

  it('reads the owner, the recipient only while a handoff waits for acceptance, and whether nobody accepted', () => {
    // Prepare
    const to = { id: 'jules', name: 'Jules Okafor', role: 'on_call' as const };
    const waiting = {
      status: 'awaiting_acceptance',
      handoff: { kind: 'route', state: 'awaiting_acceptance', to },
      timeline: [],
    } as unknown as Lead;
    const accepted = {
      status: 'accepted',
      owner: to,
      handoff: { state: 'accepted', to },
      timeline: [],
    } as unknown as Lead;
    const renotified = {
      status: 'awaiting_acceptance',
      handoff: { kind: 'renotify', state: 'awaiting_acceptance', to },
      timeline: [],
    } as unknown as Lead;
    const nobodyAsked = { status: 'needs_info', timeline: [] } as unknown as Lead;

    // Act / Assess
    expect(involvementOf(waiting)).toEqual({ askedId: 'jules' });
    expect(involvementOf(accepted)).toEqual({ ownerId: 'jules' });
    expect(involvementOf(renotified)).toEqual({ askedId: 'jules', unowned: true });
    expect(involvementOf(nobodyAsked)).toEqual({ unowned: true });
  });
});

describe('which index entries the board reads whole', () => {
  it('reads every entry for the office, and for others only what may be theirs or unowned', () => {
    // Prepare
    const tech = { id: 'tomas', role: 'tech' as const };
    const onCall = { id: 'marco', role: 'on_call' as const };

    // Act / Assess
    expect(
      mightSee({ id: 'priya', role: 'office_manager' }, { status: 'accepted', assigneeId: 'jules' }),
    ).toBe(true);
    expect(mightSee(tech, { status: 'accepted', assigneeId: 'tomas' })).toBe(true);
    expect(mightSee(tech, { status: 'accepted', assigneeId: 'jules' })).toBe(false);
    expect(mightSee(tech, { status: 'awaiting_acceptance', assigneeId: 'jules' })).toBe(true);
    expect(mightSee(tech, { status: 'needs_info', assigneeId: 'irene' })).toBe(false);
    expect(mightSee(onCall, { status: 'needs_info', assigneeId: 'irene' })).toBe(true);
  });
});
