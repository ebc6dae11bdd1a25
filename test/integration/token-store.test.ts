/**
 * What only the DynamoDB token store has: the item layout with its TTL, and how it treats items it did
 * not write. What every `TokenStore` does is in `test/contract/`.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { DynamoTokenStore, TOKEN_RETENTION_SECONDS, tokenKey } from '../../shared/aws/dynamo-token-store';
import { CorruptItemError } from '../../shared/aws/errors';
import { hashToken, newLinkToken } from '../../shared/link-tokens';
import { tokenRecord } from '../contract/token-store.contract';
import { engines, newTable, useEngine } from '../support/dynamo-engines';

describe.each(engines())('DynamoTokenStore on $name', ({ start }) => {
  const engine = useEngine(start);
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let store: DynamoTokenStore;

  const rawItem = async (tokenHash: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: tokenKey(tokenHash), ConsistentRead: true })))
      .Item;

  beforeAll(async () => {
    doc = makeDocumentClient(engine().client);
    tableName = await newTable(engine());
    store = new DynamoTokenStore(doc, tableName);
  });

  it('stores the record under the hash with a TTL a week after expiry', async () => {
    // Prepare
    const record = tokenRecord({ expiresAt: '2026-03-03T15:00:00.900Z' });

    // Act
    await store.put(record);

    // Assess
    expect(await rawItem(record.tokenHash)).toEqual({
      PK: `TOKEN#${record.tokenHash}`,
      SK: 'TOKEN',
      ...record,
      ttl: Math.floor(Date.parse('2026-03-03T15:00:00.000Z') / 1000) + TOKEN_RETENTION_SECONDS,
    });
  });

  it('refuses an item that is not a token record', async () => {
    // Prepare
    const tokenHash = hashToken(newLinkToken());
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...tokenKey(tokenHash), tokenHash, leadId: 'L1', seq: 'two' },
      }),
    );

    // Act
    const read = store.get(tokenHash);

    // Assess
    await expect(read).rejects.toBeInstanceOf(CorruptItemError);
  });
});
