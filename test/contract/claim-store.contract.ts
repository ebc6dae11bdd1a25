/**
 * What every `ClaimStore` promises, run against the in-memory fake and the DynamoDB adapter alike.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore } from '../../shared/ports';

const NOW = new Date('2026-11-18T16:00:00.000Z');

/** Registers the `ClaimStore` contract; `makeStore` returns a new, empty store for each test. */
export const describeClaimStoreContract = (name: string, makeStore: () => Promise<ClaimStore>): void => {
  describe(`ClaimStore contract: ${name}`, () => {
    let store: ClaimStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('gives a claim to the first caller only', async () => {
      // Act
      const first = await store.claim('digest#2026-11-18', NOW, 7);
      const second = await store.claim('digest#2026-11-18', new Date(NOW.getTime() + 60_000), 7);

      // Assess
      expect(first).toBe(true);
      expect(second).toBe(false);
    });

    it('keeps claims of different keys apart', async () => {
      // Prepare
      await store.claim('digest#2026-11-18', NOW, 7);

      // Act
      const other = await store.claim('digest#2026-11-19', NOW, 7);

      // Assess
      expect(other).toBe(true);
    });

    it('lets a released claim be taken again, once', async () => {
      // Prepare
      await store.claim('weekly#2026-W47', NOW, 7);

      // Act
      await store.release('weekly#2026-W47');

      // Assess
      expect(await store.claim('weekly#2026-W47', NOW, 7)).toBe(true);
      expect(await store.claim('weekly#2026-W47', NOW, 7)).toBe(false);
    });

    it('releases a key nobody claimed without error', async () => {
      // Act
      const release = store.release('never-claimed');

      // Assess
      await expect(release).resolves.toBeUndefined();
      expect(await store.claim('never-claimed', NOW, 7)).toBe(true);
    });

    it('lets exactly one of several concurrent claims win', async () => {
      // Act
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.claim('digest#2026-11-20', NOW, 7)));

      // Assess
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
};
