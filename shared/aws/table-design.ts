/**
 * The single-table layout, shared by the CDK table (`infra/`), the local runner's embedded table and
 * the store adapter, so the three cannot drift.
 *
 * | item            | PK                     | SK                 | notes                                   |
 * | --------------- | ---------------------- | ------------------ | --------------------------------------- |
 * | lead            | `LEAD#<leadId>`        | `LEAD`             | carries current handoff and timeline    |
 * | idempotency     | `idempotency#<fn>`     | `<hash>`           | Powertools Idempotency, TTL `ttl`       |
 * | config          | `CONFIG`               | `CURRENT`          | business settings + roster as JSON      |
 * | link token      | `TOKEN#<sha256>`       | `TOKEN`            | a handoff link (hash only), TTL `ttl`   |
 * | SMS pacer       | `PACER#sms-standard`   | `PACER`            | standard-lane send slots per window     |
 *
 * Indexes (sparse where noted), so that the questions the product asks are queries, never a Scan:
 * - `byPhone`  (`gsi1pk = PHONE#<e164>`, `gsi1sk = createdAt`): leads by phone in the last 24 h.
 * - `open`     (`gsi2pk = OPEN`, `gsi2sk = <dueAt>#<leadId>`), sparse: only leads not closed; "open
 *   handoffs due before T", capacity and round-robin, daily review, reconciler.
 * - `byDay`    (`gsi3pk = DAY#<YYYY-MM-DD UTC>`, `gsi3sk = createdAt#leadId`): reports by period.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;
export const TTL_ATTRIBUTE = 'ttl';

/** The one config item: business settings and roster, seeded on deploy and changeable by ops. */
export const CONFIG_KEY = { [TABLE_KEYS.partitionKey]: 'CONFIG', [TABLE_KEYS.sortKey]: 'CURRENT' } as const;

export interface IndexDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Non-key attributes copied into the index (INCLUDE projection). */
  include: string[];
}

export const INDEXES = {
  byPhone: { name: 'byPhone', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: ['status', 'createdAt'] },
  open: {
    name: 'open',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    include: [
      'status',
      'assigneeId',
      'assignedAt',
      'dueAt',
      'handoffSeq',
      'handoffState',
      'dispatch',
      'timerAt',
    ],
  },
  byDay: { name: 'byDay', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: ['status', 'createdAt'] },
} as const satisfies Record<string, IndexDesign>;
