import { describe, expect, it } from 'vitest';
import { involvementOf, maySeeLead, SEES_EVERY_LEAD } from '../../../shared/domain/board-access';
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

  it('names every role in one of the two groups', () => {
    // Prepare
    const limited: Role[] = ['on_call', 'tech', 'sales'];

    // Act / Assess
    expect([...SEES_EVERY_LEAD, ...limited].toSorted()).toEqual([...ROLES].toSorted());
  });

  it('reads the owner, and the recipient only while a handoff waits for acceptance', () => {
    // Prepare
    const to = { id: 'jules', name: 'Jules Okafor', role: 'on_call' as const };
    const waiting = { status: 'awaiting_acceptance', handoff: { state: 'awaiting_acceptance', to } } as Lead;
    const accepted = {
      status: 'accepted',
      owner: to,
      handoff: { state: 'accepted', to },
    } as Lead;
    const escalated = { status: 'awaiting_acceptance', handoff: { state: 'escalated', to } } as Lead;

    // Act / Assess
    expect(involvementOf(waiting)).toEqual({ askedId: 'jules' });
    expect(involvementOf(accepted)).toEqual({ ownerId: 'jules' });
    expect(involvementOf(escalated)).toEqual({});
  });
});
