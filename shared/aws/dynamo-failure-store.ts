/**
 * Failed-handoff records in the single table:
 *
 * | item           | PK             | SK        | notes                                                       |
 * | -------------- | -------------- | --------- | ----------------------------------------------------------- |
 * | failed handoff | `FAILURE#<id>` | `FAILURE` | while open: `gsi2pk = FAILED`, `gsi2sk = <lastSeenAt>#<id>` |
 *
 * Open records sit in their own partition of the sparse `open` index, so listing them is a Query
 * (most recently seen first) plus a BatchGetItem, never a Scan; a resolved record leaves the index.
 * A report is one atomic `UpdateItem` (attempts added, first-seen kept, last-seen moved, reopened),
 * so any number of concurrent reports of the same failure add up exactly; the previous values it
 * returns say whether the record is new (or reopened).
 */
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FAILURE_ID_PATTERN, type FailedHandoff, type FailureReport, failureId } from '../domain/failures';
import { ValidationError } from '../errors';
import type { FailureStore, Page } from '../ports';
import { INDEXES } from '../settings';
import { decodeCursor, encodeCursor } from './cursor-codec';
import { isConditionalCheckFailed, toDomainError } from './errors';

const OPEN_PARTITION = 'FAILED';
const PREFIX = 'FAILURE#';
const key = (id: string) => ({ PK: `${PREFIX}${id}`, SK: 'FAILURE' });

const FIELDS = [
  'id',
  'leadId',
  'seq',
  'kind',
  'what',
  'reason',
  'attempts',
  'firstSeenAt',
  'lastSeenAt',
  'status',
  'resolvedAt',
  'resolution',
  'retry',
] as const;

const fromItem = (item: Record<string, unknown>): FailedHandoff =>
  Object.fromEntries(
    FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as unknown as FailedHandoff;

const CURSOR_KEYS = ['PK', 'SK', INDEXES.open.partitionKey, INDEXES.open.sortKey] as const;

/**
 * A cursor is exactly a key this store handed out: a failed-handoff record's key (a valid failure id),
 * the failed partition of the `open` index and the sort key `<lastSeenAt>#<the same id>`. Anything else,
 * forged or oversized, is refused before DynamoDB sees it (`cursor-codec.ts`).
 */
const decodeFailureCursor = (cursor: string): Record<string, string> =>
  decodeCursor(cursor, CURSOR_KEYS, (key) => {
    const id = key.PK.startsWith(PREFIX) ? key.PK.slice(PREFIX.length) : '';
    const sortKey = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(.+)$/.exec(key[INDEXES.open.sortKey]);
    return (
      FAILURE_ID_PATTERN.test(id) &&
      key.SK === 'FAILURE' &&
      key[INDEXES.open.partitionKey] === OPEN_PARTITION &&
      sortKey?.[2] === id
    );
  });

export class DynamoFailureStore implements FailureStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<FailedHandoff | undefined> {
    try {
      const result = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: key(id), ConsistentRead: true }),
      );
      return result.Item ? fromItem(result.Item) : undefined;
    } catch (error) {
      throw toDomainError(error, `Reading failed handoff ${id}`);
    }
  }

  async record(report: FailureReport, now: Date): Promise<{ failure: FailedHandoff; created: boolean }> {
    const id = failureId(report);
    const at = now.toISOString();
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(id),
          UpdateExpression:
            'SET #id = :id, leadId = :leadId, seq = :seq, kind = :kind, what = :what, reason = :reason, ' +
            '#retry = :retry, #status = :open, firstSeenAt = if_not_exists(firstSeenAt, :at), lastSeenAt = :at, ' +
            '#gpk = :failed, #gsk = :gsk ADD attempts :attempts REMOVE resolvedAt, resolution',
          ExpressionAttributeNames: {
            '#id': 'id',
            '#retry': 'retry',
            '#status': 'status',
            '#gpk': INDEXES.open.partitionKey,
            '#gsk': INDEXES.open.sortKey,
          },
          ExpressionAttributeValues: {
            ':id': id,
            ':leadId': report.leadId,
            ':seq': report.seq,
            ':kind': report.kind,
            ':what': report.what,
            ':reason': report.reason,
            ':retry': report.retry,
            ':open': 'open',
            ':at': at,
            ':failed': OPEN_PARTITION,
            ':gsk': `${at}#${id}`,
            ':attempts': report.attempts,
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const old = result.Attributes ?? {};
      const failure: FailedHandoff = {
        id,
        leadId: report.leadId,
        seq: report.seq,
        kind: report.kind,
        what: report.what,
        reason: report.reason,
        attempts: (typeof old.attempts === 'number' ? old.attempts : 0) + report.attempts,
        firstSeenAt: typeof old.firstSeenAt === 'string' ? old.firstSeenAt : at,
        lastSeenAt: at,
        status: 'open',
        retry: report.retry,
      };
      // New, or reopened after it was resolved: either way ops must see it again.
      return { failure, created: old.status !== 'open' };
    } catch (error) {
      throw toDomainError(error, `Recording failed handoff ${id}`);
    }
  }

  async resolve(id: string, resolution: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(id),
          UpdateExpression:
            'SET #status = :resolved, resolvedAt = :at, resolution = :resolution REMOVE #gpk, #gsk',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#gpk': INDEXES.open.partitionKey,
            '#gsk': INDEXES.open.sortKey,
          },
          ExpressionAttributeValues: {
            ':resolved': 'resolved',
            ':open': 'open',
            ':at': now.toISOString(),
            ':resolution': resolution,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, `Resolving failed handoff ${id}`);
    }
  }

  async listOpen(options: { limit?: number; cursor?: string } = {}): Promise<Page<FailedHandoff>> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError('Bad limit', [{ path: 'limit', message: 'a whole number from 1 to 100' }]);
    }
    const start = options.cursor ? decodeFailureCursor(options.cursor) : undefined;
    try {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.open.name,
          KeyConditionExpression: '#pk = :failed',
          ExpressionAttributeNames: { '#pk': INDEXES.open.partitionKey },
          ExpressionAttributeValues: { ':failed': OPEN_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ PK: item.PK, SK: item.SK }));
      const items = keys.length ? await this.batchGet(keys) : [];
      const order = new Map(keys.map((k, index) => [String(k.PK), index]));
      const failures = items
        .filter((item) => item.status === 'open')
        .sort((a, b) => (order.get(String(a.PK)) ?? 0) - (order.get(String(b.PK)) ?? 0))
        .map(fromItem);
      return {
        items: failures,
        ...(page.LastEvaluatedKey ? { cursor: encodeCursor(page.LastEvaluatedKey) } : {}),
      };
    } catch (error) {
      throw toDomainError(error, 'Listing failed handoffs');
    }
  }

  private async batchGet(keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = keys;
    for (let round = 0; pending.length > 0 && round < 5; round += 1) {
      const result = await this.doc.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }
}
