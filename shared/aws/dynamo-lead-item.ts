/**
 * The DynamoDB item of a lead (see the table layout in `shared/settings.ts`): its keys, the index keys and the attributes the
 * `open` index projects, all derived from the lead by `toItem` — never by callers — so they cannot
 * disagree with the lead they describe; and the way back, from items and index entries to leads and refs.
 */
import {
  assigneeOf,
  LEAD_STATUSES,
  type Lead,
  type LeadStatus,
  leadDueAt,
  leadTimerAt,
  NO_DUE_AT,
  STAGES,
} from '../domain/lead';
import type { LeadRef, OpenLeadRef } from '../ports';
import { INDEXES, TABLE_KEYS } from '../settings';
import { CorruptItemError } from './errors';

/** The DynamoDB item of a lead: the lead's own fields plus keys and index attributes. */
export type LeadItem = Record<string, unknown>;

const LEAD_PREFIX = 'LEAD#';
const LEAD_SK = 'LEAD';
/** The one partition of the sparse `open` index. */
export const OPEN_PARTITION = 'OPEN';

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

/** The `byPhone` partition of a phone. */
export const phonePartition = (phone: string): string => `PHONE#${phone}`;

/** The `byDay` partition of a UTC day (`YYYY-MM-DD`). */
export const dayPartition = (day: string): string => `DAY#${day}`;

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
    gsi3pk: dayPartition(utcDay(lead.createdAt, lead.id)),
    gsi3sk: `${lead.createdAt}#${lead.id}`,
  };
  if (lead.phone) {
    item.gsi1pk = phonePartition(lead.phone);
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
    item.timerAt = leadTimerAt(lead);
  }
  return item;
};

/** Type guards for reading items back. */
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
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

/** The ref an `open` index entry stands for (`CorruptItemError` if it is not one of ours). */
export const toOpenLeadRef = (item: Record<string, unknown>): OpenLeadRef => {
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

/** The ref a `byPhone` or `byDay` index entry stands for (`CorruptItemError` if it is not one of ours). */
export const toLeadRef = (item: Record<string, unknown>): LeadRef => {
  const leadId = leadIdOf(item[TABLE_KEYS.partitionKey]);
  if (leadId === undefined || !isOneOf(LEAD_STATUSES, item.status) || !isString(item.createdAt)) {
    throw new CorruptItemError(`Phone index entry ${String(item[TABLE_KEYS.partitionKey])} is corrupt`);
  }
  const status: LeadStatus = item.status;
  return { leadId, status, createdAt: item.createdAt };
};
