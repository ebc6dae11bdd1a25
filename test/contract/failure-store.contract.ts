/**
 * What every `FailureStore` promises, run against the in-memory fake and the DynamoDB adapter alike.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type FailedHandoff, type FailureReport, failureId } from '../../shared/domain/failures';
import { ValidationError } from '../../shared/errors';
import type { FailureStore } from '../../shared/ports';

const LEAD = '01JNQ8Z3K4M5N6P7Q8R9S0T1V2';

/** A notification that could not be delivered to `recipientId` (one record per lead, step and recipient). */
const report = (
  overrides: { leadId?: string; seq?: number; recipientId?: string; attempts?: number } = {},
) => {
  const leadId = overrides.leadId ?? LEAD;
  const seq = overrides.seq ?? 1;
  const recipientId = overrides.recipientId ?? 'marco';
  return {
    leadId,
    seq,
    kind: 'notification',
    what: `SMS to Marco Silva (on call) about step ${seq}`,
    reason: 'opted_out',
    attempts: overrides.attempts ?? 1,
    retry: { type: 'notify', leadId, seq, recipientId, channel: 'sms', purpose: 'handoff' },
  } satisfies FailureReport;
};

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 18, 16, minute, 0));

/** A cursor that looks like one of ours (it names the failed-handoff partition) but is not a real key. */
const forgedCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * Registers the `FailureStore` contract. `makeStore` returns a new, empty store for each test, so
 * listing sees every open record the test wrote and nothing else.
 */
export const describeFailureStoreContract = (name: string, makeStore: () => Promise<FailureStore>): void => {
  describe(`FailureStore contract: ${name}`, () => {
    let store: FailureStore;

    /** Every open record, page by page (`limit` per page), in the order the store lists them. */
    const listAll = async (limit: number): Promise<{ pages: number; items: FailedHandoff[] }> => {
      const items: FailedHandoff[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listOpen({ limit, ...(cursor ? { cursor } : {}) });
        pages += 1;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        items.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== undefined && pages < 50);
      return { pages, items };
    };

    beforeEach(async () => {
      store = await makeStore();
    });

    describe('record', () => {
      it('creates an open record under its deterministic id', async () => {
        // Prepare
        const first = report({ attempts: 3 });

        // Act
        const result = await store.record(first, at(0));

        // Assess
        expect(result.created).toBe(true);
        expect(await store.get(failureId(first))).toEqual({
          id: `${LEAD}.1.notification.marco.sms.handoff`,
          leadId: LEAD,
          seq: 1,
          kind: 'notification',
          what: first.what,
          reason: 'opted_out',
          attempts: 3,
          firstSeenAt: at(0).toISOString(),
          lastSeenAt: at(0).toISOString(),
          status: 'open',
          retry: first.retry,
        });
      });

      it('merges a second report of the same failure: attempts add up, firstSeenAt stays, lastSeenAt moves', async () => {
        // Prepare
        await store.record(report({ attempts: 2 }), at(0));

        // Act
        const second = await store.record(report({ attempts: 5 }), at(7));

        // Assess
        expect(second.created).toBe(false);
        expect(await store.get(failureId(report()))).toMatchObject({
          attempts: 7,
          firstSeenAt: at(0).toISOString(),
          lastSeenAt: at(7).toISOString(),
          status: 'open',
        });
      });

      it('returns the record as it now stands', async () => {
        // Prepare
        await store.record(report({ attempts: 2 }), at(0));

        // Act
        const result = await store.record(report({ attempts: 1 }), at(3));

        // Assess
        expect(result.failure).toEqual(await store.get(failureId(report())));
        expect(result.failure).toMatchObject({ attempts: 3, firstSeenAt: at(0).toISOString() });
      });

      it('keeps reports of different recipients apart', async () => {
        // Prepare
        await store.record(report({ recipientId: 'marco' }), at(0));

        // Act
        const other = await store.record(report({ recipientId: 'jules' }), at(1));

        // Assess
        expect(other.created).toBe(true);
        expect((await store.get(failureId(report({ recipientId: 'marco' }))))?.attempts).toBe(1);
        expect((await store.get(failureId(report({ recipientId: 'jules' }))))?.attempts).toBe(1);
      });

      it('reopens a resolved record when the failure is seen again, keeping its history of attempts', async () => {
        // Prepare
        const id = failureId(report());
        await store.record(report({ attempts: 2 }), at(0));
        await store.resolve(id, 'retried', at(3));

        // Act
        const again = await store.record(report({ attempts: 1 }), at(9));

        // Assess: reported as new again, so the lead's timeline and open list show it
        expect(again.created).toBe(true);
        const stored = await store.get(id);
        expect(stored).toMatchObject({
          status: 'open',
          attempts: 3,
          firstSeenAt: at(0).toISOString(),
          lastSeenAt: at(9).toISOString(),
        });
        expect(stored?.resolvedAt).toBeUndefined();
        expect(stored?.resolution).toBeUndefined();
        expect((await store.listOpen()).items.map((f) => f.id)).toEqual([id]);
      });

      it('adds up 20 concurrent reports of the same failure exactly, and creates the record once', async () => {
        // Prepare
        const reports = Array.from({ length: 20 }, () => report({ attempts: 1 }));

        // Act
        const results = await Promise.all(reports.map((r, n) => store.record(r, at(n))));

        // Assess
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect((await store.get(failureId(report())))?.attempts).toBe(20);
        expect((await store.listOpen()).items).toHaveLength(1);
      });
    });

    describe('listOpen', () => {
      it('lists only open records, most recently seen first', async () => {
        // Prepare
        for (const [minute, seq] of [
          [0, 1],
          [5, 2],
          [2, 3],
          [9, 4],
        ] as const) {
          await store.record(report({ seq }), at(minute));
        }
        await store.resolve(failureId(report({ seq: 4 })), 'retried', at(10));

        // Act
        const page = await store.listOpen();

        // Assess
        expect(page.items.map((f) => f.seq)).toEqual([2, 3, 1]);
        expect(page.items.every((f) => f.status === 'open')).toBe(true);
        expect(page.cursor).toBeUndefined();
      });

      it('orders by the last time a record was seen, so a failure seen again moves to the top', async () => {
        // Prepare
        await store.record(report({ seq: 1 }), at(0));
        await store.record(report({ seq: 2 }), at(1));

        // Act
        await store.record(report({ seq: 1 }), at(2));

        // Assess
        expect((await store.listOpen()).items.map((f) => f.seq)).toEqual([1, 2]);
      });

      it('pages through every open record with the cursor, each exactly once and in order', async () => {
        // Prepare
        for (let seq = 1; seq <= 7; seq += 1) await store.record(report({ seq }), at(seq));
        await store.resolve(failureId(report({ seq: 3 })), 'no longer needed', at(20));

        // Act
        const { pages, items } = await listAll(2);

        // Assess
        expect(items.map((f) => f.seq)).toEqual([7, 6, 5, 4, 2, 1]);
        expect(pages).toBeGreaterThanOrEqual(3);
      });

      it('answers an empty table with an empty page and no cursor', async () => {
        // Act
        const page = await store.listOpen();

        // Assess
        expect(page).toEqual({ items: [] });
      });

      it.each([
        ['plain text', 'garbage'],
        ['not base64url JSON', '!!!***'],
        ['JSON that is not an object', Buffer.from('42').toString('base64url')],
        [
          'a key of another partition',
          forgedCursor({ PK: 'LEAD#X', SK: 'LEAD', gsi2pk: 'OPEN', gsi2sk: 'x' }),
        ],
        ['our partition but no sort key', forgedCursor({ gsi2pk: 'FAILED' })],
        [
          'our shape with an empty sort key',
          forgedCursor({ PK: `FAILURE#${LEAD}.1.timer`, SK: 'FAILURE', gsi2pk: 'FAILED', gsi2sk: '' }),
        ],
        [
          'our shape with a key over 2,048 bytes',
          forgedCursor({ PK: `FAILURE#${'x'.repeat(2100)}`, SK: 'FAILURE', gsi2pk: 'FAILED', gsi2sk: 'a' }),
        ],
        ['an overlong cursor', 'A'.repeat(5000)],
        [
          'our partition with keys of the wrong type',
          forgedCursor({ gsi2pk: 'FAILED', gsi2sk: 5, PK: {}, SK: [] }),
        ],
      ])('refuses a garbage cursor (%s) with a ValidationError', async (_name, cursor) => {
        // Prepare
        await store.record(report(), at(0));

        // Act
        const listing = store.listOpen({ cursor });

        // Assess
        await expect(listing).rejects.toBeInstanceOf(ValidationError);
      });

      it.each([0, 101, 2.5, -1])('refuses a page size of %s with a ValidationError', async (limit) => {
        // Act
        const listing = store.listOpen({ limit });

        // Assess
        await expect(listing).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe('resolve', () => {
      it('closes the record and takes it off the open list', async () => {
        // Prepare
        const id = failureId(report());
        await store.record(report(), at(0));

        // Act
        const closed = await store.resolve(id, 'retried', at(4));

        // Assess
        expect(closed).toBe(true);
        expect(await store.get(id)).toMatchObject({
          status: 'resolved',
          resolvedAt: at(4).toISOString(),
          resolution: 'retried',
        });
        expect((await store.listOpen()).items).toEqual([]);
      });

      it('is a no-op the second time: false, and the first resolution stays', async () => {
        // Prepare
        const id = failureId(report());
        await store.record(report(), at(0));
        await store.resolve(id, 'retried', at(4));

        // Act
        const again = await store.resolve(id, 'repaired by the reconciler', at(8));

        // Assess
        expect(again).toBe(false);
        expect(await store.get(id)).toMatchObject({ resolvedAt: at(4).toISOString(), resolution: 'retried' });
      });

      it('answers false for a record that does not exist, and writes nothing', async () => {
        // Prepare
        const id = failureId(report({ seq: 42 }));

        // Act
        const closed = await store.resolve(id, 'retried', at(0));

        // Assess
        expect(closed).toBe(false);
        expect(await store.get(id)).toBeUndefined();
      });

      it('lets exactly one of several concurrent resolutions close the record', async () => {
        // Prepare
        const id = failureId(report());
        await store.record(report(), at(0));

        // Act
        const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.resolve(id, `by ${n}`, at(n))));

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.get(id))?.status).toBe('resolved');
      });
    });
  });
};
