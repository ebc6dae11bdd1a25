/**
 * Who is away in every config load (docs/product-rules.md §12): merged from the availability store,
 * read at most once per cache period, re-read at once after a write, and never in the way of routing.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/manual-clock';
import { awayAwareConfig, CachedAvailability } from '../../../shared/app/away-aware-config';
import type { AwayEntry } from '../../../shared/domain/config';
import { TransientError } from '../../../shared/errors';
import type { AvailabilityStore } from '../../../shared/ports';
import { InMemoryAvailability, staticConfig } from '../../support/fakes';

const NOW = '2026-11-18T16:00:00.000Z';
const entry: AwayEntry = {
  until: '2026-11-18T18:00:00.000Z',
  setAt: NOW,
  setBy: { id: 'tomas', name: 'Tomás Vega' },
  via: 'sms',
};

describe('awayAwareConfig and CachedAvailability', () => {
  it('adds who is away to the config, and nothing when nobody is', async () => {
    // Prepare
    const store = new InMemoryAvailability();
    const config = awayAwareConfig(staticConfig(), store);
    const before = await config.load();

    // Act
    await store.setAway('tomas', entry);
    const after = await config.load();

    // Assess
    expect(before.away).toBeUndefined();
    expect(after.away).toEqual({ tomas: entry });
    expect(after.roster).toEqual(before.roster);
  });

  it('reads once per cache period, and afresh after a write through it', async () => {
    // Prepare
    const clock = new ManualClock(NOW);
    const store = new InMemoryAvailability();
    const cached = new CachedAvailability(store, clock, 10);
    const config = awayAwareConfig(staticConfig(), cached);

    // Act
    await config.load();
    await config.load();
    const readsWithinPeriod = store.reads;
    await cached.setAway('tomas', entry);
    const afterWrite = await config.load();
    clock.advance(10);
    await config.load();

    // Assess
    expect(readsWithinPeriod).toBe(1);
    expect(afterWrite.away).toEqual({ tomas: entry });
    expect(store.reads).toBe(3);
  });

  it('routes as if nobody were away when the store cannot be read, and tries again next time', async () => {
    // Prepare
    let failing = true;
    const store = new InMemoryAvailability();
    await store.setAway('tomas', entry);
    const flaky: AvailabilityStore = {
      read: () => (failing ? Promise.reject(new TransientError('throttled')) : store.read()),
      setAway: (id, value) => store.setAway(id, value),
      clearAway: (id) => store.clearAway(id),
    };
    const config = awayAwareConfig(staticConfig(), new CachedAvailability(flaky, new ManualClock(NOW), 10));

    // Act
    const during = await config.load();
    failing = false;
    const after = await config.load();

    // Assess
    expect(during.away).toBeUndefined();
    expect(after.away).toEqual({ tomas: entry });
  });
});
