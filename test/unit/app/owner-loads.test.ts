import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/manual-clock';
import { OwnerLoads } from '../../../shared/app/owner-loads';
import type { LeadStore } from '../../../shared/ports';

const storeWith = (open: { assigneeId: string; assignedAt: string }[]) => {
  let queries = 0;
  const store = {
    listOpen: async () => {
      queries += 1;
      return {
        items: open.map((o, i) => ({ leadId: `L${i}`, status: 'awaiting_acceptance' as const, ...o })),
      };
    },
  } as unknown as LeadStore;
  return { store, queries: () => queries };
};

describe('OwnerLoads (intake hot path)', () => {
  it('reads the open leads once per TTL and counts its own assignments in between', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-18T16:00:00Z');
    const { store, queries } = storeWith([{ assigneeId: 'tomas', assignedAt: '2026-11-18T15:00:00Z' }]);
    const loads = new OwnerLoads(store, clock, 5);

    // Act
    const first = await loads.get();
    loads.assigned('tomas', '2026-11-18T16:00:00Z');
    loads.assigned('kelly', '2026-11-18T16:00:00Z');
    const second = await loads.get();

    // Assess
    expect(queries()).toBe(1);
    expect(first.get('tomas')?.open).toBe(1);
    expect(second.get('tomas')).toEqual({ open: 2, lastAssignedAt: '2026-11-18T16:00:00Z' });
    expect(second.get('kelly')?.open).toBe(1);
  });

  it('reads again once the TTL has passed', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-18T16:00:00Z');
    const { store, queries } = storeWith([]);
    const loads = new OwnerLoads(store, clock, 5);
    await loads.get();

    // Act
    clock.advance(5);
    await loads.get();

    // Assess
    expect(queries()).toBe(2);
  });
});
