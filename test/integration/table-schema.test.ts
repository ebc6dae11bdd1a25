/** The embedded table is made from the settings' layout, and a table from an older layout is named, not used. */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, ensureTable, OutdatedTableError } from '../../shared/aws/table-schema';
import { INDEXES } from '../../shared/settings';
import { type DynamoEngine, startDynalite } from '../support/dynamo-engines';

let engine: DynamoEngine;
beforeAll(async () => {
  engine = await startDynalite();
});
afterAll(async () => engine.stop());

describe('ensureTable', () => {
  it('creates the table with every versioned index', async () => {
    // Act
    await ensureTable(engine.client, 'fresh');

    // Assess
    const { Table } = await engine.client.send(new DescribeTableCommand({ TableName: 'fresh' }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
      Object.values(INDEXES)
        .map((index) => index.name)
        .sort(),
    );
  });

  it('refuses a table made by an older version, naming the missing index', async () => {
    // Prepare: the same table as an older version made it, with its index under the old name
    const input = createTableInput('older');
    await engine.client.send(
      new CreateTableCommand({
        ...input,
        GlobalSecondaryIndexes: (input.GlobalSecondaryIndexes ?? []).map((index) =>
          index.IndexName === INDEXES.open.name ? { ...index, IndexName: 'open' } : index,
        ),
      }),
    );

    // Act
    const attempt = ensureTable(engine.client, 'older');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(OutdatedTableError);
    await expect(attempt).rejects.toThrow(`no index ${INDEXES.open.name}`);
  });
});
