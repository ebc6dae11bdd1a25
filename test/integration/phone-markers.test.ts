/**
 * What only the DynamoDB phone marker has: its item (keys, the TTL attribute DynamoDB deletes it by,
 * no index keys) and how it treats a marker item it did not write. What every `LeadStore` does with
 * markers is in `test/contract/phone-marker.contract.ts`.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoLeadStore, makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { phoneMarkerKey } from '../../shared/aws/dynamo-phone-markers';
import { CorruptItemError } from '../../shared/aws/errors';
import { at, uniquePhone } from '../contract/lead-fixtures';
import { engines, newTable, useEngine } from '../support/dynamo-engines';

describe.each(engines())('DynamoDB phone markers on $name', ({ start }) => {
  const engine = useEngine(start);
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let store: DynamoLeadStore;

  beforeAll(async () => {
    doc = makeDocumentClient(engine().client);
    tableName = await newTable(engine());
    store = new DynamoLeadStore(doc, tableName);
  });

  it('stores one item per phone with the lead, the end of its window and the TTL in epoch seconds', async () => {
    // Prepare
    const phone = uniquePhone();

    // Act
    await store.claimPhone(
      { phone, leadId: 'lead-a', expiresAt: '2026-03-03T15:00:00.500Z' },
      new Date(at(0)),
    );

    // Assess
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: phoneMarkerKey(phone), ConsistentRead: true }),
    );
    expect(Item).toStrictEqual({
      PK: `PHONE#${phone}`,
      SK: 'OPEN_LEAD',
      leadId: 'lead-a',
      expiresAt: '2026-03-03T15:00:00.500Z',
      ttl: Date.parse('2026-03-03T15:00:01.000Z') / 1000,
    });
  });

  it('refuses a stored marker that is not one of ours with CorruptItemError', async () => {
    // Prepare
    const phone = uniquePhone();
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...phoneMarkerKey(phone), leadId: 42, expiresAt: at(60) },
      }),
    );

    // Act
    const claim = store.claimPhone({ phone, leadId: 'lead-a', expiresAt: at(120) }, new Date(at(0)));

    // Assess
    await expect(claim).rejects.toBeInstanceOf(CorruptItemError);
  });
});
