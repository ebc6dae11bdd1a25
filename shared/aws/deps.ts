/**
 * AWS wiring shared by every Lambda: environment read and validated once per cold start, SDK clients
 * created once at module scope, adapters built over them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { CoreDeps } from '../app/deps';
import { systemClock } from '../clock';
import { ENV, readEnv } from '../env';
import { randomIds } from '../ids';
import { TableConfigSource } from './dynamo-config-source';
import { DynamoLeadStore, makeDocumentClient } from './dynamo-lead-store';

export const dynamoClient = new DynamoDBClient({});
const documentClient = makeDocumentClient(dynamoClient);

let core: CoreDeps | undefined;
let env: { [ENV.TABLE_NAME]: string; [ENV.CONFIG_CACHE_SECONDS]: number } | undefined;

const coreEnv = () => {
  env ??= readEnv({
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.CONFIG_CACHE_SECONDS]: z.coerce.number().int().min(0).default(60),
  });
  return env;
};

export const tableName = (): string => coreEnv()[ENV.TABLE_NAME];

/** Store, config, clock and ids over DynamoDB; call at module scope of a handler entry. */
export const awsCoreDeps = (): CoreDeps => {
  if (core) return core;
  const { [ENV.TABLE_NAME]: table, [ENV.CONFIG_CACHE_SECONDS]: cacheSeconds } = coreEnv();
  core = {
    store: new DynamoLeadStore(documentClient, table),
    config: new TableConfigSource(documentClient, table, systemClock, cacheSeconds),
    clock: systemClock,
    ids: randomIds,
  };
  return core;
};
