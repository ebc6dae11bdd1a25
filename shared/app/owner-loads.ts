/**
 * Open handoffs per person (capacity, round-robin) for intake's hot path. Reading every open lead for
 * each submission costs a query that grows with the backlog, so intake keeps the loads for a few
 * seconds and counts its own assignments into them (write-through). Other instances' assignments show
 * up when the cache expires: during a burst, capacity is a soft limit by a few leads, and round-robin
 * stays fair within an instance.
 */
import type { OwnerLoad } from '../domain/routing';
import type { Clock, LeadStore } from '../ports';
import { currentLoads } from './lead-writes';

export const OWNER_LOADS_TTL_SECONDS = 5;

export class OwnerLoads {
  private cached: { at: number; loads: Map<string, OwnerLoad> } | undefined;

  constructor(
    private readonly store: LeadStore,
    private readonly clock: Clock,
    private readonly ttlSeconds = OWNER_LOADS_TTL_SECONDS,
  ) {}

  async get(): Promise<ReadonlyMap<string, OwnerLoad>> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at >= this.ttlSeconds * 1000 || now < this.cached.at) {
      this.cached = { at: now, loads: await currentLoads(this.store) };
    }
    return new Map(this.cached.loads);
  }

  /** Counts an assignment this instance just made. */
  assigned(personId: string, at: string): void {
    const loads = this.cached?.loads;
    if (!loads) return;
    const load = loads.get(personId) ?? { open: 0 };
    loads.set(personId, { open: load.open + 1, lastAssignedAt: at });
  }
}
