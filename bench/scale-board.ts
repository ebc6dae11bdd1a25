/**
 * The board's lists in the scale section: each view as the board asks for it (`BoardService.list`, the
 * same call `GET /board` and `GET /leads` make), with the table holding 1,000 / 10,000 / 100,000 leads
 * of which 100 are open. Items read must not grow with the table: the lists read the sparse `open`
 * index (closed leads have no entry) and then the open leads themselves; a phone search reads the
 * `byPhone` partition of one number, closed leads included.
 */
import { BoardService } from '../shared/app/board-service';
import type { Viewer } from '../shared/domain/board-access';
import type { BoardQuery } from '../shared/domain/board-query';
import type { BenchPipeline } from './support/pipeline';

const MANAGER: Viewer = { id: 'priya', role: 'office_manager' };
const TECH: Viewer = { id: 'tomas', role: 'tech' };

/** One board read the bench measures. */
export interface BoardRead {
  key: string;
  label: string;
  viewer: Viewer;
  query: BoardQuery;
}

/** `+15122300005` → `(512) 230-0005`: a phone typed as people type it. */
const national = (e164: string): string => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

/** The views measured; `closedPhone` is the E.164 phone of one closed lead. */
export const boardReads = (closedPhone: string): BoardRead[] => [
  { key: 'boardAll', label: 'board: all open leads (office manager)', viewer: MANAGER, query: {} },
  { key: 'boardMine', label: 'board: mine (a tech)', viewer: TECH, query: {} },
  { key: 'boardOverdue', label: 'board: overdue', viewer: MANAGER, query: { view: 'overdue' } },
  { key: 'boardFailed', label: 'board: failed handoffs', viewer: MANAGER, query: { view: 'failed' } },
  { key: 'boardName', label: 'board: search by name', viewer: MANAGER, query: { q: 'bench cust' } },
  {
    key: 'boardPhone',
    label: 'board: search by phone (a closed lead)',
    viewer: MANAGER,
    query: { q: national(closedPhone) },
  },
];

/**
 * Measures each read with `measure` (which counts what DynamoDB read while it runs); a read that does
 * not answer a list, or a phone search that misses its lead, stops the bench.
 */
export const measureBoard = async <F>(
  pipe: BenchPipeline,
  reads: readonly BoardRead[],
  measure: (run: () => Promise<unknown>) => Promise<F>,
): Promise<Record<string, F & { rows: number }>> => {
  const board = new BoardService(pipe.app.deps);
  const figures: Record<string, F & { rows: number }> = {};
  for (const read of reads) {
    let rows = 0;
    const figure = await measure(async () => {
      const listing = await board.list(read.viewer, read.query);
      if (listing.kind !== 'leads' && listing.kind !== 'failed') {
        throw new Error(`${read.label}: the board answered ${listing.kind}`);
      }
      rows = listing.rows.length;
    });
    if (read.key === 'boardPhone' && rows !== 1) throw new Error(`${read.label}: found ${rows} leads, not 1`);
    figures[read.key] = { ...figure, rows };
  }
  return figures;
};
