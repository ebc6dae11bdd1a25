/**
 * The table as a `CreateTable` request, built from the table layout of `shared/settings.ts`, and
 * `ensureTable` to create it on an engine that does not have it yet (the local runner, integration
 * tests). The deployed table is created by CDK from the same design.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { errorName } from './errors';

const POLL_INTERVAL_MS = 50;

/** An existing table lacks an index this version reads (a local data dir made by an older version). */
export class OutdatedTableError extends Error {
  override name = 'OutdatedTableError';
}
const ACTIVE_TIMEOUT_MS = 60_000;

/** The `CreateTable` request for the single table: on-demand billing, the three GSIs with INCLUDE projections. */
export const createTableInput = (tableName: string): CreateTableCommandInput => {
  const indexes = Object.values(INDEXES);
  const keyNames = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const attributeDefinitions: AttributeDefinition[] = keyNames.map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions,
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] },
    })),
  };
};

const describe = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};

const isActive = (table: TableDescription | undefined): boolean =>
  table?.TableStatus === 'ACTIVE' &&
  (table.GlobalSecondaryIndexes ?? []).every(
    (index) => index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE',
  );

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Engines without TTL support (dynalite) answer with an unknown-operation error; that is not a failure. */
const isUnsupportedOperation = (error: unknown): boolean => {
  const name = errorName(error) ?? '';
  return /UnknownOperation|UnsupportedOperation|NotImplemented/i.test(name);
};

const enableTtl = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );
    const status = TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!isUnsupportedOperation(error)) throw error;
  }
};

/**
 * Creates the table if it does not exist, waits until it and its indexes are ACTIVE, and enables TTL
 * on `ttl` where the engine supports it. Safe to call repeatedly and from several processes at once.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  if ((await describe(client, tableName)) === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      if (errorName(error) !== 'ResourceInUseException') throw error;
    }
  }
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  let table = await describe(client, tableName);
  while (!isActive(table)) {
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE in time`);
    await sleep(POLL_INTERVAL_MS);
    table = await describe(client, tableName);
  }
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = Object.values(INDEXES).filter((index) => !present.has(index.name));
  if (missing.length > 0) {
    throw new OutdatedTableError(
      `Table ${tableName} was made by an older version (it has no index ${missing.map((i) => i.name).join(', ')}): ` +
        'start with a new data dir, or delete this one',
    );
  }
  await enableTtl(client, tableName);
};
