/**
 * The lead store's reads over the indexes (see the table layout in `shared/settings.ts`): by phone, the sparse `open` index
 * with its cursors, by day, and batch reads. SDK errors surface as domain errors (`toDomainError`).
 */
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Lead } from '../domain/lead';
import { DAY_MS } from '../domain/wording';
import { TransientError, ValidationError } from '../errors';
import type { LeadRef, OpenLeadRef, Page } from '../ports';
import { INDEXES, TABLE_KEYS } from '../settings';
import { decodeCursor, encodeCursor } from './cursor-codec';
import {
  dayPartition,
  fromItem,
  leadKey,
  OPEN_PARTITION,
  phonePartition,
  toLeadRef,
  toOpenLeadRef,
} from './dynamo-lead-item';
import { toDomainError } from './errors';

/** The table the lead store reads. */
export interface LeadTable {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** The longest range `listCreated` reads (a report week plus a margin for time zones). */
const MAX_CREATED_RANGE_MS = 15 * DAY_MS;
/** DynamoDB's BatchGetItem limit. */
const BATCH_GET_MAX = 100;
const BATCH_GET_ATTEMPTS = 5;

const OPEN_CURSOR_KEYS = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  INDEXES.open.partitionKey,
  INDEXES.open.sortKey,
] as const;

/** A lead id as the lead item's key holds it (ULIDs; other stores' tests use UUIDs). */
const LEAD_ID = /^[0-9A-Za-z-]{1,64}$/;
/** An `open` index sort key: `<dueAt>#<lead id>`, the due time an ISO instant. */
const OPEN_SORT_KEY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)#(.+)$/;

/**
 * The `open` list's cursor codec: a cursor is read back only when it is a key of the `open` index as
 * `toItem` writes it (partition `OPEN`, a lead item's key, and the sort key `<dueAt>#<the same id>`);
 * anything else, forged or oversized, is a `ValidationError` (see `cursor-codec.ts`).
 */
export const openLeadCursor = {
  encode: encodeCursor,
  decode: (cursor: string): Record<string, string> =>
    decodeCursor(cursor, OPEN_CURSOR_KEYS, (key) => {
      const pk = key[TABLE_KEYS.partitionKey];
      const id = pk.startsWith('LEAD#') ? pk.slice('LEAD#'.length) : '';
      const sortKey = OPEN_SORT_KEY.exec(key[INDEXES.open.sortKey]);
      return (
        LEAD_ID.test(id) &&
        key[TABLE_KEYS.sortKey] === 'LEAD' &&
        key[INDEXES.open.partitionKey] === OPEN_PARTITION &&
        sortKey?.[2] === id
      );
    }),
};

/** Every lead ref one index query matches, page after page. */
const queryAllRefs = async (
  table: LeadTable,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<LeadRef[]> => {
  const refs: LeadRef[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: startKey }),
    );
    refs.push(...(page.Items ?? []).map(toLeadRef));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return refs;
};

/** Leads with this phone created at or after `sinceIso`, newest first (index `byPhone`, every page). */
export const findByPhoneSince = async (
  table: LeadTable,
  phone: string,
  sinceIso: string,
): Promise<LeadRef[]> => {
  try {
    return await queryAllRefs(table, {
      IndexName: INDEXES.byPhone.name,
      KeyConditionExpression: '#pk = :pk AND #sk >= :since',
      ExpressionAttributeNames: { '#pk': INDEXES.byPhone.partitionKey, '#sk': INDEXES.byPhone.sortKey },
      ExpressionAttributeValues: { ':pk': phonePartition(phone), ':since': sinceIso },
      ScanIndexForward: false,
    });
  } catch (error) {
    throw toDomainError(error, 'Finding leads by phone');
  }
};

/** One page of the `open` index in due order; `dueBefore` keeps entries due strictly before it. */
export const listOpen = async (
  table: LeadTable,
  options: { dueBefore?: string; limit?: number; cursor?: string } = {},
): Promise<Page<OpenLeadRef>> => {
  const { dueBefore, limit, cursor } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new ValidationError('Invalid limit', [{ path: 'limit', message: 'must be a positive integer' }]);
  }
  const startKey = cursor === undefined ? undefined : openLeadCursor.decode(cursor);
  const names: Record<string, string> = { '#pk': INDEXES.open.partitionKey };
  const values: Record<string, string> = { ':open': OPEN_PARTITION };
  let condition = '#pk = :open';
  if (dueBefore !== undefined) {
    names['#sk'] = INDEXES.open.sortKey;
    values[':before'] = dueBefore;
    condition += ' AND #sk < :before';
  }
  try {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: INDEXES.open.name,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (page.Items ?? []).map(toOpenLeadRef),
      cursor: openLeadCursor.encode(page.LastEvaluatedKey),
    };
  } catch (error) {
    throw toDomainError(error, 'Listing open leads');
  }
};

/** Leads created in `[fromIso, toIso)`: one `byDay` query per UTC day, at most 15 days. */
export const listCreated = async (table: LeadTable, fromIso: string, toIso: string): Promise<LeadRef[]> => {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from || to - from > MAX_CREATED_RANGE_MS) {
    throw new ValidationError('Invalid range', [
      { path: 'range', message: `a valid range of at most ${MAX_CREATED_RANGE_MS / DAY_MS} days` },
    ]);
  }
  const refs: LeadRef[] = [];
  try {
    for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
      refs.push(
        ...(await queryAllRefs(table, {
          IndexName: INDEXES.byDay.name,
          KeyConditionExpression: '#pk = :day AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': INDEXES.byDay.partitionKey, '#sk': INDEXES.byDay.sortKey },
          ExpressionAttributeValues: {
            ':day': dayPartition(new Date(day).toISOString().slice(0, 10)),
            ':from': fromIso,
            // Sort keys are `<createdAt>#<id>`, so `<toIso>#<id>` sorts after `toIso`: `to` is excluded.
            ':to': toIso,
          },
        })),
      );
    }
  } catch (error) {
    throw toDomainError(error, 'Listing leads by day');
  }
  return refs;
};

/** Strongly consistent batch read in the order of `ids`, each once; unknown ids are left out. */
export const getMany = async (table: LeadTable, ids: readonly string[]): Promise<Lead[]> => {
  const leads: Lead[] = [];
  const unique = [...new Set(ids)];
  try {
    for (let start = 0; start < unique.length; start += BATCH_GET_MAX) {
      let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_MAX).map(leadKey);
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt >= BATCH_GET_ATTEMPTS) throw new TransientError('Batch read left keys unprocessed');
        const result = await table.doc.send(
          new BatchGetCommand({
            RequestItems: { [table.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        leads.push(...(result.Responses?.[table.tableName] ?? []).map(fromItem));
        keys = (result.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
  } catch (error) {
    throw toDomainError(error, 'Reading leads');
  }
  const order = new Map(unique.map((id, index) => [id, index]));
  return leads.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
};
