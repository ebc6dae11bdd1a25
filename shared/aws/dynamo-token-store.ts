/**
 * Handoff link tokens in the single table (docs/product-rules.md §10): one item per token, keyed by the token's SHA-256
 * (never the token), removed by DynamoDB TTL a week after the link expires. A put never overwrites, so a
 * replayed dispatch or a hash collision cannot rebind a link to another handoff or recipient.
 *
 * | item  | PK                   | SK      | notes                                  |
 * | ----- | -------------------- | ------- | -------------------------------------- |
 * | token | `TOKEN#<tokenHash>`  | `TOKEN` | `LinkTokenRecord` + `ttl` (epoch s)    |
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from '../errors';
import type { LinkTokenRecord, TokenStore } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { CorruptItemError, isConditionalCheckFailed, toDomainError } from './errors';

const TOKEN_PREFIX = 'TOKEN#';
const TOKEN_SK = 'TOKEN';

/** How long a token item outlives its link, so "expired" can still be told apart from "unknown". */
export const TOKEN_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** The primary key of a token item. */
export const tokenKey = (tokenHash: string): { PK: string; SK: string } => ({
  PK: `${TOKEN_PREFIX}${tokenHash}`,
  SK: TOKEN_SK,
});

/** The epoch second at which DynamoDB may delete the item of a link expiring at `expiresAt`. */
export const tokenTtl = (expiresAt: string): number => {
  const time = Date.parse(expiresAt);
  if (Number.isNaN(time)) throw new RangeError('A link token needs a valid expiresAt');
  return Math.floor(time / 1000) + TOKEN_RETENTION_SECONDS;
};

const isString = (value: unknown): value is string => typeof value === 'string';

/** The record of a token item, shape checked (`CorruptItemError`). */
const fromItem = (item: Record<string, unknown>, tokenHash: string): LinkTokenRecord => {
  const { leadId, seq, recipientId, createdAt, expiresAt, purpose } = item;
  if (
    item.tokenHash !== tokenHash ||
    !isString(leadId) ||
    typeof seq !== 'number' ||
    !Number.isInteger(seq) ||
    !isString(recipientId) ||
    !isString(createdAt) ||
    !isString(expiresAt) ||
    (purpose !== undefined && purpose !== 'review')
  ) {
    throw new CorruptItemError(`Stored link token of lead ${String(leadId)} is corrupt`);
  }
  return { tokenHash, leadId, seq, recipientId, createdAt, expiresAt, ...(purpose ? { purpose } : {}) };
};

/** `TokenStore` over the single table; SDK errors surface as domain errors (`toDomainError`). */
export class DynamoTokenStore implements TokenStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(record: LinkTokenRecord): Promise<void> {
    const { tokenHash, leadId, seq, recipientId, createdAt, expiresAt, purpose } = record;
    const item = {
      ...tokenKey(tokenHash),
      tokenHash,
      leadId,
      seq,
      recipientId,
      createdAt,
      expiresAt,
      ...(purpose ? { purpose } : {}),
      [TTL_ATTRIBUTE]: tokenTtl(expiresAt),
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AlreadyExistsError(`A link token with this hash already exists (lead ${leadId})`, {
          cause: error,
        });
      }
      throw toDomainError(error, `Storing a link token of lead ${leadId}`);
    }
  }

  async get(tokenHash: string): Promise<LinkTokenRecord | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: tokenKey(tokenHash), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : fromItem(Item, tokenHash);
    } catch (error) {
      throw toDomainError(error, 'Reading a link token');
    }
  }
}
