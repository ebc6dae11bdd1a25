/**
 * What every `SessionStore` promises (board sign-in links, sessions, request counters), run against the
 * in-memory fake and the DynamoDB adapter alike.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError } from '../../shared/errors';
import { hashToken, newLinkToken } from '../../shared/link-tokens';
import type { SessionRecord, SessionStore, SignInTokenRecord } from '../../shared/ports';

const NOW = new Date('2026-11-18T16:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const signInRecord = (overrides: Partial<SignInTokenRecord> = {}): SignInTokenRecord => ({
  tokenHash: hashToken(newLinkToken()),
  personId: 'priya',
  createdAt: NOW.toISOString(),
  expiresAt: later(15).toISOString(),
  ...overrides,
});

const sessionRecord = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  idHash: hashToken(newLinkToken()),
  personId: 'priya',
  csrfToken: newLinkToken(),
  createdAt: NOW.toISOString(),
  expiresAt: later(12 * 60).toISOString(),
  ...overrides,
});

/** Registers the `SessionStore` contract; `makeStore` returns a new, empty store for each test. */
export const describeSessionStoreContract = (name: string, makeStore: () => Promise<SessionStore>): void => {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('lets a sign-in link be used once, before it expires', async () => {
      // Prepare
      const record = signInRecord();
      await store.putSignInToken(record);

      // Act
      const peeked = await store.peekSignInToken(record.tokenHash, later(1));
      const first = await store.consumeSignInToken(record.tokenHash, later(2));
      const second = await store.consumeSignInToken(record.tokenHash, later(3));

      // Assess
      expect(peeked).toStrictEqual(record);
      expect(first).toStrictEqual(record);
      expect(second).toBeUndefined();
      expect(await store.peekSignInToken(record.tokenHash, later(3))).toBeUndefined();
    });

    it('refuses an expired or unknown sign-in link', async () => {
      // Prepare
      const record = signInRecord();
      await store.putSignInToken(record);

      // Act
      const expired = await store.consumeSignInToken(record.tokenHash, later(15));
      const unknown = await store.consumeSignInToken(hashToken(newLinkToken()), later(1));

      // Assess
      expect(expired).toBeUndefined();
      expect(unknown).toBeUndefined();
    });

    it('never overwrites a sign-in link or a session', async () => {
      // Prepare
      const link = signInRecord();
      const session = sessionRecord();
      await store.putSignInToken(link);
      await store.putSession(session);

      // Act / Assess
      await expect(store.putSignInToken({ ...link, personId: 'tomas' })).rejects.toBeInstanceOf(
        AlreadyExistsError,
      );
      await expect(store.putSession({ ...session, personId: 'tomas' })).rejects.toBeInstanceOf(
        AlreadyExistsError,
      );
      expect((await store.getSession(session.idHash, NOW))?.personId).toBe('priya');
    });

    it('reads a session back until it ends, and not after it is deleted', async () => {
      // Prepare
      const session = sessionRecord();
      const other = sessionRecord();
      await store.putSession(session);
      await store.putSession(other);

      // Act
      const during = await store.getSession(session.idHash, later(60));
      const after = await store.getSession(session.idHash, later(12 * 60));
      await store.deleteSession(other.idHash);
      await store.deleteSession(other.idHash);

      // Assess
      expect(during).toStrictEqual(session);
      expect(after).toBeUndefined();
      expect(await store.getSession(other.idHash, NOW)).toBeUndefined();
    });

    it('counts requests per key and window, up to the limit', async () => {
      // Prepare
      const results: boolean[] = [];

      // Act
      for (let i = 0; i < 4; i += 1) results.push(await store.countRequest('person:priya', later(1), 15, 3));
      const otherKey = await store.countRequest('person:tomas', later(1), 15, 3);
      const nextWindow = await store.countRequest('person:priya', later(16), 15, 3);

      // Assess
      expect(results).toEqual([true, true, true, false]);
      expect(otherKey).toBe(true);
      expect(nextWindow).toBe(true);
    });
  });
};
