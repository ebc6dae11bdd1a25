/**
 * What every `LeadStore` promises about phone markers (`claimPhone`, `takeOverPhone`), run against the
 * in-memory fake and the DynamoDB adapter alike: one marker per phone, conditional writes that let
 * exactly one of many racing writers win, and an expired marker that no longer counts even while it is
 * still stored (DynamoDB's TTL deletes items late).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeadStore, PhoneClaim, PhoneMarker } from '../../shared/ports';
import { at, makeLead, uniquePhone } from './lead-fixtures';

const NOW = new Date(at(0));

/** A marker for `phone` pointing at `leadId`, counting until `at(expiresInMinutes)`. */
const marker = (phone: string, leadId: string, expiresInMinutes = 24 * 60): PhoneMarker => ({
  phone,
  leadId,
  expiresAt: at(expiresInMinutes),
});

/** The marker that counts for `phone` at `now`, read by a claim that must lose (it would otherwise hold). */
const holderOf = async (store: LeadStore, phone: string, now = NOW): Promise<PhoneMarker | undefined> => {
  const probe = await store.claimPhone(marker(phone, 'probe', 1), now);
  return probe.claimed ? undefined : probe.holder;
};

const winners = (results: readonly PromiseSettledResult<PhoneClaim>[]): number =>
  results.filter((result) => result.status === 'fulfilled' && result.value.claimed).length;

/** Registers the phone-marker part of the `LeadStore` contract; `makeStore` returns a new, empty store. */
export const describePhoneMarkerContract = (name: string, makeStore: () => Promise<LeadStore>): void => {
  describe(`LeadStore phone markers: ${name}`, () => {
    let store: LeadStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    describe('claimPhone', () => {
      it('claims a phone that has no marker', async () => {
        // Prepare
        const phone = uniquePhone();

        // Act
        const claim = await store.claimPhone(marker(phone, 'lead-a'), NOW);

        // Assess
        expect(claim).toEqual({ claimed: true });
        expect(await holderOf(store, phone)).toEqual(marker(phone, 'lead-a'));
      });

      it('refuses a second claim while the first counts, answers with it, and keeps it', async () => {
        // Prepare
        const phone = uniquePhone();
        await store.claimPhone(marker(phone, 'lead-a'), NOW);

        // Act
        const second = await store.claimPhone(marker(phone, 'lead-b', 48 * 60), new Date(at(60)));

        // Assess
        expect(second).toEqual({ claimed: false, holder: marker(phone, 'lead-a') });
        expect(await holderOf(store, phone)).toEqual(marker(phone, 'lead-a'));
      });

      it('keeps phones apart', async () => {
        // Prepare
        const [first, second] = [uniquePhone(), uniquePhone()];
        await store.claimPhone(marker(first, 'lead-a'), NOW);

        // Act
        const claim = await store.claimPhone(marker(second, 'lead-b'), NOW);

        // Assess
        expect(claim).toEqual({ claimed: true });
        expect(await holderOf(store, first)).toEqual(marker(first, 'lead-a'));
      });

      it.each([
        ['at the end of its window', 60],
        ['after its window', 61],
      ])('takes a marker that is still stored but expired %s', async (_name, minutes) => {
        // Prepare
        const phone = uniquePhone();
        await store.claimPhone(marker(phone, 'lead-a', 60), NOW);

        // Act
        const claim = await store.claimPhone(marker(phone, 'lead-b', 24 * 60), new Date(at(minutes)));

        // Assess
        expect(claim).toEqual({ claimed: true });
        expect(await holderOf(store, phone, new Date(at(minutes)))).toEqual(marker(phone, 'lead-b'));
      });

      it('lets exactly one of 20 concurrent claims of one phone win; the others see the winner', async () => {
        // Prepare
        const phone = uniquePhone();

        // Act
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, index) => store.claimPhone(marker(phone, `lead-${index}`), NOW)),
        );

        // Assess
        expect(winners(results)).toBe(1);
        const held = await holderOf(store, phone);
        const winner = results.findIndex((result) => result.status === 'fulfilled' && result.value.claimed);
        expect(held?.leadId).toBe(`lead-${winner}`);
        for (const result of results) {
          expect(result.status).toBe('fulfilled');
          if (result.status === 'fulfilled' && !result.value.claimed)
            expect(result.value.holder).toEqual(held);
        }
      });
    });

    describe('takeOverPhone', () => {
      it('replaces the marker it read', async () => {
        // Prepare
        const phone = uniquePhone();
        const old = marker(phone, 'closed-lead');
        await store.claimPhone(old, NOW);

        // Act
        const claim = await store.takeOverPhone(marker(phone, 'new-lead', 25 * 60), old, new Date(at(60)));

        // Assess
        expect(claim).toEqual({ claimed: true });
        expect(await holderOf(store, phone)).toEqual(marker(phone, 'new-lead', 25 * 60));
      });

      it('refuses when the marker changed since it was read, and answers with the one that counts', async () => {
        // Prepare
        const phone = uniquePhone();
        const old = marker(phone, 'closed-lead');
        await store.claimPhone(old, NOW);
        await store.takeOverPhone(marker(phone, 'lead-a', 25 * 60), old, NOW);

        // Act
        const late = await store.takeOverPhone(marker(phone, 'lead-b', 25 * 60), old, NOW);

        // Assess
        expect(late).toEqual({ claimed: false, holder: marker(phone, 'lead-a', 25 * 60) });
        expect(await holderOf(store, phone)).toEqual(marker(phone, 'lead-a', 25 * 60));
      });

      it('claims the phone when the marker it read is gone or has expired since', async () => {
        // Prepare
        const [gone, expired] = [uniquePhone(), uniquePhone()];
        await store.claimPhone(marker(expired, 'lead-x', 10), NOW);
        const later = new Date(at(30));

        // Act
        const fromNothing = await store.takeOverPhone(
          marker(gone, 'lead-a'),
          marker(gone, 'was-here'),
          later,
        );
        const fromExpired = await store.takeOverPhone(
          marker(expired, 'lead-b'),
          marker(expired, 'someone-else'),
          later,
        );

        // Assess
        expect([fromNothing, fromExpired]).toEqual([{ claimed: true }, { claimed: true }]);
        expect(await holderOf(store, gone, later)).toEqual(marker(gone, 'lead-a'));
        expect(await holderOf(store, expired, later)).toEqual(marker(expired, 'lead-b'));
      });

      it('lets exactly one of 20 concurrent take-overs of one marker win', async () => {
        // Prepare
        const phone = uniquePhone();
        const old = marker(phone, 'closed-lead');
        await store.claimPhone(old, NOW);

        // Act
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, index) =>
            store.takeOverPhone(marker(phone, `lead-${index}`), old, NOW),
          ),
        );

        // Assess
        expect(winners(results)).toBe(1);
        expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
        expect((await holderOf(store, phone))?.leadId).not.toBe('closed-lead');
      });
    });

    it('is not a lead: lead reads and lists never show a marker', async () => {
      // Prepare
      const lead = makeLead();
      const phone = lead.phone ?? uniquePhone();
      await store.create(lead);

      // Act
      await store.claimPhone(marker(phone, lead.id), NOW);

      // Assess
      expect(await store.findByPhoneSince(phone, at(-60))).toEqual([
        { leadId: lead.id, status: lead.status, createdAt: lead.createdAt },
      ]);
      expect((await store.listOpen()).items.map((ref) => ref.leadId)).toEqual([lead.id]);
      expect((await store.listCreated(at(-60), at(60))).map((ref) => ref.leadId)).toEqual([lead.id]);
      expect(await store.get(lead.id)).toStrictEqual(lead);
    });
  });
};
