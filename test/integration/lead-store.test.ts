import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLeadStore, leadKey, makeDocumentClient, NO_DUE_AT } from '../../shared/aws/dynamo-lead-store';
import { CorruptItemError } from '../../shared/aws/errors';
import { ensureTable } from '../../shared/aws/table-schema';
import type { Handoff, Lead } from '../../shared/domain/lead';
import { AlreadyExistsError, ConflictError, ValidationError } from '../../shared/errors';
import type { OpenLeadRef } from '../../shared/ports';
import { type DynamoEngine, engines, newTableName } from '../support/dynamo-engines';

const T0 = Date.parse('2026-03-02T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

let phoneCounter = 0;
const uniquePhone = (): string => {
  phoneCounter += 1;
  return `+1512555${String(1000 + phoneCounter).slice(-4)}`;
};

const handoffFor = (overrides: Partial<Handoff> = {}): Handoff => ({
  seq: 1,
  kind: 'route',
  to: { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' },
  nextAction: 'Call the customer to qualify the job and book a visit',
  dueAt: at(120),
  acceptBy: at(15),
  ladder: 'standard',
  step: 0,
  reason: 'rule dispatch-default',
  state: 'awaiting_acceptance',
  createdAt: at(0),
  dispatch: 'done',
  ...overrides,
});

/** A complete lead awaiting acceptance, with unicode text, nested objects and a timeline. */
const makeLead = (overrides: Partial<Lead> = {}): Lead => ({
  id: randomUUID(),
  version: 1,
  createdAt: at(0),
  updatedAt: at(0),
  channel: 'web_form',
  source: 'web_form',
  fit: 'good',
  status: 'awaiting_acceptance',
  stage: 'new_lead',
  missing: [],
  fullName: 'Zoë Ångström-Nuñez 🚰',
  phone: uniquePhone(),
  email: 'zoe@example.com',
  serviceAddress: '12 Calle Año Nuevo, Apt «3»',
  zip: '78704',
  market: 'south',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  campaign: 'spring-promo',
  notes: 'Water heater leaking — "drip, drip" 💧\nSecond line.',
  promisedNextStep: 'Call back within the hour',
  consent: { sms: true, email: false, capturedAt: at(0), method: 'web_form checkbox' },
  estimatedValue: 1234.56,
  handoff: handoffFor(),
  timeline: [
    {
      at: at(0),
      type: 'lead_received',
      actor: { kind: 'source', id: 'web_form' },
      summary: 'Lead received from web form',
      data: { urgency: 'standard', fit: 'good' },
    },
    {
      at: at(0),
      type: 'handoff_created',
      actor: { kind: 'system' },
      summary: 'Handoff 1 to Dana Whitfield (dispatch)',
      data: { seq: 1, toId: 'dana', ladder: 'standard', step: 0, acceptBy: at(15) },
    },
    {
      at: at(0),
      type: 'follow_up_logged',
      actor: { kind: 'person', id: 'dana', name: 'Dana Whitfield' },
      summary: 'Follow-up 1 of 3 logged late',
      data: { sequence: 1, n: 1, late: true, contactAt: at(0) },
    },
  ],
  ...overrides,
});

/** The same lead one state change later. */
const next = (lead: Lead, changes: Partial<Lead> = {}): Lead => ({
  ...lead,
  ...changes,
  version: lead.version + 1,
  updatedAt: at(1),
});

const accepted = (lead: Lead, nextActionDueAt?: string): Lead =>
  next(lead, {
    status: 'accepted',
    owner: lead.handoff?.to,
    handoff: handoffFor({ ...lead.handoff, state: 'accepted', resolvedAt: at(2), dispatch: 'done' }),
    nextAction: lead.handoff?.nextAction,
    nextActionDueAt,
  });

describe.each(engines())('DynamoLeadStore on $name', ({ start }) => {
  let engine: DynamoEngine;
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let store: DynamoLeadStore;

  /** A store over a new, empty table: for assertions about everything the `open` index holds. */
  const freshStore = async (): Promise<DynamoLeadStore> => {
    const name = newTableName();
    await ensureTable(engine.client, name);
    return new DynamoLeadStore(doc, name);
  };

  const rawItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: leadKey(id), ConsistentRead: true }))).Item;

  const listAllOpen = async (target: DynamoLeadStore, dueBefore?: string): Promise<OpenLeadRef[]> => {
    const refs: OpenLeadRef[] = [];
    let cursor: string | undefined;
    do {
      const page = await target.listOpen({ dueBefore, cursor, limit: 2 });
      refs.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return refs;
  };

  beforeAll(async () => {
    engine = await start();
    doc = makeDocumentClient(engine.client);
    tableName = newTableName();
    await ensureTable(engine.client, tableName);
    store = new DynamoLeadStore(doc, tableName);
  });

  afterAll(async () => {
    await engine?.stop();
  });

  describe('create and get', () => {
    it('returns exactly the lead that was created', async () => {
      // Prepare
      const lead = makeLead();

      // Act
      await store.create(lead);
      const stored = await store.get(lead.id);

      // Assess
      expect(stored).toEqual(lead);
    });

    it('returns undefined for an unknown id', async () => {
      // Prepare
      const id = randomUUID();

      // Act
      const stored = await store.get(id);

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
      expect(await store.get(lead.id)).toEqual(lead);
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
      expect(await store.get(lead.id)).toEqual(changed);
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
      expect(await store.get(lead.id)).toEqual(current);
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
      expect(await store.get(lead.id)).toEqual(lead);
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
      for (const lead of [tooOld, older, newest, otherPhone, noPhone]) await store.create(lead);

      // Act
      const found = await store.findByPhoneSince(phone, at(-24 * 60));

      // Assess
      expect(found).toEqual([
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
  });

  describe('listOpen', () => {
    it('returns only leads that are not closed, in due order, with their projected fields', async () => {
      // Prepare
      const target = await freshStore();
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
      for (const lead of [nothingDue, closed, acceptedLater, awaiting, needsInfo]) await target.create(lead);

      // Act
      const page = await target.listOpen();

      // Assess
      expect(page.items).toEqual([
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

    it('with dueBefore, returns only leads due strictly before it', async () => {
      // Prepare
      const target = await freshStore();
      const dueSoon = makeLead({ handoff: handoffFor({ acceptBy: at(5) }) });
      const dueExactly = makeLead({ handoff: handoffFor({ acceptBy: at(15) }) });
      const dueLater = makeLead({ handoff: handoffFor({ acceptBy: at(16) }) });
      for (const lead of [dueLater, dueExactly, dueSoon]) await target.create(lead);

      // Act
      const page = await target.listOpen({ dueBefore: at(15) });

      // Assess
      expect(page.items.map((ref) => ref.leadId)).toEqual([dueSoon.id]);
    });

    it('pages through every open lead with the cursor, once each, in due order', async () => {
      // Prepare
      const target = await freshStore();
      const leads = Array.from({ length: 7 }, (_, index) =>
        makeLead({ handoff: handoffFor({ acceptBy: at(10 + ((index * 5) % 7)) }) }),
      );
      for (const lead of leads) await target.create(lead);
      const expected = [...leads]
        .sort((a, b) => `${a.handoff?.acceptBy}#${a.id}`.localeCompare(`${b.handoff?.acceptBy}#${b.id}`))
        .map((lead) => lead.id);

      // Act
      const all = await listAllOpen(target);

      // Assess
      expect(all.map((ref) => ref.leadId)).toEqual(expected);
    });

    it('returns at most `limit` leads per page', async () => {
      // Prepare
      const target = await freshStore();
      for (let index = 0; index < 3; index += 1) await target.create(makeLead());

      // Act
      const page = await target.listOpen({ limit: 2 });

      // Assess
      expect(page.items).toHaveLength(2);
      expect(page.cursor).toEqual(expect.any(String));
    });

    it('drops a lead once it is closed', async () => {
      // Prepare
      const target = await freshStore();
      const staying = makeLead();
      const closing = makeLead();
      await target.create(staying);
      await target.create(closing);
      const won = accepted(closing, at(60));
      await target.replace(won, closing.version);

      // Act
      await target.replace(next(won, { status: 'closed', stage: 'closed_won' }), won.version);

      // Assess
      expect((await listAllOpen(target)).map((ref) => ref.leadId)).toEqual([staying.id]);
    });

    it('refuses a cursor it did not produce', async () => {
      // Prepare
      const forged = Buffer.from(JSON.stringify({ PK: 'LEAD#x', SK: 'LEAD' })).toString('base64url');

      // Act
      const results = await Promise.allSettled([
        store.listOpen({ cursor: forged }),
        store.listOpen({ cursor: '%%%' }),
      ]);

      // Assess
      for (const result of results) {
        expect(result.status === 'rejected' && result.reason instanceof ValidationError).toBe(true);
      }
    });
  });

  describe('stored item', () => {
    it('carries the index keys and projected attributes derived from an open lead', async () => {
      // Prepare
      const lead = makeLead({ createdAt: '2026-03-02T23:59:59.999Z' });

      // Act
      await store.create(lead);

      // Assess
      expect(await rawItem(lead.id)).toMatchObject({
        PK: `LEAD#${lead.id}`,
        SK: 'LEAD',
        gsi1pk: `PHONE#${lead.phone}`,
        gsi1sk: '2026-03-02T23:59:59.999Z',
        gsi2pk: 'OPEN',
        gsi2sk: `${at(15)}#${lead.id}`,
        gsi3pk: 'DAY#2026-03-02',
        gsi3sk: `2026-03-02T23:59:59.999Z#${lead.id}`,
        assigneeId: 'dana',
        assignedAt: at(0),
        dueAt: at(15),
        handoffSeq: 1,
        handoffState: 'awaiting_acceptance',
        dispatch: 'done',
      });
    });

    it('is due at its creation while its dispatch is still pending, so a lost dispatch is found at once', async () => {
      // Prepare
      const lead = makeLead({ handoff: handoffFor({ dispatch: 'pending', createdAt: at(1) }) });

      // Act
      await store.create(lead);

      // Assess
      expect(await rawItem(lead.id)).toMatchObject({
        gsi2sk: `${at(1)}#${lead.id}`,
        dueAt: at(1),
        dispatch: 'pending',
      });
    });

    it('keeps phone and day keys but drops the open-index attributes when the lead is closed', async () => {
      // Prepare
      const lead = makeLead();
      await store.create(lead);

      // Act
      await store.replace(next(lead, { status: 'closed', stage: 'closed_lost' }), lead.version);

      // Assess
      const item = await rawItem(lead.id);
      expect(item).toMatchObject({ gsi1pk: `PHONE#${lead.phone}`, gsi3pk: 'DAY#2026-03-02' });
      for (const name of [
        'gsi2pk',
        'gsi2sk',
        'assigneeId',
        'assignedAt',
        'dueAt',
        'handoffSeq',
        'handoffState',
      ]) {
        expect(item).not.toHaveProperty(name);
      }
      expect(item).not.toHaveProperty('dispatch');
    });

    it('has no phone index keys when the lead has no phone', async () => {
      // Prepare
      const lead = makeLead({ phone: undefined });

      // Act
      await store.create(lead);

      // Assess
      const item = await rawItem(lead.id);
      expect(item).not.toHaveProperty('gsi1pk');
      expect(item).not.toHaveProperty('gsi1sk');
    });

    it('makes get fail with an error naming the lead when the item is corrupt', async () => {
      // Prepare
      const id = randomUUID();
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...leadKey(id), id, version: 'one' } }));

      // Act
      const result = store.get(id);

      // Assess
      await expect(result).rejects.toBeInstanceOf(CorruptItemError);
      await expect(result).rejects.toThrow(id);
    });
  });
});
