import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { DynamoTokenStore, TOKEN_RETENTION_SECONDS, tokenKey } from '../../shared/aws/dynamo-token-store';
import { CorruptItemError } from '../../shared/aws/errors';
import { ensureTable } from '../../shared/aws/table-schema';
import { AlreadyExistsError } from '../../shared/errors';
import { hashToken, newLinkToken } from '../../shared/link-tokens';
import type { LinkTokenRecord } from '../../shared/ports';
import { type DynamoEngine, engines, newTableName } from '../support/dynamo-engines';

const recordFor = (overrides: Partial<LinkTokenRecord> = {}): LinkTokenRecord => ({
  tokenHash: hashToken(newLinkToken()),
  leadId: '01JNQ8Z3K4M5N6P7Q8R9S0T1V2',
  seq: 2,
  recipientId: 'dana',
  createdAt: '2026-03-02T15:00:00.000Z',
  expiresAt: '2026-03-03T15:00:00.000Z',
  ...overrides,
});

describe.each(engines())('DynamoTokenStore on $name', ({ start }) => {
  let engine: DynamoEngine;
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let store: DynamoTokenStore;

  const rawItem = async (tokenHash: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: tokenKey(tokenHash), ConsistentRead: true })))
      .Item;

  beforeAll(async () => {
    engine = await start();
    doc = makeDocumentClient(engine.client);
    tableName = newTableName();
    await ensureTable(engine.client, tableName);
    store = new DynamoTokenStore(doc, tableName);
  });

  afterAll(async () => {
    await engine?.stop();
  });

  it('reads back the record it stored', async () => {
    // Prepare
    const record = recordFor();

    // Act
    await store.put(record);
    const read = await store.get(record.tokenHash);

    // Assess
    expect(read).toEqual(record);
  });

  it('stores the record under the hash with a TTL a week after expiry', async () => {
    // Prepare
    const record = recordFor({ expiresAt: '2026-03-03T15:00:00.900Z' });

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

  it('finds nothing for an unknown hash', async () => {
    // Prepare
    const unknown = hashToken(newLinkToken());

    // Act
    const read = await store.get(unknown);

    // Assess
    expect(read).toBeUndefined();
  });

  it('never overwrites a record with the same hash', async () => {
    // Prepare
    const original = recordFor();
    await store.put(original);

    // Act
    const replay = store.put({ ...original, leadId: 'OTHERLEAD', recipientId: 'mallory' });

    // Assess
    await expect(replay).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await store.get(original.tokenHash)).toEqual(original);
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
