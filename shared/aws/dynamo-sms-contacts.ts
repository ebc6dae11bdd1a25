/**
 * Two-way SMS state in the single table (docs/product-rules.md §12): opt-outs keyed by the number's
 * SHA-256 (the number itself is not stored), inbound SMS from numbers not on the roster kept for ops
 * (with the number, so ops can call back) until TTL removes them, and the once-a-day answer claim.
 *
 * | item           | PK                | SK                 | notes                                 |
 * | -------------- | ----------------- | ------------------ | ------------------------------------- |
 * | opt-out        | `SMSOPT#<sha256>` | `SMSOPT`           | `optedOut`, `at`                      |
 * | unknown SMS    | `SMSIN#UNKNOWN`   | `<at>#<messageId>` | `from`, `body`, `to` + `ttl`          |
 * | unknown answer | `SMSIN#<sha256>`  | `<local day>`      | claimed once + `ttl`                  |
 */
import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors';
import type { InboundSms, SmsContacts, UnknownSms } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { decodeCursor, encodeCursor } from './cursor-codec';
import { isConditionalCheckFailed, toDomainError } from './errors';

const hashOf = (phone: string): string => createHash('sha256').update(phone, 'utf8').digest('hex');

const key = (pk: string, sk: string) => ({ [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk });

/** The partition of inbound SMS from unknown numbers (ops reads it newest first with a Query). */
export const UNKNOWN_SMS_PARTITION = 'SMSIN#UNKNOWN';

/** The sort key of a kept text: when it arrived, then its message id. */
const UNKNOWN_SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#.+$/;

const decodeUnknownCursor = (cursor: string): Record<string, string> =>
  decodeCursor(
    cursor,
    [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey],
    (k) =>
      k[TABLE_KEYS.partitionKey] === UNKNOWN_SMS_PARTITION && UNKNOWN_SORT_KEY.test(k[TABLE_KEYS.sortKey]),
  );

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export class DynamoSmsContacts implements SmsContacts {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isOptedOut(phone: string): Promise<boolean> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: key(`SMSOPT#${hashOf(phone)}`, 'SMSOPT'),
          ConsistentRead: true,
        }),
      );
      return Item?.optedOut === true;
    } catch (error) {
      throw toDomainError(error, 'Reading an SMS opt-out');
    }
  }

  async setOptedOut(phone: string, optedOut: boolean, now: Date): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key(`SMSOPT#${hashOf(phone)}`, 'SMSOPT'), optedOut, at: now.toISOString() },
        }),
      );
    } catch (error) {
      throw toDomainError(error, 'Recording an SMS opt-out');
    }
  }

  async recordUnknown(sms: InboundSms, now: Date, keepDays: number): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(UNKNOWN_SMS_PARTITION, `${now.toISOString()}#${sms.messageId}`),
            from: sms.from,
            to: sms.to,
            body: sms.body,
            receivedAt: now.toISOString(),
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + keepDays * 86_400,
          },
        }),
      );
    } catch (error) {
      throw toDomainError(error, 'Recording an inbound SMS');
    }
  }

  async listUnknown(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: UnknownSms[]; cursor?: string }> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError('Bad limit', [{ path: 'limit', message: 'a whole number from 1 to 100' }]);
    }
    const start = options.cursor === undefined ? undefined : decodeUnknownCursor(options.cursor);
    try {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :unknown',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':unknown': UNKNOWN_SMS_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const items = (page.Items ?? []).map((item) => ({
        from: text(item.from),
        to: text(item.to),
        body: text(item.body),
        receivedAt: text(item.receivedAt),
      }));
      const cursor = encodeCursor(page.LastEvaluatedKey);
      return { items, ...(cursor ? { cursor } : {}) };
    } catch (error) {
      throw toDomainError(error, 'Listing inbound SMS from unknown numbers');
    }
  }

  async claimUnknownAnswer(phone: string, day: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(`SMSIN#${hashOf(phone)}`, day),
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + 3 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Claiming an answer to an unknown number');
    }
  }
}
