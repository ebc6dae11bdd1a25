/**
 * Powertools Idempotency persisted in the app's single table (records under `IDEMPOTENCY#<fn>`, expiring
 * through the table's TTL attribute).
 */

import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';

export const makeIdempotencyStore = (
  client: DynamoDBClient,
  tableName: string,
  functionName: string,
): DynamoDBPersistenceLayer =>
  new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: TABLE_KEYS.partitionKey,
    sortKeyAttr: TABLE_KEYS.sortKey,
    staticPkValue: `IDEMPOTENCY#${functionName}`,
    expiryAttr: TTL_ATTRIBUTE,
    awsSdkV3Client: client,
  });
