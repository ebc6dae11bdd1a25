import { readFileSync } from 'node:fs';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putConfig, TableConfigSource } from '../../shared/aws/dynamo-config-source';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { ensureTable } from '../../shared/aws/table-schema';
import { parseAppConfig } from '../../shared/domain/load-config';
import { ConfigError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import { CONFIG_KEY } from '../../shared/settings';
import { type DynamoEngine, newTableName, startDynalite } from '../support/dynamo-engines';

const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const business = readJson('business.example.json');
const roster = readJson('roster.example.json');
const CACHE_SECONDS = 60;

/** A clock the test moves by hand. */
const manualClock = (start: string): Clock & { advanceSeconds(seconds: number): void } => {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advanceSeconds: (seconds) => {
      time += seconds * 1000;
    },
  };
};

describe('TableConfigSource and putConfig on dynalite', () => {
  let engine: DynamoEngine;
  let doc: DynamoDBDocumentClient;

  const freshTable = async (): Promise<string> => {
    const tableName = newTableName();
    await ensureTable(engine.client, tableName);
    return tableName;
  };

  const storedItem = async (tableName: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: CONFIG_KEY, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    engine = await startDynalite();
    doc = makeDocumentClient(engine.client);
  });

  afterAll(async () => {
    await engine?.stop();
  });

  it('loads the configuration putConfig stored, validated like the files', async () => {
    // Prepare
    const tableName = await freshTable();
    const clock = manualClock('2026-03-02T15:00:00.000Z');
    await putConfig(doc, tableName, business, roster, clock.now());
    const source = new TableConfigSource(doc, tableName, clock, CACHE_SECONDS);

    // Act
    const config = await source.load();

    // Assess
    expect(config).toEqual(parseAppConfig(business, roster));
    expect(config.roster.people.find((person) => person.id === 'tomas')?.name).toBe('Tomás Vega');
  });

  it('stores the settings and roster as JSON with the time they were put', async () => {
    // Prepare
    const tableName = await freshTable();

    // Act
    await putConfig(doc, tableName, business, roster, new Date('2026-03-02T15:00:00.000Z'));

    // Assess
    const item = await storedItem(tableName);
    expect(JSON.parse(String(item?.business))).toEqual(business);
    expect(JSON.parse(String(item?.roster))).toEqual(roster);
    expect(item?.updatedAt).toBe('2026-03-02T15:00:00.000Z');
  });

  it('serves the cached configuration until the clock passes the cache time', async () => {
    // Prepare
    const tableName = await freshTable();
    const clock = manualClock('2026-03-02T15:00:00.000Z');
    await putConfig(doc, tableName, business, roster, clock.now());
    const source = new TableConfigSource(doc, tableName, clock, CACHE_SECONDS);
    await source.load();
    await putConfig(doc, tableName, { ...business, name: 'Renamed Plumbing' }, roster, clock.now());

    // Act
    clock.advanceSeconds(CACHE_SECONDS - 1);
    const beforeExpiry = await source.load();
    clock.advanceSeconds(1);
    const afterExpiry = await source.load();

    // Assess
    expect(beforeExpiry.business.name).toBe('Lone Star Plumbing & Air');
    expect(afterExpiry.business.name).toBe('Renamed Plumbing');
  });

  it('fails with a ConfigError saying how to store one when no configuration is stored', async () => {
    // Prepare
    const tableName = await freshTable();
    const source = new TableConfigSource(
      doc,
      tableName,
      manualClock('2026-03-02T15:00:00.000Z'),
      CACHE_SECONDS,
    );

    // Act
    const result = source.load();

    // Assess
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    await expect(result).rejects.toThrow(/No configuration stored.*config put/);
  });

  it('does not cache a failed load', async () => {
    // Prepare
    const tableName = await freshTable();
    const clock = manualClock('2026-03-02T15:00:00.000Z');
    const source = new TableConfigSource(doc, tableName, clock, CACHE_SECONDS);
    await expect(source.load()).rejects.toBeInstanceOf(ConfigError);
    await putConfig(doc, tableName, business, roster, clock.now());

    // Act
    const config = await source.load();

    // Assess
    expect(config.business.name).toBe('Lone Star Plumbing & Air');
  });

  it('refuses an invalid configuration and stores nothing', async () => {
    // Prepare
    const tableName = await freshTable();
    const invalid = { ...business, timezone: 'Mars/Olympus_Mons' };

    // Act
    const result = putConfig(doc, tableName, invalid, roster, new Date('2026-03-02T15:00:00.000Z'));

    // Assess
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    expect(await storedItem(tableName)).toBeUndefined();
  });

  it('keeps the previous configuration when an invalid one is put', async () => {
    // Prepare
    const tableName = await freshTable();
    const clock = manualClock('2026-03-02T15:00:00.000Z');
    await putConfig(doc, tableName, business, roster, clock.now());
    const brokenRoster = { ...roster, people: [] };

    // Act
    const result = putConfig(doc, tableName, business, brokenRoster, clock.now());
    await result.catch(() => undefined);

    // Assess
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    const config = await new TableConfigSource(doc, tableName, clock, CACHE_SECONDS).load();
    expect(config).toEqual(parseAppConfig(business, roster));
  });

  it('fails with a ConfigError when the stored item is not valid JSON', async () => {
    // Prepare
    const tableName = await freshTable();
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { ...CONFIG_KEY, business: '{not json', roster: '{}' } }),
    );
    const source = new TableConfigSource(
      doc,
      tableName,
      manualClock('2026-03-02T15:00:00.000Z'),
      CACHE_SECONDS,
    );

    // Act
    const result = source.load();

    // Assess
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(/business: invalid JSON/);
  });
});
