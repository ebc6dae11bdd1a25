/**
 * What only the DynamoDB failure store has: its item and the sparse index entry of open records. What
 * every `FailureStore` does is in `test/contract/`.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoFailureStore } from '../../shared/aws/dynamo-failure-store';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { type FailureReport, failureId } from '../../shared/domain/failures';
import { engines, newTable, useEngine } from '../support/dynamo-engines';

const LEAD = '01JNQ8Z3K4M5N6P7Q8R9S0T1V2';

const report = (seq = 1): FailureReport => ({
  leadId: LEAD,
  seq,
  kind: 'notification',
  what: `SMS to Marco Silva (on call) about step ${seq}`,
  reason: 'opted_out',
  attempts: 1,
  retry: { type: 'notify', leadId: LEAD, seq, recipientId: 'marco', channel: 'sms', purpose: 'handoff' },
});

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 18, 16, minute, 0));

describe.each(engines())('DynamoFailureStore on $name', ({ start }) => {
  const engine = useEngine(start);
  let doc: DynamoDBDocumentClient;
  let store: DynamoFailureStore;
  let tableName: string;

  const rawItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: { PK: `FAILURE#${id}`, SK: 'FAILURE' } })))
      .Item;

  beforeEach(async () => {
    doc = makeDocumentClient(engine().client);
    tableName = await newTable(engine());
    store = new DynamoFailureStore(doc, tableName);
  });

  it('keeps an open record in the FAILED partition of the open index, sorted by last seen', async () => {
    // Prepare
    const id = failureId(report());

    // Act
    await store.record(report(), at(4));

    // Assess
    expect(await rawItem(id)).toMatchObject({
      PK: `FAILURE#${id}`,
      SK: 'FAILURE',
      gsi2pk: 'FAILED',
      gsi2sk: `${at(4).toISOString()}#${id}`,
    });
  });

  it('takes a resolved record out of the open index', async () => {
    // Prepare
    const id = failureId(report());
    await store.record(report(), at(0));

    // Act
    await store.resolve(id, 'retried', at(4));

    // Assess
    const item = await rawItem(id);
    expect(item).toMatchObject({ status: 'resolved' });
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
  });

  it('writes nothing when resolving a record that does not exist', async () => {
    // Prepare
    const id = failureId(report(42));

    // Act
    const closed = await store.resolve(id, 'retried', at(0));

    // Assess
    expect(closed).toBe(false);
    expect(await rawItem(id)).toBeUndefined();
  });
});
