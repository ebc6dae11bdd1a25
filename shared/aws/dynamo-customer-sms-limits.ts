/**
 * Customer SMS limits in the single table (docs/product-rules.md §10): one acknowledgement per number
 * per window and a daily count. Single-item conditional writes (strongly consistent); numbers keyed by
 * their SHA-256, never stored. An expired claim counts as free even before TTL deletes it.
 *
 * | item        | PK                       | SK          | notes                                   |
 * | ----------- | ------------------------ | ----------- | --------------------------------------- |
 * | ack claim   | `SMSACK#<sha256(phone)>` | `SMSACK`    | `leadId`, `until` (epoch ms) + `ttl`     |
 * | daily count | `SMSDAY#<YYYY-MM-DD>`    | `SMSDAY`    | `count` + `ttl`                          |
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerSmsLimits } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { isConditionalCheckFailed, toDomainError } from './errors';

/** Counters and claims are kept a little past their window, then TTL removes them. */
const KEEP_SECONDS = 3 * 86_400;

const ackKey = (phone: string) => ({
  [TABLE_KEYS.partitionKey]: `SMSACK#${createHash('sha256').update(phone, 'utf8').digest('hex')}`,
  [TABLE_KEYS.sortKey]: 'SMSACK',
});

const dayKey = (day: string) => ({
  [TABLE_KEYS.partitionKey]: `SMSDAY#${day}`,
  [TABLE_KEYS.sortKey]: 'SMSDAY',
});

export class DynamoCustomerSmsLimits implements CustomerSmsLimits {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claimAcknowledgement(phone: string, leadId: string, now: Date, hours: number): Promise<boolean> {
    const until = now.getTime() + hours * 3_600_000;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...ackKey(phone),
            leadId,
            until,
            [TTL_ATTRIBUTE]: Math.floor(until / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #until <= :now OR #lead = :lead',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#until': 'until', '#lead': 'leadId' },
          ExpressionAttributeValues: { ':now': now.getTime(), ':lead': leadId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Claiming a customer acknowledgement');
    }
  }

  async releaseAcknowledgement(phone: string, leadId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: ackKey(phone),
          ConditionExpression: '#lead = :lead',
          ExpressionAttributeNames: { '#lead': 'leadId' },
          ExpressionAttributeValues: { ':lead': leadId },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw toDomainError(error, 'Releasing a customer acknowledgement');
    }
  }

  async countDaily(day: string, now: Date, limit: number): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dayKey(day),
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':ttl': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Counting a customer SMS');
    }
  }

  async uncountDaily(day: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dayKey(day),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw toDomainError(error, 'Taking back a customer SMS count');
    }
  }
}
