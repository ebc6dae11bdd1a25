/**
 * Counts what a local run would cost on AWS. The port-level counts come from the local runner's own
 * fault-injection plan (`local/faults.ts`: a `FaultPlan` that never fails still counts every call to
 * DynamoDB, the queues, the timers, SMS, email and the deadline function). On top of it, this meter adds
 * what the plan does not tell apart:
 *
 * - DynamoDB per operation and per function, with the capacity each call consumed
 *   (`ReturnConsumedCapacity: TOTAL`, answered by dynalite) and the writes to the global secondary
 *   indexes that real DynamoDB bills but dynalite does not report (derived from the index keys written);
 * - the SQS calls Lambda's event source mapping makes on our behalf (one `ReceiveMessage` and one
 *   `DeleteMessageBatch` per non-empty batch), and the Lambda invocations they cause;
 * - Scheduler `CreateSchedule` vs `DeleteSchedule`, and the deadline and reconciler invocations.
 *
 * Calls are attributed to the function running at the time (the local runtime runs one at a time).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalApp } from '../../local/app';
import type { FaultPlan, FaultPort } from '../../local/faults';
import type { LocalQueue } from '../../local/queues';
import { INDEXES, type QueueName, TABLE_KEYS } from '../../shared/settings';

/** The Lambda functions of the stack (plus `other`: setup work outside any function). */
export type FunctionLabel =
  | 'authorizer'
  | 'intake'
  | 'leads'
  | 'links'
  | 'board'
  | 'hooks'
  | 'ops'
  | 'dispatcher'
  | 'notifier'
  | 'deadline'
  | 'reconciler'
  | 'other';

export interface DynamoTotals {
  calls: number;
  /** Calls that failed (a failed conditional write is still billed). */
  failed: number;
  readUnits: number;
  /** Write units on the table itself. */
  writeUnits: number;
  /** Write units on the global secondary indexes (one per index entry written: entries are < 1 KB). */
  indexWriteUnits: number;
  /** Items returned (`Count`, or 1 for a `GetItem` that found its item). */
  itemsReturned: number;
  /** Items the engine looked at (`ScannedCount`; for `GetItem` the item found). */
  itemsScanned: number;
}

export interface MeterSnapshot {
  /** Per function, per DynamoDB operation (`GetItem`, `PutItem`, `Query`...). */
  dynamo: Record<string, Record<string, DynamoTotals>>;
  /** The fault plan's counts per port: every call made through it. */
  ports: Record<FaultPort, number>;
  /** SQS calls made by Lambda's event source mappings. */
  sqsPolling: { receives: number; deletes: number };
  timers: { creates: number; deletes: number };
  invocations: Record<string, number>;
}

const CONSUMERS: Record<QueueName, FunctionLabel> = {
  dispatch: 'dispatcher',
  'notify-urgent': 'notifier',
  'notify-standard': 'notifier',
};

const OPERATION_NAMES: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** `PutCommand` / `PutItemCommand` → `PutItem`. */
export const operationOf = (commandName: string): string => {
  const bare = commandName.replace(/Command$/, '');
  return OPERATION_NAMES[bare] ?? bare;
};

const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

/** A plain value from either a DocumentClient value or an `AttributeValue` (`{S: ...}`, `{N: ...}`). */
const plain = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const attribute = value as Record<string, unknown>;
  if (typeof attribute.S === 'string') return attribute.S;
  if (typeof attribute.N === 'string') return attribute.N;
  return value;
};

const primaryKeyOf = (item: Record<string, unknown>): string =>
  `${String(plain(item[TABLE_KEYS.partitionKey]))}|${String(plain(item[TABLE_KEYS.sortKey]))}`;

/** The primary key a single-item write is about. */
const keyOfWrite = (input: Record<string, unknown>): string =>
  primaryKeyOf((input.Item ?? input.Key ?? {}) as Record<string, unknown>);

/** Per index: the entry an item has in it (key and projected attributes), or nothing when sparse. */
const indexEntries = (item: Record<string, unknown>): Map<string, { key: string; projected: string }> => {
  const entries = new Map<string, { key: string; projected: string }>();
  for (const index of Object.values(INDEXES)) {
    const pk = plain(item[index.partitionKey]);
    const sk = plain(item[index.sortKey]);
    if (pk === undefined || sk === undefined) continue;
    const projected = JSON.stringify(index.include.map((name) => plain(item[name]) ?? null));
    entries.set(index.name, { key: `${String(pk)}|${String(sk)}`, projected });
  }
  return entries;
};

/**
 * Index writes a table write causes, as DynamoDB bills them: an entry added or removed is one write, an
 * entry whose index key changed is two (delete + put), an entry whose projected attributes changed is
 * one, an unchanged entry is none.
 */
const indexWrites = (
  before: Map<string, { key: string; projected: string }> | undefined,
  after: Map<string, { key: string; projected: string }>,
): number => {
  let writes = 0;
  for (const index of Object.values(INDEXES)) {
    const old = before?.get(index.name);
    const now = after.get(index.name);
    if (!old && !now) continue;
    if (!old || !now) writes += 1;
    else if (old.key !== now.key) writes += 2;
    else if (old.projected !== now.projected) writes += 1;
  }
  return writes;
};

const emptyTotals = (): DynamoTotals => ({
  calls: 0,
  failed: 0,
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  itemsReturned: 0,
  itemsScanned: 0,
});

const capacityOf = (output: Record<string, unknown>): number => {
  const consumed = output.ConsumedCapacity as
    | { CapacityUnits?: number }
    | { CapacityUnits?: number }[]
    | undefined;
  if (Array.isArray(consumed)) return consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  return consumed?.CapacityUnits ?? 0;
};

export class Meter {
  private current: FunctionLabel = 'other';
  private readonly dynamo: Record<string, Record<string, DynamoTotals>> = {};
  private readonly sqsPolling = { receives: 0, deletes: 0 };
  private readonly timers = { creates: 0, deletes: 0 };
  private readonly invocations: Record<string, number> = {};
  /** Index entries of every item written through the client (to bill index writes as DynamoDB does). */
  private readonly shadow = new Map<string, Map<string, { key: string; projected: string }>>();
  /** Write units of the last `PutItem` of each item: what a refused conditional write on it costs. */
  private readonly storedUnits = new Map<string, number>();

  constructor(
    private readonly faults: FaultPlan,
    client: DynamoDBClient,
    app: LocalApp,
  ) {
    this.attachDynamo(client);
    this.wrapQueues(app);
    this.wrapScheduler(app);
    this.wrapReconciler(app);
  }

  /** The function now running: later calls are attributed to it. */
  enter(label: FunctionLabel): void {
    this.current = label;
  }

  /** One invocation of `label` (API functions and the authorizer are counted by the caller). */
  invoke(label: FunctionLabel): void {
    this.invocations[label] = (this.invocations[label] ?? 0) + 1;
    this.current = label;
  }

  snapshot(): MeterSnapshot {
    return structuredClone({
      dynamo: this.dynamo,
      ports: { ...this.faults.calls },
      sqsPolling: this.sqsPolling,
      timers: this.timers,
      invocations: this.invocations,
    });
  }

  private totals(operation: string): DynamoTotals {
    this.dynamo[this.current] ??= {};
    const byOperation = this.dynamo[this.current] as Record<string, DynamoTotals>;
    byOperation[operation] ??= emptyTotals();
    return byOperation[operation] as DynamoTotals;
  }

  private attachDynamo(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = operationOf(String(context.commandName ?? 'Unknown'));
        const input = args.input as Record<string, unknown>;
        const totals = this.totals(operation);
        totals.calls += 1;
        const request = CAPACITY_OPERATIONS.has(operation)
          ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } }
          : args;
        try {
          const result = await next(request);
          const output = result.output as unknown as Record<string, unknown>;
          const units = capacityOf(output);
          if (WRITE_OPERATIONS.has(operation)) {
            totals.writeUnits += units;
            if (operation === 'PutItem') this.storedUnits.set(keyOfWrite(input), units);
          } else totals.readUnits += units;
          totals.indexWriteUnits += this.indexWriteUnits(operation, input);
          if (operation === 'GetItem') {
            const found = output.Item === undefined ? 0 : 1;
            totals.itemsReturned += found;
            totals.itemsScanned += found;
          } else if (operation === 'BatchGetItem') {
            const found = Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce(
              (sum, items) => sum + items.length,
              0,
            );
            totals.itemsReturned += found;
            totals.itemsScanned += found;
          } else if (typeof output.Count === 'number') {
            totals.itemsReturned += output.Count;
            totals.itemsScanned +=
              typeof output.ScannedCount === 'number' ? output.ScannedCount : output.Count;
          }
          return result;
        } catch (error) {
          totals.failed += 1;
          // A write refused by its condition is still billed, by the size of the item already there.
          if (WRITE_OPERATIONS.has(operation))
            totals.writeUnits += this.storedUnits.get(keyOfWrite(input)) ?? 1;
          throw error;
        }
      },
      { step: 'initialize', name: 'benchMeter' },
    );
  }

  /** Index write units of a successful write; the shadow follows what the table now holds. */
  private indexWriteUnits(operation: string, input: Record<string, unknown>): number {
    if (operation === 'PutItem') {
      const item = input.Item as Record<string, unknown>;
      const key = primaryKeyOf(item);
      const after = indexEntries(item);
      const writes = indexWrites(this.shadow.get(key), after);
      this.shadow.set(key, after);
      return writes;
    }
    if (operation === 'DeleteItem') {
      const key = primaryKeyOf(input.Key as Record<string, unknown>);
      const writes = indexWrites(this.shadow.get(key), new Map());
      this.shadow.delete(key);
      return writes;
    }
    if (operation === 'UpdateItem') {
      // Updates here touch the SMS pacer and failure records; an update naming an index key is counted
      // as one write of that index (an approximation: no update in the happy path does so).
      const names = new Set(Object.values((input.ExpressionAttributeNames ?? {}) as Record<string, string>));
      return Object.values(INDEXES).filter(
        (index) => names.has(index.partitionKey) || names.has(index.sortKey),
      ).length;
    }
    return 0;
  }

  private wrapQueues(app: LocalApp): void {
    for (const [name, queue] of Object.entries(app.queues.queues) as [QueueName, LocalQueue][]) {
      const receive = queue.receive.bind(queue);
      const remove = queue.delete.bind(queue);
      let batchOpen = false;
      queue.receive = (max) => {
        const batch = receive(max);
        batchOpen = batch.length > 0;
        if (batchOpen) {
          // Lambda's poller received a batch and invokes the consumer with it.
          this.sqsPolling.receives += 1;
          this.invoke(CONSUMERS[name]);
        }
        return batch;
      };
      queue.delete = (id) => {
        // The poller deletes a batch's successful messages in one DeleteMessageBatch.
        if (batchOpen) this.sqsPolling.deletes += 1;
        batchOpen = false;
        remove(id);
      };
    }
  }

  private wrapScheduler(app: LocalApp): void {
    const { scheduler } = app;
    const schedule = scheduler.schedule.bind(scheduler);
    const cancel = scheduler.cancel.bind(scheduler);
    const fireDue = scheduler.fireDue.bind(scheduler);
    scheduler.schedule = (timer) => {
      this.timers.creates += 1;
      return schedule(timer);
    };
    scheduler.cancel = (name) => {
      this.timers.deletes += 1;
      return cancel(name);
    };
    scheduler.fireDue = (target) =>
      fireDue((payload) => {
        this.invoke('deadline');
        return target(payload);
      });
  }

  private wrapReconciler(app: LocalApp): void {
    const { reconciler } = app;
    const run = reconciler.run.bind(reconciler);
    reconciler.run = () => {
      this.invoke('reconciler');
      return run();
    };
  }
}

type Numeric = number | { [key: string]: Numeric };

const combine = (
  a: Numeric | undefined,
  b: Numeric | undefined,
  op: (x: number, y: number) => number,
): Numeric => {
  if (typeof a === 'number' || typeof b === 'number') return op(Number(a ?? 0), Number(b ?? 0));
  const out: Record<string, Numeric> = {};
  for (const key of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    out[key] = combine(a?.[key], b?.[key], op);
  }
  return out;
};

/** `after - before`, field by field. */
export const since = (before: MeterSnapshot, after: MeterSnapshot): MeterSnapshot =>
  combine(
    after as unknown as Numeric,
    before as unknown as Numeric,
    (x, y) => x - y,
  ) as unknown as MeterSnapshot;

/** Every count divided by `n` (per lead). */
export const perUnit = (snapshot: MeterSnapshot, n: number): MeterSnapshot =>
  combine(snapshot as unknown as Numeric, undefined, (x) => x / n) as unknown as MeterSnapshot;
