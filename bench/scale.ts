/**
 * 5. Scale: the reconciler's query, the daily review's read of every open lead and the board's views
 * (`scale-board.ts`), with 1,000 / 10,000 / 100,000 stored leads of which 100 are open. Items read per query — `ScannedCount`, `Count`
 * and the consumed read units, counted at the DynamoDB client middleware — must not grow with the
 * table: all read the sparse `open` index, where closed leads have no entry (a phone search reads one
 * number's `byPhone` partition).
 *
 * The 100 open leads go through the real intake and dispatch. The closed ones are written straight to
 * the table with `BatchWriteItem`, each built by the store's own item mapping (`toItem`) from a real
 * lead that was accepted and then closed, so they carry the same attributes and index keys as real
 * closed leads. The review reads through `store.listOpen()` page by page (`allOpenLeads`), as the
 * end-of-day digest does; the reconciler query is the one `ReconcilerService.repairOverdue` makes.
 */

import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { allOpenLeads } from '../shared/app/lead-writes';
import { makeDocumentClient, toItem } from '../shared/aws/dynamo-lead-store';
import type { Lead } from '../shared/domain/lead';
import { RECONCILER } from '../shared/settings';
import { boardReads, measureBoard } from './scale-board';
import { benchLead, benchPhone, IN_HOURS } from './support/leads';
import { type DynamoTotals, type MeterSnapshot, since } from './support/meter';
import { ACCEPT_FORM, type BenchPipeline, linkFor, startPipeline } from './support/pipeline';
import type { SectionResult } from './support/report';
import { grouped, progress, round } from './support/stats';

const OPEN_LEADS = 100;
const BATCH = 25;
const CONCURRENCY = 8;

interface QueryFigures {
  /** Read requests (Query pages, and any GetItem/BatchGetItem a reader makes after them). */
  queries: number;
  itemsScanned: number;
  itemsReturned: number;
  readUnits: number;
  ms: number;
}

const readsOf = (diff: MeterSnapshot): Omit<QueryFigures, 'ms'> => {
  const out = { queries: 0, itemsScanned: 0, itemsReturned: 0, readUnits: 0 };
  for (const operations of Object.values(diff.dynamo)) {
    for (const [operation, t] of Object.entries(operations) as [string, DynamoTotals][]) {
      if (!['Query', 'Scan', 'GetItem', 'BatchGetItem'].includes(operation)) continue;
      out.queries += t.calls;
      out.itemsScanned += t.itemsScanned;
      out.itemsReturned += t.itemsReturned;
      out.readUnits += t.readUnits;
    }
  }
  return { ...out, readUnits: round(out.readUnits, 2) };
};

const measured = async (pipe: BenchPipeline, run: () => Promise<unknown>): Promise<QueryFigures> => {
  const meter = pipe.meter;
  if (!meter) throw new Error('the pipeline must be metered');
  const before = meter.snapshot();
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  return { ...readsOf(since(before, meter.snapshot())), ms: round(ms, 1) };
};

/** Pages through the reconciler's query as `repairOverdue` does (overdue = due before `now − grace`). */
const reconcilerQuery = async (pipe: BenchPipeline, now: number): Promise<number> => {
  const grace = Math.min(RECONCILER.dispatchGraceSeconds, RECONCILER.deadlineGraceSeconds) * 1000;
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await pipe.app.deps.store.listOpen({
      dueBefore: new Date(now - grace).toISOString(),
      ...(cursor ? { cursor } : {}),
    });
    seen += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return seen;
};

/** Writes closed leads `from`..`to-1` (ids, phones and creation times of their own), 25 per batch. */
const seedClosed = async (
  doc: DynamoDBDocumentClient,
  tableName: string,
  template: Lead,
  from: number,
  to: number,
): Promise<void> => {
  const base = Date.parse(template.createdAt);
  let next = from;
  const worker = async () => {
    while (next < to) {
      const first = next;
      next = Math.min(to, next + BATCH);
      const items = [];
      for (let i = first; i < Math.min(to, first + BATCH); i += 1) {
        const createdAt = new Date(base - (i + 1) * 7 * 60_000).toISOString(); // one every 7 minutes, back in time
        const lead: Lead = {
          ...template,
          id: `C${String(i).padStart(25, '0')}`,
          phone: benchPhone(300_000 + i),
          createdAt,
          updatedAt: createdAt,
        };
        items.push({ PutRequest: { Item: toItem(lead) } });
      }
      let request: Record<string, typeof items> | undefined = { [tableName]: items };
      for (let attempt = 0; request && attempt < 10; attempt += 1) {
        const answer: BatchWriteCommandOutput = await doc.send(
          new BatchWriteCommand({ RequestItems: request }),
        );
        const left = answer.UnprocessedItems?.[tableName];
        request = left && left.length > 0 ? { [tableName]: left as typeof items } : undefined;
      }
      if (request) throw new Error('BatchWriteItem left items unprocessed');
      const end = Math.min(to, first + BATCH);
      if (Math.floor(end / 10_000) > Math.floor(first / 10_000))
        progress(`scale: ${grouped(end)} closed leads written`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
};

export const runScale = async (options: { sizes?: number[] } = {}): Promise<SectionResult> => {
  const sizes = options.sizes ?? [1_000, 10_000, 100_000];
  const pipe = await startPipeline({ start: IN_HOURS, metered: true });
  try {
    const { app, clock } = pipe;
    progress(`scale: ${OPEN_LEADS} open leads through intake`);
    const ids: string[] = [];
    for (let n = 0; n < OPEN_LEADS; n += 1) ids.push(await pipe.postLead(benchLead(400_000 + n)));

    // A real closed lead to copy: one more lead, accepted through its link, then closed.
    const templateId = await pipe.postLead(benchLead(499_999));
    const link = linkFor(app, templateId)?.link;
    if (!link) throw new Error('no link for the template lead');
    await pipe.request('POST', new URL(link).pathname, { form: ACCEPT_FORM });
    const accepted = await app.deps.store.get(templateId);
    if (accepted?.status !== 'accepted') throw new Error('the template lead was not accepted');
    const closed: Lead = {
      ...accepted,
      status: 'closed',
      stage: 'closed_won',
      version: accepted.version + 1,
    };
    await app.deps.store.replace(closed, accepted.version);
    const itemBytes = Buffer.byteLength(JSON.stringify(toItem(closed)));

    const doc = makeDocumentClient(pipe.client);
    // A closed lead every size has (the sixth copy): the board's phone search looks for it.
    const board = boardReads(benchPhone(300_005));
    const levels: Record<string, unknown>[] = [];
    let stored = OPEN_LEADS + 1;
    for (const size of sizes) {
      const t0 = performance.now();
      await seedClosed(doc, pipe.tableName, closed, stored - OPEN_LEADS - 1, size - OPEN_LEADS);
      const seedSeconds = round((performance.now() - t0) / 1000, 1);
      stored = size;
      const now = clock.now().getTime();
      const reconcilerNow = await measured(pipe, () => reconcilerQuery(pipe, now));
      const reconcilerAllDue = await measured(pipe, () => reconcilerQuery(pipe, now + 7 * 86_400_000));
      let openSeen = 0;
      // The daily review's read: every open lead through the `open` index, page by page.
      const review = await measured(pipe, async () => {
        openSeen = (await allOpenLeads(app.deps.store)).length;
      });
      progress(`scale: ${grouped(size)} leads: review read ${review.itemsScanned} items (${openSeen} open)`);
      const boardFigures = await measureBoard(pipe, board, (run) => measured(pipe, run));
      levels.push({
        storedLeads: size,
        openLeads: openSeen,
        seedSeconds,
        reconcilerNow,
        reconcilerAllDue,
        review,
        ...boardFigures,
      });
    }

    const scanned = (key: string) => levels.map((l) => (l[key] as QueryFigures).itemsScanned);
    const flat = (values: number[]) => Math.max(...values) <= Math.min(...values) * 1.1;
    const flatCheck = (figure: string, key: string) => ({
      figure,
      measured: scanned(key)
        .map((n) => grouped(n))
        .join(' / '),
      target: 'flat (same at every size)',
      pass: flat(scanned(key)),
    });
    const row = (label: string, key: string) =>
      levels.map((l) => {
        const q = l[key] as QueryFigures;
        return [
          label,
          grouped(l.storedLeads as number),
          q.queries,
          grouped(q.itemsScanned),
          grouped(q.itemsReturned),
          q.readUnits,
          q.ms,
          grouped(l.storedLeads as number),
        ];
      });
    return {
      id: 'scale',
      title: `5. Scale: items read per query as the table grows (${OPEN_LEADS} open leads)`,
      figures: { openLeads: OPEN_LEADS, closedItemBytes: itemBytes, levels },
      checks: [
        flatCheck('daily review: items read at each size', 'review'),
        flatCheck('reconciler, every open lead overdue: items read', 'reconcilerAllDue'),
        flatCheck('reconciler, now: items read', 'reconcilerNow'),
        ...board.map((read) => flatCheck(`${read.label}: items read`, read.key)),
      ],
      tables: [
        {
          header: [
            'query',
            'stored leads',
            'requests',
            'items read (ScannedCount)',
            'items returned',
            'RRU',
            'ms (dynalite)',
            'a Scan would read',
          ],
          rows: [
            ...row('daily review: every open lead (`listOpen()`, all pages)', 'review'),
            ...row('reconciler: overdue now (`listOpen({dueBefore})`)', 'reconcilerNow'),
            ...row('reconciler: every open lead overdue (worst case)', 'reconcilerAllDue'),
            ...board.flatMap((read) => row(read.label, read.key)),
          ],
        },
      ],
      notes: [
        `Closed leads are copies of a real accepted-then-closed lead (${grouped(itemBytes)} bytes as JSON), written with BatchWriteItem through the store's \`toItem\`; seeding took ${levels.map((l) => `${l.seedSeconds} s`).join(', ')}.`,
        'Items read are counted at the DynamoDB client middleware from each Query answer (ScannedCount, Count, ConsumedCapacity).',
        "Board views are `BoardService.list`, as `GET /board` and `GET /leads` call it: the `open` index page by page, the failed-handoff partition, then the open leads themselves (BatchGetItem) for their names, owners and timelines; a phone search reads that number's `byPhone` partition instead of `open`.",
      ],
    };
  } finally {
    await pipe.stop();
  }
};
