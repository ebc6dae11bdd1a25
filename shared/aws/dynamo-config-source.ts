/**
 * Business settings and roster stored in the table (item `CONFIG`/`CURRENT`), so they change without a
 * redeploy (docs/product-rules.md §4). `putConfig` validates before writing, so the table never holds a config that
 * `TableConfigSource` would refuse; the source caches what it read for a few seconds per container.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from '../domain/config';
import { parseAppConfig } from '../domain/load-config';
import { ConfigError } from '../errors';
import type { Clock, ConfigSource } from '../ports';
import { CONFIG_KEY } from '../settings';
import { toDomainError } from './errors';

/** The key of the config item. */

const parseJsonAttribute = (value: unknown, name: 'business' | 'roster'): unknown => {
  if (typeof value !== 'string') {
    throw new ConfigError('Stored configuration is corrupt', [
      { path: name, message: 'expected a JSON string' },
    ]);
  }
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new ConfigError('Stored configuration is corrupt', [{ path: name, message: 'invalid JSON' }], {
      cause: error,
    });
  }
};

/**
 * `ConfigSource` over the config item. A loaded config is trusted for `cacheSeconds` (by the injected
 * clock); concurrent loads share one read, and a failed read is not cached.
 */
export class TableConfigSource implements ConfigSource {
  private cached: { promise: Promise<AppConfig>; loadedAt: number } | undefined;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly cacheSeconds: number,
  ) {}

  load(): Promise<AppConfig> {
    const now = this.clock.now().getTime();
    if (this.cached !== undefined && now - this.cached.loadedAt < this.cacheSeconds * 1000) {
      return this.cached.promise;
    }
    const entry = { promise: this.read(), loadedAt: now };
    this.cached = entry;
    entry.promise.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.promise;
  }

  private async read(): Promise<AppConfig> {
    let item: Record<string, unknown> | undefined;
    try {
      ({ Item: item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: CONFIG_KEY, ConsistentRead: true }),
      ));
    } catch (error) {
      throw toDomainError(error, 'Reading the configuration');
    }
    if (item === undefined) {
      throw new ConfigError(
        `No configuration stored in table ${this.tableName}: run \`npm run ops -- config put <dir>\``,
      );
    }
    return parseAppConfig(
      parseJsonAttribute(item.business, 'business'),
      parseJsonAttribute(item.roster, 'roster'),
    );
  }
}

/**
 * Validates business settings and roster with `parseAppConfig` (throwing `ConfigError` with every
 * problem) and only then stores them as the current config. Returns the validated config.
 */
export const putConfig = async (
  doc: DynamoDBDocumentClient,
  tableName: string,
  business: unknown,
  roster: unknown,
  now: Date,
): Promise<AppConfig> => {
  const config = parseAppConfig(business, roster);
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...CONFIG_KEY,
          business: JSON.stringify(business),
          roster: JSON.stringify(roster),
          updatedAt: now.toISOString(),
        },
      }),
    );
  } catch (error) {
    throw toDomainError(error, 'Storing the configuration');
  }
  return config;
};
