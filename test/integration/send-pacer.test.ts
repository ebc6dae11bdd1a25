import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { DynamoSendPacer, PACER_KEY, pacerIntervalMs } from '../../shared/aws/dynamo-send-pacer';
import { ensureTable } from '../../shared/aws/table-schema';
import { ConfigError } from '../../shared/errors';
import { type DynamoEngine, engines, newTableName } from '../support/dynamo-engines';

const T0 = Date.parse('2026-03-02T15:00:00.000Z');
const at = (ms: number): Date => new Date(T0 + ms);
const SETTINGS = { perSecond: 1, share: 0.8 };

describe('pacerIntervalMs', () => {
  it.each([
    [{ perSecond: 1, share: 0.8 }, 1250],
    [{ perSecond: 1, share: 1 }, 1000],
    [{ perSecond: 10, share: 0.5 }, 200],
  ])('spaces %o slots %i ms apart', (settings, expected) => {
    expect(pacerIntervalMs(settings)).toBe(expected);
  });

  it('refuses settings that cannot pace', () => {
    expect(
      () => new DynamoSendPacer({} as DynamoDBDocumentClient, 't', { perSecond: 0, share: 0.8 }),
    ).toThrow(ConfigError);
    expect(
      () => new DynamoSendPacer({} as DynamoDBDocumentClient, 't', { perSecond: 1, share: 1.5 }),
    ).toThrow(ConfigError);
  });
});

describe.each(engines())('DynamoSendPacer on $name', ({ start }) => {
  let engine: DynamoEngine;
  let doc: DynamoDBDocumentClient;

  const freshPacer = async (): Promise<{ pacer: DynamoSendPacer; tableName: string }> => {
    const tableName = newTableName();
    await ensureTable(engine.client, tableName);
    return { pacer: new DynamoSendPacer(doc, tableName, SETTINGS), tableName };
  };

  beforeAll(async () => {
    engine = await start();
    doc = makeDocumentClient(engine.client);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('grants one slot to many concurrent senders at the same instant', async () => {
    // Prepare
    const { pacer } = await freshPacer();

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => pacer.tryAcquire(at(0))));

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('spaces slots one interval apart, never bursting', async () => {
    // Prepare
    const { pacer } = await freshPacer();

    // Act
    const granted: number[] = [];
    for (let ms = 0; ms <= 10_000; ms += 250) if (await pacer.tryAcquire(at(ms))) granted.push(ms);

    // Assess
    expect(granted).toEqual([0, 1250, 2500, 3750, 5000, 6250, 7500, 8750, 10000]);
  });

  it('reserves the next slots ahead, one interval apart, up to the longest wait', async () => {
    // Prepare
    const { pacer } = await freshPacer();

    // Act: six senders at the same instant, willing to wait 5 s
    const slots: (number | undefined)[] = [];
    for (let i = 0; i < 6; i += 1) slots.push((await pacer.reserve(at(0), 5_000))?.getTime());

    // Assess
    expect(slots).toEqual([T0, T0 + 1250, T0 + 2500, T0 + 3750, T0 + 5000, undefined]);
  });

  it('reserves a distinct slot for each concurrent sender that gets one, and now again once idle', async () => {
    // Prepare
    const { pacer } = await freshPacer();

    // Act
    const results = await Promise.all(Array.from({ length: 8 }, () => pacer.reserve(at(0), 60_000)));
    const later = await pacer.reserve(at(120_000), 5_000);

    // Assess
    const granted = results.flatMap((slot) => (slot ? [slot.getTime() - T0] : [])).sort((a, b) => a - b);
    expect(granted.length).toBeGreaterThan(0);
    expect(granted).toEqual(granted.map((_, index) => index * 1250));
    expect(later?.getTime()).toBe(T0 + 120_000);
  });

  it('stores only the next slot time', async () => {
    // Prepare
    const { pacer, tableName } = await freshPacer();

    // Act
    await pacer.tryAcquire(at(0));

    // Assess
    const item = (
      await doc.send(new GetCommand({ TableName: tableName, Key: PACER_KEY, ConsistentRead: true }))
    ).Item;
    expect(item).toEqual({ ...PACER_KEY, nextAt: T0 + 1250 });
  });
});
