/**
 * One-time claims in the single table: "this digest for this day was sent". A claim is a conditional
 * put, so two invocations (a Scheduler retry, a second schedule) cannot both win; it expires by TTL.
 *
 * | item  | PK            | SK      | notes                        |
 * | ----- | ------------- | ------- | ---------------------------- |
 * | claim | `CLAIM#<key>` | `CLAIM` | `claimedAt` + `ttl` (epoch s) |
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimStore } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { isConditionalCheckFailed, toDomainError } from './errors';

const claimKey = (key: string) => ({
  [TABLE_KEYS.partitionKey]: `CLAIM#${key}`,
  [TABLE_KEYS.sortKey]: 'CLAIM',
});

export class DynamoClaimStore implements ClaimStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(key: string, now: Date, keepDays: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...claimKey(key),
            claimedAt: now.toISOString(),
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + keepDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, `Claiming ${key}`);
    }
  }

  async release(key: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: claimKey(key) }));
    } catch (error) {
      throw toDomainError(error, `Releasing ${key}`);
    }
  }
}
