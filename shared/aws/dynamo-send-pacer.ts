/**
 * Paces standard-lane SMS below the origination number's rate (docs/product-rules.md §5: urgent messages never wait
 * behind standard ones), shared by every concurrent sender through one item in the single table:
 *
 * | item  | PK                   | SK      | notes                                        |
 * | ----- | -------------------- | ------- | -------------------------------------------- |
 * | pacer | `PACER#sms-standard` | `PACER` | `nextAt`: epoch ms of the next standard slot |
 *
 * Slots are spaced, not counted per window: one standard SMS every `1 / (perSecond × share)` seconds.
 * A window counter would let a whole window's worth go out in one burst, and at the carrier (which
 * delivers at `perSecond` and queues the rest) that burst is exactly the backlog an urgent message
 * would then wait behind. Spaced slots keep the carrier's queue empty, so an urgent message always
 * goes out within about one send interval. Taking a slot is one conditional write: it succeeds only if
 * the next slot is due, and moves it one interval ahead.
 *
 * `reserve` books the next slot even when it lies a little ahead (read, then a conditional write on the
 * value read), so a sender can wait for its own slot instead of failing and being retried a whole
 * queue visibility timeout later: with the lane's bounded concurrency the lane then sends at its full
 * paced rate.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConfigError, type Issue } from '../errors';
import type { SendPacer } from '../ports';
import { isConditionalCheckFailed, toDomainError } from './errors';

/** The key of the standard-lane SMS slot item. */
export const PACER_KEY = { PK: 'PACER#sms-standard', SK: 'PACER' } as const;

/** Pacing settings: the origination rate and the standard lane's share of it. */
export interface SendPacerSettings {
  /** Messages per second the origination number can send. */
  perSecond: number;
  /** Share of that rate the standard lane may use (the rest is headroom for urgent messages). */
  share: number;
}

/** Reads and writes a reservation may take when other senders book slots at the same time. */
const RESERVE_ATTEMPTS = 5;

/** Milliseconds between two standard-lane slots. */
export const pacerIntervalMs = (settings: SendPacerSettings): number =>
  Math.ceil(1000 / (settings.perSecond * settings.share));

/** `SendPacer` over one slot item in DynamoDB. */
export class DynamoSendPacer implements SendPacer {
  readonly intervalMs: number;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    settings: SendPacerSettings,
  ) {
    const issues: Issue[] = [];
    if (!(settings.perSecond > 0)) issues.push({ path: 'perSecond', message: 'must be positive' });
    if (!(settings.share > 0 && settings.share <= 1))
      issues.push({ path: 'share', message: 'must be in (0, 1]' });
    if (issues.length > 0) throw new ConfigError('Invalid SMS pacing settings', issues);
    this.intervalMs = pacerIntervalMs(settings);
  }

  async reserve(now: Date, maxWaitMs: number): Promise<Date | undefined> {
    const at = now.getTime();
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
      let seen: number | undefined;
      try {
        const { Item } = await this.doc.send(
          new GetCommand({ TableName: this.tableName, Key: PACER_KEY, ConsistentRead: true }),
        );
        seen = typeof Item?.nextAt === 'number' ? Item.nextAt : undefined;
      } catch (error) {
        throw toDomainError(error, 'Reading the SMS send slots');
      }
      const slot = Math.max(seen ?? at, at);
      if (slot - at > maxWaitMs) return undefined;
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: PACER_KEY,
            UpdateExpression: 'SET #nextAt = :next',
            ConditionExpression: seen === undefined ? 'attribute_not_exists(#nextAt)' : '#nextAt = :seen',
            ExpressionAttributeNames: { '#nextAt': 'nextAt' },
            ExpressionAttributeValues: {
              ':next': slot + this.intervalMs,
              ...(seen === undefined ? {} : { ':seen': seen }),
            },
          }),
        );
        return new Date(slot);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw toDomainError(error, 'Reserving an SMS send slot');
        // Another sender booked that slot first: read again.
      }
    }
    return undefined;
  }

  async tryAcquire(now: Date): Promise<boolean> {
    const at = now.getTime();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: PACER_KEY,
          UpdateExpression: 'SET #nextAt = :next',
          ConditionExpression: 'attribute_not_exists(#nextAt) OR #nextAt <= :now',
          ExpressionAttributeNames: { '#nextAt': 'nextAt' },
          ExpressionAttributeValues: { ':now': at, ':next': at + this.intervalMs },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Taking an SMS send slot');
    }
  }
}
