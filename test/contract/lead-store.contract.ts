/**
 * What every `LeadStore` promises, run against the in-memory fake and the DynamoDB adapter alike, so the
 * fake the unit tests use cannot drift from the store the functions use.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type Lead, NO_DUE_AT } from '../../shared/domain/lead';
import { AlreadyExistsError, ConflictError, ValidationError } from '../../shared/errors';
import type { LeadStore, OpenLeadRef } from '../../shared/ports';
import { accepted, at, followUp, handoffFor, makeLead, next, uniquePhone } from './lead-fixtures';

/** Every open lead, following the cursor `limit` at a time. */
const listAllOpen = async (store: LeadStore, options: { dueBefore?: string; limit?: number } = {}) => {
  const refs: OpenLeadRef[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listOpen({ limit: 2, ...options, cursor });
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(options.limit ?? 2);
    refs.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && pages < 100);
  return refs;
};

/** The `open` index's order: due time, then lead id. */
const byDueThenId = (dueAt: (lead: Lead) => string) => (a: Lead, b: Lead) =>
  `${dueAt(a)}#${a.id}`.localeCompare(`${dueAt(b)}#${b.id}`);

const createAll = async (store: LeadStore, leads: readonly Lead[]): Promise<void> => {
  for (const lead of leads) await store.create(lead);
};

/**
 * Registers the `LeadStore` contract. `makeStore` returns a new, empty store for each test (for
 * DynamoDB: a new table), so list assertions see exactly what the test wrote.
 */
export const describeLeadStoreContract = (name: string, makeStore: () => Promise<LeadStore>): void => {
  describe(`LeadStore contract: ${name}`, () => {
    let store: LeadStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    describe('create and get', () => {
      it('returns exactly the lead that was created', async () => {
        // Prepare
        const lead = makeLead();

        // Act
        await store.create(lead);
        const stored = await store.get(lead.id);

        // Assess
        expect(stored).toStrictEqual(lead);
      });

      it('returns undefined for an unknown id', async () => {
        // Act
        const stored = await store.get('no-such-lead');

        // Assess
        expect(stored).toBeUndefined();
      });

      it('refuses a second create with the same id and keeps the first lead', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);

        // Act
        const second = store.create({ ...lead, fullName: 'Someone Else' });

        // Assess
        await expect(second).rejects.toBeInstanceOf(AlreadyExistsError);
        expect(await store.get(lead.id)).toStrictEqual(lead);
      });

      it('stores plain data: a field set to undefined is not stored at all', async () => {
        // Prepare
        const event = {
          at: at(0),
          type: 'lead_completed',
          actor: { kind: 'system', id: undefined },
          summary: 'x',
        } as const;
        const lead = makeLead({ email: undefined, timeline: [event] });

        // Act
        await store.create(lead);

        // Assess
        const stored = await store.get(lead.id);
        expect(stored).not.toHaveProperty('email');
        expect(stored?.timeline).toStrictEqual([
          { at: at(0), type: 'lead_completed', actor: { kind: 'system' }, summary: 'x' },
        ]);
      });

      it('keeps what it stored apart from the objects passed in and handed out', async () => {
        // Prepare
        const lead = makeLead();
        const original = structuredClone(lead);
        await store.create(lead);

        // Act
        lead.notes = 'changed by the caller after create';
        const read = await store.get(lead.id);
        if (read)
          read.timeline.push({ at: at(5), type: 'lead_completed', actor: { kind: 'system' }, summary: 'x' });

        // Assess
        expect(await store.get(lead.id)).toStrictEqual(original);
      });
    });

    describe('replace', () => {
      it('stores the new state when the stored version is the expected one', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);
        const changed = accepted(lead, at(120));

        // Act
        await store.replace(changed, lead.version);

        // Assess
        expect(await store.get(lead.id)).toStrictEqual(changed);
      });

      it('refuses a stale version with ConflictError and changes nothing', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);
        const current = accepted(lead, at(120));
        await store.replace(current, lead.version);
        const staleChange = next(lead, { notes: 'written from a stale read' });

        // Act
        const result = store.replace(staleChange, lead.version);

        // Assess
        await expect(result).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(lead.id)).toStrictEqual(current);
      });

      it('refuses a new state whose version is not the expected one plus one', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);
        const skipped = { ...next(lead), version: lead.version + 2 };

        // Act
        const result = store.replace(skipped, lead.version);

        // Assess
        await expect(result).rejects.toThrow(/version 2, not 3/);
        expect(await store.get(lead.id)).toStrictEqual(lead);
      });

      it('refuses to replace a lead that does not exist, and does not create it', async () => {
        // Prepare
        const lead = makeLead({ version: 2 });

        // Act
        const result = store.replace(lead, 1);

        // Assess
        await expect(result).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(lead.id)).toBeUndefined();
      });

      it('lets exactly one of 20 concurrent replaces from the same version win', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);
        const contenders = Array.from({ length: 20 }, (_, index) => next(lead, { notes: `writer ${index}` }));

        // Act
        const results = await Promise.allSettled(
          contenders.map((change) => store.replace(change, lead.version)),
        );

        // Assess
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        const losers = results.filter(
          (result) => result.status === 'rejected' && result.reason instanceof ConflictError,
        );
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(19);
        const stored = await store.get(lead.id);
        expect(stored?.version).toBe(lead.version + 1);
        expect(stored?.notes).toBe(`writer ${winners[0]}`);
      });
    });

    describe('findByPhoneSince', () => {
      it("returns only that phone's leads created in the window, newest first", async () => {
        // Prepare
        const phone = uniquePhone();
        const tooOld = makeLead({ phone, createdAt: at(-30 * 60) });
        const older = makeLead({ phone, createdAt: at(-10 * 60) });
        const newest = makeLead({ phone, createdAt: at(-60), status: 'closed', stage: 'closed_lost' });
        const otherPhone = makeLead({ createdAt: at(-120) });
        const noPhone = makeLead({ phone: undefined, createdAt: at(-90) });
        await createAll(store, [tooOld, older, newest, otherPhone, noPhone]);

        // Act
        const found = await store.findByPhoneSince(phone, at(-24 * 60));

        // Assess
        expect(found).toStrictEqual([
          { leadId: newest.id, status: 'closed', createdAt: newest.createdAt },
          { leadId: older.id, status: 'awaiting_acceptance', createdAt: older.createdAt },
        ]);
      });

      it('includes a lead created exactly at the start of the window', async () => {
        // Prepare
        const phone = uniquePhone();
        const lead = makeLead({ phone, createdAt: at(-24 * 60) });
        await store.create(lead);

        // Act
        const found = await store.findByPhoneSince(phone, at(-24 * 60));

        // Assess
        expect(found.map((ref) => ref.leadId)).toEqual([lead.id]);
      });

      it('shows the status the lead has now, after a replace', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);

        // Act
        await store.replace(accepted(lead, at(60)), lead.version);

        // Assess
        expect(await store.findByPhoneSince(lead.phone ?? '', at(-1))).toStrictEqual([
          { leadId: lead.id, status: 'accepted', createdAt: lead.createdAt },
        ]);
      });

      it('finds nothing for a phone no lead has', async () => {
        // Prepare
        await store.create(makeLead());

        // Act
        const found = await store.findByPhoneSince(uniquePhone(), at(-24 * 60));

        // Assess
        expect(found).toEqual([]);
      });
    });

    describe('listOpen', () => {
      it('returns only leads that are not closed, in due order, with their projected fields', async () => {
        // Prepare
        const awaiting = makeLead({ handoff: handoffFor({ acceptBy: at(30), seq: 2, createdAt: at(5) }) });
        const acceptedLater = accepted(makeLead(), at(90));
        const nothingDue = accepted(makeLead());
        const needsInfo = makeLead({
          status: 'needs_info',
          missing: ['serviceAddress'],
          handoff: handoffFor({
            kind: 'needs_info',
            to: { id: 'irene', name: 'Irene Castillo', role: 'intake' },
            acceptBy: at(10),
            ladder: 'needs_info',
          }),
        });
        const closed = makeLead({ status: 'closed', stage: 'closed_won', handoff: undefined });
        await createAll(store, [nothingDue, closed, acceptedLater, awaiting, needsInfo]);

        // Act
        const page = await store.listOpen();

        // Assess
        expect(page.items).toStrictEqual([
          {
            leadId: needsInfo.id,
            status: 'needs_info',
            assigneeId: 'irene',
            assignedAt: at(0),
            dueAt: at(10),
            handoffSeq: 1,
            handoffState: 'awaiting_acceptance',
            dispatch: 'done',
          },
          {
            leadId: awaiting.id,
            status: 'awaiting_acceptance',
            assigneeId: 'dana',
            assignedAt: at(5),
            dueAt: at(30),
            handoffSeq: 2,
            handoffState: 'awaiting_acceptance',
            dispatch: 'done',
          },
          {
            leadId: acceptedLater.id,
            status: 'accepted',
            assigneeId: 'dana',
            assignedAt: at(0),
            dueAt: at(90),
            handoffSeq: 1,
            handoffState: 'accepted',
            dispatch: 'done',
          },
          {
            leadId: nothingDue.id,
            status: 'accepted',
            assigneeId: 'dana',
            assignedAt: at(0),
            dueAt: NO_DUE_AT,
            handoffSeq: 1,
            handoffState: 'accepted',
            dispatch: 'done',
          },
        ]);
        expect(page.cursor).toBeUndefined();
      });

      it('shows an open lead without a handoff with only its status and nothing due', async () => {
        // Prepare
        const lead = makeLead({ status: 'needs_info', missing: ['phone'], handoff: undefined });
        await store.create(lead);

        // Act
        const page = await store.listOpen();

        // Assess
        expect(page.items).toStrictEqual([{ leadId: lead.id, status: 'needs_info', dueAt: NO_DUE_AT }]);
      });

      it('is due at its creation while its dispatch is still pending, so a lost dispatch is found at once', async () => {
        // Prepare
        const lead = makeLead({ handoff: handoffFor({ dispatch: 'pending', createdAt: at(1) }) });
        await store.create(lead);

        // Act
        const page = await store.listOpen({ dueBefore: at(2) });

        // Assess
        expect(page.items).toMatchObject([{ leadId: lead.id, dueAt: at(1), dispatch: 'pending' }]);
      });

      it("shows an accepted lead's next follow-up timer, due at the earliest of action, timer and follow-up date", async () => {
        // Prepare
        const base = accepted(makeLead(), at(300));
        const withFollowUps = {
          ...base,
          followUpAt: at(400),
          followUps: [
            followUp(1, 'logged', at(10), at(20)),
            followUp(2, 'reminded', at(100), at(250)),
            followUp(3, 'scheduled', at(200), at(260)),
          ],
        };
        await store.create(withFollowUps);

        // Act
        const page = await store.listOpen();

        // Assess
        expect(page.items).toStrictEqual([
          {
            leadId: base.id,
            status: 'accepted',
            assigneeId: 'dana',
            assignedAt: at(0),
            dueAt: at(200),
            handoffSeq: 1,
            handoffState: 'accepted',
            dispatch: 'done',
            timerAt: at(200),
          },
        ]);
      });

      it('with dueBefore, returns only leads due strictly before it', async () => {
        // Prepare
        const dueSoon = makeLead({ handoff: handoffFor({ acceptBy: at(5) }) });
        const dueExactly = makeLead({ handoff: handoffFor({ acceptBy: at(15) }) });
        const dueLater = makeLead({ handoff: handoffFor({ acceptBy: at(16) }) });
        const nothingDue = accepted(makeLead());
        await createAll(store, [dueLater, dueExactly, dueSoon, nothingDue]);

        // Act
        const page = await store.listOpen({ dueBefore: at(15) });

        // Assess
        expect(page.items.map((ref) => ref.leadId)).toEqual([dueSoon.id]);
      });

      it('pages through every open lead with the cursor, once each, in due order then id', async () => {
        // Prepare
        const leads = Array.from({ length: 7 }, (_, index) =>
          makeLead({ handoff: handoffFor({ acceptBy: at(10 + ((index * 5) % 3)) }) }),
        );
        await createAll(store, leads);
        const expected = [...leads]
          .sort(byDueThenId((lead) => lead.handoff?.acceptBy ?? ''))
          .map((l) => l.id);

        // Act
        const all = await listAllOpen(store);

        // Assess
        expect(all.map((ref) => ref.leadId)).toEqual(expected);
      });

      it('pages with dueBefore, and the cursor keeps the filter', async () => {
        // Prepare
        const leads = Array.from({ length: 6 }, (_, index) =>
          makeLead({ handoff: handoffFor({ acceptBy: at(10 + index) }) }),
        );
        await createAll(store, leads);

        // Act
        const due = await listAllOpen(store, { dueBefore: at(14), limit: 1 });

        // Assess
        expect(due.map((ref) => ref.leadId)).toEqual(leads.slice(0, 4).map((lead) => lead.id));
      });

      it('returns at most `limit` leads per page, with a cursor to the rest', async () => {
        // Prepare
        await createAll(store, [makeLead(), makeLead(), makeLead()]);

        // Act
        const page = await store.listOpen({ limit: 2 });

        // Assess
        expect(page.items).toHaveLength(2);
        expect(page.cursor).toEqual(expect.any(String));
        const rest = await store.listOpen({ limit: 2, cursor: page.cursor });
        expect(rest.items).toHaveLength(1);
        expect(rest.cursor).toBeUndefined();
      });

      it('may end a full page with a cursor, which then leads to an empty last page', async () => {
        // Prepare
        await createAll(store, [makeLead(), makeLead()]);

        // Act
        const page = await store.listOpen({ limit: 2 });

        // Assess
        expect(page.items).toHaveLength(2);
        if (page.cursor !== undefined) {
          const last = await store.listOpen({ limit: 2, cursor: page.cursor });
          expect(last.items).toEqual([]);
          expect(last.cursor).toBeUndefined();
        }
      });

      it('answers an empty store with an empty page and no cursor', async () => {
        // Act
        const page = await store.listOpen();

        // Assess
        expect(page.items).toEqual([]);
        expect(page.cursor).toBeUndefined();
      });

      it('drops a lead once it is closed', async () => {
        // Prepare
        const staying = makeLead();
        const closing = makeLead();
        await createAll(store, [staying, closing]);
        const won = accepted(closing, at(60));
        await store.replace(won, closing.version);

        // Act
        await store.replace(next(won, { status: 'closed', stage: 'closed_won' }), won.version);

        // Assess
        expect((await listAllOpen(store)).map((ref) => ref.leadId)).toEqual([staying.id]);
      });

      it('moves a lead when its due time changes', async () => {
        // Prepare
        const first = makeLead({ handoff: handoffFor({ acceptBy: at(10) }) });
        const second = makeLead({ handoff: handoffFor({ acceptBy: at(20) }) });
        await createAll(store, [first, second]);

        // Act
        await store.replace(accepted(first, at(30)), first.version);

        // Assess
        expect((await listAllOpen(store)).map((ref) => [ref.leadId, ref.dueAt])).toEqual([
          [second.id, at(20)],
          [first.id, at(30)],
        ]);
      });

      const forgedOpenKey = (overrides: Record<string, string>) =>
        Buffer.from(
          JSON.stringify({
            PK: 'LEAD#01KAAAAAAAAAAAAAAAAAAAAAAA',
            SK: 'LEAD',
            gsi2pk: 'OPEN',
            gsi2sk: '2026-11-18T16:00:00.000Z#01KAAAAAAAAAAAAAAAAAAAAAAA',
            ...overrides,
          }),
        ).toString('base64url');

      it('refuses a cursor it did not produce', async () => {
        // Prepare
        const forged = Buffer.from(JSON.stringify({ PK: 'LEAD#x', SK: 'LEAD' })).toString('base64url');
        await store.create(makeLead());

        // Act
        const results = await Promise.allSettled([
          store.listOpen({ cursor: forged }),
          store.listOpen({ cursor: '%%%' }),
          store.listOpen({ cursor: Buffer.from('42').toString('base64url') }),
          // Our own shape, forged: an empty sort key, a key over DynamoDB's limits (a 500 before issue 14).
          store.listOpen({ cursor: forgedOpenKey({ gsi2sk: '' }) }),
          store.listOpen({ cursor: forgedOpenKey({ PK: `LEAD#${'x'.repeat(2100)}` }) }),
          store.listOpen({ cursor: 'A'.repeat(5000) }),
        ]);

        // Assess
        for (const result of results) {
          expect(result.status === 'rejected' && result.reason instanceof ValidationError).toBe(true);
        }
      });

      it.each([0, -1, 2.5])('refuses a page size of %s with a ValidationError', async (limit) => {
        // Act
        const listing = store.listOpen({ limit });

        // Assess
        await expect(listing).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe('listCreated', () => {
      it('returns the leads created in [from, to), across UTC days, oldest first, closed ones too', async () => {
        // Prepare
        const before = makeLead({ createdAt: '2026-03-01T09:59:59.999Z' });
        const atFrom = makeLead({ createdAt: '2026-03-01T10:00:00.000Z' });
        const lateDay1 = makeLead({
          createdAt: '2026-03-01T23:59:59.999Z',
          status: 'closed',
          stage: 'closed_lost',
        });
        const day2 = makeLead({ createdAt: '2026-03-02T00:00:00.000Z' });
        const day3 = makeLead({ createdAt: '2026-03-03T08:00:00.000Z' });
        const atTo = makeLead({ createdAt: '2026-03-03T10:00:00.000Z' });
        await createAll(store, [day3, atTo, lateDay1, before, day2, atFrom]);

        // Act
        const found = await store.listCreated('2026-03-01T10:00:00.000Z', '2026-03-03T10:00:00.000Z');

        // Assess
        expect(found).toStrictEqual([
          { leadId: atFrom.id, status: 'awaiting_acceptance', createdAt: atFrom.createdAt },
          { leadId: lateDay1.id, status: 'closed', createdAt: lateDay1.createdAt },
          { leadId: day2.id, status: 'awaiting_acceptance', createdAt: day2.createdAt },
          { leadId: day3.id, status: 'awaiting_acceptance', createdAt: day3.createdAt },
        ]);
      });

      it('orders leads created at the same instant by id', async () => {
        // Prepare
        const leads = Array.from({ length: 4 }, () => makeLead({ createdAt: at(3) }));
        await createAll(store, leads);

        // Act
        const found = await store.listCreated(at(0), at(10));

        // Assess
        expect(found.map((ref) => ref.leadId)).toEqual(leads.map((lead) => lead.id).sort());
      });

      it('returns nothing for an empty range', async () => {
        // Prepare
        await store.create(makeLead({ createdAt: at(0) }));

        // Act
        const found = await store.listCreated(at(0), at(0));

        // Assess
        expect(found).toEqual([]);
      });

      it('reads a range of exactly 15 days', async () => {
        // Prepare
        const lead = makeLead({ createdAt: '2026-03-15T12:00:00.000Z' });
        await store.create(lead);

        // Act
        const found = await store.listCreated('2026-03-01T00:00:00.000Z', '2026-03-16T00:00:00.000Z');

        // Assess
        expect(found.map((ref) => ref.leadId)).toEqual([lead.id]);
      });

      it.each([
        ['longer than 15 days', '2026-03-01T00:00:00.000Z', '2026-03-16T00:00:00.001Z'],
        ['reversed', '2026-03-02T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
        ['not a time', 'yesterday', '2026-03-01T00:00:00.000Z'],
      ])('refuses a range %s with a ValidationError', async (_name, from, to) => {
        // Act
        const listing = store.listCreated(from, to);

        // Assess
        await expect(listing).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe('getMany', () => {
      it('returns the leads in the order asked, each once, leaving out unknown ids', async () => {
        // Prepare
        const [a, b, c] = [makeLead(), makeLead(), makeLead()];
        await createAll(store, [a, b, c]);

        // Act
        const leads = await store.getMany([c.id, 'no-such-lead', a.id, c.id]);

        // Assess
        expect(leads).toStrictEqual([c, a]);
      });

      it('returns nothing for no ids', async () => {
        // Act
        const leads = await store.getMany([]);

        // Assess
        expect(leads).toEqual([]);
      });

      it('reads more leads than one batch holds', async () => {
        // Prepare
        const leads = Array.from({ length: 130 }, (_, index) =>
          makeLead({ timeline: [], notes: `lead ${index}` }),
        );
        await createAll(store, leads);

        // Act
        const read = await store.getMany(leads.map((lead) => lead.id).reverse());

        // Assess
        expect(read.map((lead) => lead.notes)).toEqual(leads.map((lead) => lead.notes).reverse());
      });

      it('reads the latest version of each lead', async () => {
        // Prepare
        const lead = makeLead();
        await store.create(lead);
        const changed = accepted(lead, at(45));
        await store.replace(changed, lead.version);

        // Act
        const read = await store.getMany([lead.id]);

        // Assess
        expect(read).toStrictEqual([changed]);
      });
    });
  });
};
