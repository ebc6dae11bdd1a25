/**
 * What every `TokenStore` promises, run against the in-memory fake and the DynamoDB adapter alike.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError } from '../../shared/errors';
import { hashToken, newLinkToken } from '../../shared/link-tokens';
import type { LinkTokenRecord, TokenStore } from '../../shared/ports';

/** A handoff link's record under the hash of a new token. */
export const tokenRecord = (overrides: Partial<LinkTokenRecord> = {}): LinkTokenRecord => ({
  tokenHash: hashToken(newLinkToken()),
  leadId: '01JNQ8Z3K4M5N6P7Q8R9S0T1V2',
  seq: 2,
  recipientId: 'dana',
  createdAt: '2026-03-02T15:00:00.000Z',
  expiresAt: '2026-03-03T15:00:00.000Z',
  ...overrides,
});

/** Registers the `TokenStore` contract; `makeStore` returns a new, empty store for each test. */
export const describeTokenStoreContract = (name: string, makeStore: () => Promise<TokenStore>): void => {
  describe(`TokenStore contract: ${name}`, () => {
    let store: TokenStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('reads back the record it stored', async () => {
      // Prepare
      const record = tokenRecord();

      // Act
      await store.put(record);
      const read = await store.get(record.tokenHash);

      // Assess
      expect(read).toStrictEqual(record);
    });

    it('keeps the purpose of a review link', async () => {
      // Prepare
      const record = tokenRecord({ purpose: 'review', recipientId: 'olivia' });

      // Act
      await store.put(record);

      // Assess
      expect(await store.get(record.tokenHash)).toStrictEqual(record);
    });

    it('finds nothing for an unknown hash', async () => {
      // Prepare
      await store.put(tokenRecord());

      // Act
      const read = await store.get(hashToken(newLinkToken()));

      // Assess
      expect(read).toBeUndefined();
    });

    it('never overwrites a record with the same hash', async () => {
      // Prepare
      const original = tokenRecord();
      await store.put(original);

      // Act
      const replay = store.put({ ...original, leadId: 'OTHERLEAD', recipientId: 'mallory' });

      // Assess
      await expect(replay).rejects.toBeInstanceOf(AlreadyExistsError);
      expect(await store.get(original.tokenHash)).toStrictEqual(original);
    });

    it('lets exactly one of several concurrent puts of the same hash win', async () => {
      // Prepare
      const tokenHash = hashToken(newLinkToken());
      const contenders = ['dana', 'marco', 'jules', 'irene'].map((recipientId) =>
        tokenRecord({ tokenHash, recipientId }),
      );

      // Act
      const results = await Promise.allSettled(contenders.map((record) => store.put(record)));

      // Assess
      const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
      expect(winners).toHaveLength(1);
      expect(
        results.filter((r) => r.status === 'rejected' && r.reason instanceof AlreadyExistsError),
      ).toHaveLength(3);
      expect((await store.get(tokenHash))?.recipientId).toBe(contenders[winners[0] ?? 0]?.recipientId);
    });
  });
};
