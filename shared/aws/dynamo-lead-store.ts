/**
 * The lead store over DynamoDB (see the table layout in `shared/settings.ts`): one item per lead
 * carrying its current handoff and timeline, every state change a single-item conditional write on `version`. The index keys and
 * the attributes the `open` index projects are derived here, from the lead, by `toItem` — never by
 * callers — so they cannot disagree with the lead they describe.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  assigneeOf,
  followUpTimerAt,
  LEAD_STATUSES,
  type Lead,
  type LeadStatus,
  leadDueAt,
  NO_DUE_AT,
  STAGES,
} from '../domain/lead';
import { AlreadyExistsError, ConflictError, TransientError, ValidationError } from '../errors';
import type { LeadRef, LeadStore, OpenLeadRef, Page } from '../ports';
import { INDEXES, TABLE_KEYS } from '../settings';
import { CorruptItemError, isConditionalCheckFailed, toDomainError } from './errors';

/** The DynamoDB item of a lead: the lead's own fields plus keys and index attributes. */
export type LeadItem = Record<string, unknown>;

const LEAD_PREFIX = 'LEAD#';
const LEAD_SK = 'LEAD';
const OPEN_PARTITION = 'OPEN';

/** The due time of an open lead with nothing due: sorts after every real deadline in the `open` index. */
export { NO_DUE_AT };

/** Attributes written only for the indexes; `fromItem` drops them. */
const DERIVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(INDEXES).flatMap((index) => [index.partitionKey, index.sortKey]),
  // What the `open` index projects, except `status`, which is the lead's own field.
  ...INDEXES.open.include.filter((name) => name !== 'status'),
]);

/** The primary key of a lead item. */
export const leadKey = (leadId: string): { PK: string; SK: string } => ({
  PK: `${LEAD_PREFIX}${leadId}`,
  SK: LEAD_SK,
});

const leadIdOf = (pk: unknown): string | undefined =>
  typeof pk === 'string' && pk.startsWith(LEAD_PREFIX) ? pk.slice(LEAD_PREFIX.length) : undefined;

const utcDay = (iso: string, leadId: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`Lead ${leadId} has an invalid createdAt`);
  return new Date(time).toISOString().slice(0, 10);
};

/**
 * The item for a lead: its fields plus `PK`/`SK`, `byPhone` keys when it has a phone, `byDay` keys,
 * and — only while it is not closed — the sparse `open` keys and the attributes that index projects.
 */
export const toItem = (lead: Lead): LeadItem => {
  const item: LeadItem = {
    ...lead,
    ...leadKey(lead.id),
    gsi3pk: `DAY#${utcDay(lead.createdAt, lead.id)}`,
    gsi3sk: `${lead.createdAt}#${lead.id}`,
  };
  if (lead.phone) {
    item.gsi1pk = `PHONE#${lead.phone}`;
    item.gsi1sk = lead.createdAt;
  }
  if (lead.status !== 'closed') {
    const dueAt = leadDueAt(lead);
    item.gsi2pk = OPEN_PARTITION;
    item.gsi2sk = `${dueAt}#${lead.id}`;
    item.assigneeId = assigneeOf(lead)?.id;
    item.assignedAt = lead.handoff?.createdAt;
    item.dueAt = dueAt;
    item.handoffSeq = lead.handoff?.seq;
    item.handoffState = lead.handoff?.state;
    item.dispatch = lead.handoff?.dispatch;
    item.timerAt = followUpTimerAt(lead);
  }
  return item;
};

const isString = (value: unknown): value is string => typeof value === 'string';
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/** Checks the fields every lead has; a missing one means the item was not written by `toItem`. */
const shapeProblems = (lead: Record<string, unknown>): string[] => {
  const problems: string[] = [];
  if (!isString(lead.id)) problems.push('id');
  if (typeof lead.version !== 'number' || !Number.isInteger(lead.version)) problems.push('version');
  if (!isString(lead.createdAt)) problems.push('createdAt');
  if (!isString(lead.updatedAt)) problems.push('updatedAt');
  if (!isString(lead.channel)) problems.push('channel');
  if (!isString(lead.source)) problems.push('source');
  if (!isString(lead.fit)) problems.push('fit');
  if (!isOneOf(LEAD_STATUSES, lead.status)) problems.push('status');
  if (!isOneOf(STAGES, lead.stage)) problems.push('stage');
  if (!Array.isArray(lead.missing)) problems.push('missing');
  if (!Array.isArray(lead.timeline)) problems.push('timeline');
  if (lead.handoff !== undefined && (typeof lead.handoff !== 'object' || lead.handoff === null)) {
    problems.push('handoff');
  }
  return problems;
};

/** The lead stored in an item: keys and index attributes stripped, shape checked (`CorruptItemError`). */
export const fromItem = (item: LeadItem): Lead => {
  const lead: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!DERIVED_ATTRIBUTES.has(name)) lead[name] = value;
  }
  const id = leadIdOf(item[TABLE_KEYS.partitionKey]) ?? (isString(lead.id) ? lead.id : '(unknown)');
  const problems = shapeProblems(lead);
  if (lead.id !== id) problems.push('id does not match the key');
  if (problems.length > 0) {
    throw new CorruptItemError(`Stored lead ${id} is corrupt: bad ${[...new Set(problems)].join(', ')}`);
  }
  return lead as unknown as Lead;
};

const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const OPEN_CURSOR_KEYS = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  INDEXES.open.partitionKey,
  INDEXES.open.sortKey,
] as const;

/** Reads a cursor back; anything that is not a key of the `open` index is a `ValidationError`. */
const decodeOpenCursor = (cursor: string): Record<string, string> => {
  const invalid = (cause?: unknown): ValidationError =>
    new ValidationError(
      'Invalid cursor',
      [{ path: 'cursor', message: 'not a cursor returned by this list' }],
      {
        cause,
      },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalid(error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const key: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!isString(value) || !(OPEN_CURSOR_KEYS as readonly string[]).includes(name)) throw invalid();
    key[name] = value;
  }
  if (entries.length !== OPEN_CURSOR_KEYS.length || key[INDEXES.open.partitionKey] !== OPEN_PARTITION) {
    throw invalid();
  }
  return key;
};

const toOpenLeadRef = (item: Record<string, unknown>): OpenLeadRef => {
  const leadId = leadIdOf(item[TABLE_KEYS.partitionKey]);
  if (leadId === undefined || !isOneOf(LEAD_STATUSES, item.status)) {
    throw new CorruptItemError(`Open index entry ${String(item[TABLE_KEYS.partitionKey])} is corrupt`);
  }
  const ref: OpenLeadRef = { leadId, status: item.status };
  if (isString(item.assigneeId)) ref.assigneeId = item.assigneeId;
  if (isString(item.assignedAt)) ref.assignedAt = item.assignedAt;
  if (isString(item.dueAt)) ref.dueAt = item.dueAt;
  if (typeof item.handoffSeq === 'number') ref.handoffSeq = item.handoffSeq;
  if (isString(item.handoffState)) ref.handoffState = item.handoffState;
  if (item.dispatch === 'pending' || item.dispatch === 'done') ref.dispatch = item.dispatch;
  if (isString(item.timerAt)) ref.timerAt = item.timerAt;
  return ref;
};

const toLeadRef = (item: Record<string, unknown>): LeadRef => {
  const leadId = leadIdOf(item[TABLE_KEYS.partitionKey]);
  if (leadId === undefined || !isOneOf(LEAD_STATUSES, item.status) || !isString(item.createdAt)) {
    throw new CorruptItemError(`Phone index entry ${String(item[TABLE_KEYS.partitionKey])} is corrupt`);
  }
  const status: LeadStatus = item.status;
  return { leadId, status, createdAt: item.createdAt };
};

/**
 * A DocumentClient for the store: drops `undefined` (optional lead fields) and refuses class instances,
 * so a lead is always written as the plain data it is.
 */
export const makeDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

/** `LeadStore` over one DynamoDB table; SDK errors surface as domain errors (`toDomainError`). */
export class DynamoLeadStore implements LeadStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Lead | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: leadKey(id), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : fromItem(Item);
    } catch (error) {
      throw toDomainError(error, `Reading lead ${id}`);
    }
  }

  async create(lead: Lead): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(lead),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AlreadyExistsError(`Lead ${lead.id} already exists`, { cause: error });
      }
      throw toDomainError(error, `Creating lead ${lead.id}`);
    }
  }

  async replace(lead: Lead, expectedVersion: number): Promise<void> {
    if (lead.version !== expectedVersion + 1) {
      throw new Error(
        `Lead ${lead.id}: the new state must carry version ${expectedVersion + 1}, not ${lead.version}`,
      );
    }
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(lead),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new ConflictError(
          `Lead ${lead.id} is no longer at version ${expectedVersion} (or is missing)`,
          {
            cause: error,
          },
        );
      }
      throw toDomainError(error, `Replacing lead ${lead.id}`);
    }
  }

  async findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]> {
    const refs: LeadRef[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: INDEXES.byPhone.name,
            KeyConditionExpression: '#pk = :pk AND #sk >= :since',
            ExpressionAttributeNames: { '#pk': INDEXES.byPhone.partitionKey, '#sk': INDEXES.byPhone.sortKey },
            ExpressionAttributeValues: { ':pk': `PHONE#${phone}`, ':since': sinceIso },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
          }),
        );
        refs.push(...(page.Items ?? []).map(toLeadRef));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    } catch (error) {
      throw toDomainError(error, 'Finding leads by phone');
    }
    return refs;
  }

  async listOpen(
    options: { dueBefore?: string; limit?: number; cursor?: string } = {},
  ): Promise<Page<OpenLeadRef>> {
    const { dueBefore, limit, cursor } = options;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new ValidationError('Invalid limit', [{ path: 'limit', message: 'must be a positive integer' }]);
    }
    const startKey = cursor === undefined ? undefined : decodeOpenCursor(cursor);
    const names: Record<string, string> = { '#pk': INDEXES.open.partitionKey };
    const values: Record<string, string> = { ':open': OPEN_PARTITION };
    let condition = '#pk = :open';
    if (dueBefore !== undefined) {
      names['#sk'] = INDEXES.open.sortKey;
      values[':before'] = dueBefore;
      condition += ' AND #sk < :before';
    }
    try {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
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
        cursor: encodeCursor(page.LastEvaluatedKey),
      };
    } catch (error) {
      throw toDomainError(error, 'Listing open leads');
    }
  }

  async listCreated(fromIso: string, toIso: string): Promise<LeadRef[]> {
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
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await this.doc.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: INDEXES.byDay.name,
              KeyConditionExpression: '#pk = :day AND #sk BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#pk': INDEXES.byDay.partitionKey, '#sk': INDEXES.byDay.sortKey },
              ExpressionAttributeValues: {
                ':day': `DAY#${new Date(day).toISOString().slice(0, 10)}`,
                ':from': fromIso,
                // Sort keys are `<createdAt>#<id>`, so `<toIso>#<id>` sorts after `toIso`: `to` is excluded.
                ':to': toIso,
              },
              ExclusiveStartKey: startKey,
            }),
          );
          refs.push(...(page.Items ?? []).map(toLeadRef));
          startKey = page.LastEvaluatedKey;
        } while (startKey !== undefined);
      }
    } catch (error) {
      throw toDomainError(error, 'Listing leads by day');
    }
    return refs;
  }

  async getMany(ids: readonly string[]): Promise<Lead[]> {
    const leads: Lead[] = [];
    const unique = [...new Set(ids)];
    try {
      for (let start = 0; start < unique.length; start += BATCH_GET_MAX) {
        let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_MAX).map(leadKey);
        for (let attempt = 0; keys.length > 0; attempt += 1) {
          if (attempt >= BATCH_GET_ATTEMPTS) throw new TransientError('Batch read left keys unprocessed');
          const result = await this.doc.send(
            new BatchGetCommand({
              RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          leads.push(...(result.Responses?.[this.tableName] ?? []).map(fromItem));
          keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
    } catch (error) {
      throw toDomainError(error, 'Reading leads');
    }
    const order = new Map(unique.map((id, index) => [id, index]));
    return leads.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
}

const DAY_MS = 86_400_000;
/** The longest range `listCreated` reads (a report week plus a margin for time zones). */
const MAX_CREATED_RANGE_MS = 15 * DAY_MS;
/** DynamoDB's BatchGetItem limit. */
const BATCH_GET_MAX = 100;
const BATCH_GET_ATTEMPTS = 5;
