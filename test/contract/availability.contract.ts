/**
 * What every `AvailabilityStore` promises (docs/product-rules.md §12), run against the in-memory fake
 * and the DynamoDB adapter alike: one read gives everyone's away, each person is set and cleared alone.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwayEntry } from '../../shared/domain/config';
import type { AvailabilityStore } from '../../shared/ports';

const entry = (until: string, via: AwayEntry['via'] = 'sms'): AwayEntry => ({
  until,
  setAt: '2026-11-18T16:00:00.000Z',
  setBy: { id: 'priya', name: 'Priya Raman' },
  via,
});

/** Registers the `AvailabilityStore` contract; `makeStore` returns a new, empty store for each test. */
export const describeAvailabilityContract = (
  name: string,
  makeStore: () => Promise<AvailabilityStore>,
): void => {
  describe(`AvailabilityStore contract: ${name}`, () => {
    let store: AvailabilityStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('reads nobody away before anyone was set away', async () => {
      // Act
      const away = await store.read();

      // Assess
      expect(away).toEqual({});
    });

    it('keeps each person’s away apart, replaces one when set again, and clears one alone', async () => {
      // Prepare
      await store.setAway('tomas', entry('2026-11-18T18:00:00.000Z'));
      await store.setAway('marco', entry('2026-11-18T20:00:00.000Z', 'board'));

      // Act
      await store.setAway('tomas', entry('2026-11-18T19:00:00.000Z'));
      await store.clearAway('marco');
      await store.clearAway('nobody-away');

      // Assess
      expect(await store.read()).toEqual({ tomas: entry('2026-11-18T19:00:00.000Z') });
    });

    it('loses nobody when several people are set away at once', async () => {
      // Act
      await Promise.all(
        ['irene', 'dana', 'marco', 'jules', 'tomas'].map((id) =>
          store.setAway(id, entry('2026-11-18T18:00:00.000Z')),
        ),
      );

      // Assess
      expect(Object.keys(await store.read()).sort()).toEqual(['dana', 'irene', 'jules', 'marco', 'tomas']);
    });
  });
};
