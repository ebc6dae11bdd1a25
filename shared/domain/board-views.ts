/**
 * What each board view lists (docs/product-rules.md §8), and one page of it: the leads a viewer may see,
 * narrowed by the search and filters, counted per view for the navigation, in the order of the `open`
 * index (the earliest due time first: overdue leads on top, the longest overdue first, nothing due
 * last), cut into pages at a cursor. Failed handoffs list newest first.
 */
import { involvementOf, isOwnLead, maySeeLead, type Viewer } from './board-access';
import {
  type BoardCursor,
  type BoardView,
  encodeCursor,
  type Search,
  type StatusFilter,
} from './board-query';
import { isOverdue } from './board-row';
import type { FailedHandoff } from './failures';
import { type Lead, leadDueAt, NO_DUE_AT, type Source, STAGES, type Stage } from './lead';
import { isUnownedLead } from './unowned';

/** The search and filters of a board query (the view apart). */
export interface LeadFilters {
  search?: Search;
  status?: StatusFilter;
  source?: Source;
}

/** Counts per view, for the navigation (`Overdue (3)`). */
export type ViewCounts = Partial<Record<BoardView, number>>;

/** One page of a list, and the cursor of the next page (undefined on the last). */
export interface PageOf<T> {
  items: T[];
  next?: string;
}

/** `<due>#<id>`: the `open` index's sort key; a closed lead sorts after every open one. */
export const leadSortKey = (lead: Lead): string =>
  `${lead.status === 'closed' ? NO_DUE_AT : leadDueAt(lead)}#${lead.id}`;

/** `<last seen>#<id>`: failed handoffs sort newest first on this key. */
export const failureSortKey = (failure: FailedHandoff): string => `${failure.lastSeenAt}#${failure.id}`;

/** Text as searches compare it: without accents, in lower case (`Díaz` → `diaz`). */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

const isStage = (status: StatusFilter): status is Stage => (STAGES as readonly string[]).includes(status);

/**
 * True if `lead` passes the search and filters. The lists show open leads; only a phone search finds
 * closed ones too (it matches the number). A name search matches part of the name, whatever the case
 * and accents.
 */
export const matchesFilters = (lead: Lead, filters: LeadFilters): boolean => {
  const { search, status, source } = filters;
  if (search?.kind === 'phone') {
    if (lead.phone !== search.phone) return false;
  } else if (lead.status === 'closed') {
    return false;
  }
  if (search?.kind === 'name' && !foldText(lead.fullName ?? '').includes(foldText(search.text))) return false;
  if (status !== undefined && (isStage(status) ? lead.stage : lead.status) !== status) return false;
  return source === undefined || lead.source === source;
};

/** True if `lead` belongs in `view` for `viewer` (who may see it: `maySeeLead`). */
export const inView = (view: BoardView, lead: Lead, viewer: Viewer, now: Date): boolean => {
  switch (view) {
    case 'all':
      return true;
    case 'mine':
      return isOwnLead(viewer, involvementOf(lead));
    case 'unowned':
      return isUnownedLead(lead);
    case 'overdue':
      return isOverdue(lead, now);
    case 'needs_info':
      return lead.status === 'needs_info';
    case 'failed':
      return false;
  }
};

/** Rows after the cursor (in `order`), one page of them, and the cursor of the page after. */
const pageAfter = <T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  list: BoardCursor['list'],
  cursor: BoardCursor | undefined,
  pageSize: number,
): PageOf<T> => {
  const descending = list === 'failed';
  const rest =
    cursor === undefined
      ? sorted
      : sorted.filter((item) => (descending ? keyOf(item) < cursor.after : keyOf(item) > cursor.after));
  const items = rest.slice(0, pageSize);
  const last = items.at(-1);
  return { items, ...(rest.length > pageSize && last ? { next: encodeCursor(list, keyOf(last)) } : {}) };
};

export interface LeadSelection {
  counts: ViewCounts;
  page: PageOf<Lead>;
}

/**
 * The leads of `view` that `viewer` may see and that pass `filters`, one page after `cursor`, and the
 * count of every view in `views` (failed handoffs are counted elsewhere).
 */
export const selectLeads = (input: {
  leads: readonly Lead[];
  viewer: Viewer;
  views: readonly BoardView[];
  view: BoardView;
  filters: LeadFilters;
  now: Date;
  cursor?: BoardCursor;
  pageSize: number;
}): LeadSelection => {
  const { viewer, now } = input;
  const visible = input.leads
    .filter((lead) => maySeeLead(viewer, involvementOf(lead)) && matchesFilters(lead, input.filters))
    .map((lead) => ({ key: leadSortKey(lead), lead }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const counts: ViewCounts = {};
  for (const view of input.views) {
    if (view !== 'failed')
      counts[view] = visible.filter(({ lead }) => inView(view, lead, viewer, now)).length;
  }
  const inSelected = visible.filter(({ lead }) => inView(input.view, lead, viewer, now));
  const page = pageAfter(inSelected, (entry) => entry.key, 'leads', input.cursor, input.pageSize);
  return {
    counts,
    page: { items: page.items.map((entry) => entry.lead), ...(page.next ? { next: page.next } : {}) },
  };
};

/** Open failed handoffs newest first, one page after `cursor`. */
export const selectFailures = (
  failures: readonly FailedHandoff[],
  cursor: BoardCursor | undefined,
  pageSize: number,
): PageOf<FailedHandoff> => {
  const sorted = failures
    .filter((failure) => failure.status === 'open')
    .toSorted((a, b) => (failureSortKey(a) < failureSortKey(b) ? 1 : -1));
  return pageAfter(sorted, failureSortKey, 'failed', cursor, pageSize);
};
