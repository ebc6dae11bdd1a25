/**
 * What only the DynamoDB lead store has: the item layout (keys, index keys, projected attributes) and
 * how it treats items it did not write. What every `LeadStore` does is in `test/contract/`.
 */
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoLeadStore, leadKey, makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { CorruptItemError } from '../../shared/aws/errors';
import { at, handoffFor, makeLead, next } from '../contract/lead-fixtures';
import { engines, newTable, useEngine } from '../support/dynamo-engines';

describe.each(engines())('DynamoLeadStore on $name', ({ start }) => {
  const engine = useEngine(start);
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let store: DynamoLeadStore;

  const rawItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: leadKey(id), ConsistentRead: true }))).Item;

  beforeAll(async () => {
    doc = makeDocumentClient(engine().client);
    tableName = await newTable(engine());
    store = new DynamoLeadStore(doc, tableName);
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
