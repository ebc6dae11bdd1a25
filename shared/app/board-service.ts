/**
 * The board's lists (docs/product-rules.md §8): a view of the leads a person may see, narrowed by a
 * search and filters, one page at a time, with the count of every view for the navigation; the open
 * failed handoffs (§9); and one lead, if they may see it.
 *
 * Every read is a Query on an index, never a Scan: open leads come from the sparse `open` index (closed
 * leads have no entry, so the cost follows the open leads, not the table), a phone search from
 * `byPhone` (closed leads too), failed handoffs from their own partition of `open`. The open leads the
 * person might see (`mightSee`) are then read whole (one batch read per 100), because the views, the
 * name search and the filters need their names, owners and timelines.
 */
import {
  defaultViewFor,
  involvementOf,
  maySeeLead,
  mightSee,
  type Viewer,
  viewsFor,
} from '../domain/board-access';
import { type BoardQuery, type BoardView, type Search, searchOf } from '../domain/board-query';
import { type BoardRow, boardRow } from '../domain/board-row';
import { selectFailures, selectLeads, type ViewCounts } from '../domain/board-views';
import { type FailedRow, failedRow } from '../domain/failed-row';
import type { FailedHandoff } from '../domain/failures';
import type { Lead } from '../domain/lead';
import {
  type FailedListItem,
  failedListItem,
  type LeadListItem,
  leadListItem,
} from '../domain/lead-list-item';
import type { Issue } from '../errors';
import type { Clock, ConfigSource, FailureStore, LeadStore } from '../ports';
import { BOARD } from '../settings';

export interface BoardDeps {
  store: LeadStore;
  config: ConfigSource;
  clock: Clock;
  failureStore: FailureStore;
}

/** The most index pages read for one list (100 entries each): far above a small shop's open work. */
export const MAX_INDEX_PAGES = 20;

/** A phone search reads every lead with that number, however old. */
const EVER = '1970-01-01T00:00:00.000Z';

interface Listed {
  view: BoardView;
  /** The views offered, in navigation order, and how many rows each has. */
  views: readonly BoardView[];
  counts: ViewCounts;
  /** What `q` was read as, when there was one. */
  search?: Search;
  /** The cursor of the next page, when there is one. */
  next?: string;
}

/** A board list: refused (400), not offered to this person (404), or one page of leads or failures. */
export type BoardListing =
  | { kind: 'refused'; issues: Issue[] }
  | { kind: 'not_offered' }
  | (Listed & { kind: 'leads'; rows: BoardRow[]; items: LeadListItem[] })
  | (Listed & { kind: 'failed'; rows: FailedRow[]; items: FailedListItem[] });

export class BoardService {
  constructor(private readonly deps: BoardDeps) {}

  /**
   * One page of `query`'s view for `viewer`, as rows for the page and items for the JSON list. `views`
   * are the views offered (by default those of the viewer's role); another view is `not_offered`.
   */
  async list(viewer: Viewer, query: BoardQuery, views = viewsFor(viewer.role)): Promise<BoardListing> {
    const view = query.view ?? defaultViewFor(viewer.role);
    if (!views.includes(view)) return { kind: 'not_offered' };
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    let search: Search | undefined;
    if (query.q !== undefined) {
      const read = searchOf(query.q, config.business.defaultPhoneCountry);
      if (!read.ok) return { kind: 'refused', issues: [read.issue] };
      search = read.search;
    }
    const [leads, failures] = await Promise.all([
      this.leadsFor(viewer, search),
      views.includes('failed') ? this.openFailures() : Promise.resolve([]),
    ]);
    const selection = selectLeads({
      leads,
      viewer,
      views,
      view,
      filters: {
        ...(search ? { search } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.source ? { source: query.source } : {}),
      },
      now,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      pageSize: BOARD.pageSize,
    });
    const counts = { ...selection.counts, ...(views.includes('failed') ? { failed: failures.length } : {}) };
    if (view === 'failed') {
      const page = selectFailures(failures, query.cursor, BOARD.pageSize);
      const names = await this.namesOf(page.items, leads);
      return {
        kind: 'failed',
        view,
        views,
        counts,
        rows: page.items.map((failure) => failedRow(failure, names.get(failure.leadId), now)),
        items: page.items.map((failure) => failedListItem(failure, names.get(failure.leadId))),
        ...(page.next ? { next: page.next } : {}),
      };
    }
    const rows = selection.page.items.map((lead) => boardRow(lead, config, now));
    return {
      kind: 'leads',
      view,
      views,
      counts,
      ...(search ? { search } : {}),
      rows,
      items: selection.page.items.map((lead, index) => {
        const row = rows[index] ?? boardRow(lead, config, now);
        return leadListItem(lead, row, config);
      }),
      ...(selection.page.next ? { next: selection.page.next } : {}),
    };
  }

  /** One lead's row, or undefined when it does not exist or `viewer` may not see it (both 404). */
  async lead(viewer: Viewer, leadId: string): Promise<BoardRow | undefined> {
    if (!/^[0-9A-Z]{26}$/.test(leadId)) return undefined;
    const lead = await this.deps.store.get(leadId);
    if (!lead || !maySeeLead(viewer, involvementOf(lead))) return undefined;
    return boardRow(lead, await this.deps.config.load(), this.deps.clock.now());
  }

  /**
   * The leads a list starts from: every lead with the searched phone, or every open lead `viewer` might
   * see by its index entry (a tech's board does not read the leads others have accepted).
   */
  private async leadsFor(viewer: Viewer, search: Search | undefined): Promise<Lead[]> {
    if (search?.kind === 'phone') {
      const refs = await this.deps.store.findByPhoneSince(search.phone, EVER);
      return this.deps.store.getMany(refs.map((ref) => ref.leadId));
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_INDEX_PAGES; page += 1) {
      const result = await this.deps.store.listOpen({
        limit: BOARD.openPageSize,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...result.items.filter((ref) => mightSee(viewer, ref)).map((ref) => ref.leadId));
      cursor = result.cursor;
      if (!cursor) break;
    }
    const leads = await this.deps.store.getMany(ids);
    // A lead closed between the index read and the batch read is no longer open.
    return leads.filter((lead) => lead.status !== 'closed');
  }

  /** Every open failed handoff (their own partition of the `open` index). */
  private async openFailures(): Promise<FailedHandoff[]> {
    const failures: FailedHandoff[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_INDEX_PAGES; page += 1) {
      const result = await this.deps.failureStore.listOpen({
        limit: BOARD.openPageSize,
        ...(cursor ? { cursor } : {}),
      });
      failures.push(...result.items);
      cursor = result.cursor;
      if (!cursor) break;
    }
    return failures;
  }

  /** The customer names of the failures' leads: from the leads already read, the others read in one batch. */
  private async namesOf(
    failures: readonly FailedHandoff[],
    known: readonly Lead[],
  ): Promise<Map<string, string | undefined>> {
    const names = new Map<string, string | undefined>(known.map((lead) => [lead.id, lead.fullName]));
    const missing = [...new Set(failures.map((failure) => failure.leadId))].filter((id) => !names.has(id));
    if (missing.length > 0) {
      for (const lead of await this.deps.store.getMany(missing)) names.set(lead.id, lead.fullName);
    }
    return names;
  }
}
