/**
 * The board's navigation (docs/product-rules.md §8): the views with their counts (`Overdue (3)`), the
 * search and filter form (a plain GET form: it works without JavaScript), and the links between pages.
 * Links are relative to the board page, so they keep the stage prefix (`/v1`) on AWS.
 */
import {
  type BoardView,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  type StatusFilter,
  VIEW_LABELS,
} from '../domain/board-query';
import type { ViewCounts } from '../domain/board-views';
import { SOURCES, type Source } from '../domain/lead';
import { SOURCE_LABELS } from '../domain/wording';

/** The search and filters a list was asked with, as they were typed. */
export interface BoardFilters {
  q?: string;
  status?: StatusFilter;
  source?: Source;
}

/** A link to the board with these parameters (empty ones left out), e.g. `./board?view=overdue&q=Diaz`. */
export const boardHref = (
  base: string,
  parameters: BoardFilters & { view?: BoardView; cursor?: string },
): string => {
  const search = new URLSearchParams();
  for (const name of ['view', 'q', 'status', 'source', 'cursor'] as const) {
    const value = parameters[name];
    if (value) search.set(name, value);
  }
  const text = search.toString();
  return text ? `${base}?${text}` : base;
};

/** Every view offered, each with its count; the current one marked for screen readers too. */
export const ViewNav = (props: {
  base: string;
  views: readonly BoardView[];
  view: BoardView;
  counts: ViewCounts;
  filters: BoardFilters;
}) => (
  <nav aria-label="Board views">
    <ul class="views" id="views">
      {props.views.map((view) => (
        <li key={view}>
          <a
            href={boardHref(props.base, view === 'failed' ? { view } : { ...props.filters, view })}
            aria-current={view === props.view ? 'page' : undefined}
            data-view={view}
          >
            {VIEW_LABELS[view]} ({props.counts[view] ?? 0})
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/**
 * Search by phone or name, and filter by status and source, within the current view: folded away until
 * opened (or while a search or filter is in use), so the rows come first on a phone.
 */
export const FilterForm = (props: { base: string; view: BoardView; filters: BoardFilters }) => (
  <details class="filters" open={Boolean(props.filters.q || props.filters.status || props.filters.source)}>
    <summary>Search and filter</summary>
    <form method="get" action={props.base} id="filters">
      {props.view === 'failed' ? null : <input type="hidden" name="view" value={props.view} />}
      <label class="field" for="q">
        Phone number or name
      </label>
      <input type="text" id="q" name="q" value={props.filters.q ?? ''} maxLength={100} autocomplete="off" />
      <label class="field" for="status">
        Status
      </label>
      <select id="status" name="status">
        <option value="">Any status</option>
        {STATUS_FILTERS.map((status) => (
          <option key={status} value={status} selected={props.filters.status === status}>
            {STATUS_FILTER_LABELS[status]}
          </option>
        ))}
      </select>
      <label class="field" for="source">
        Source
      </label>
      <select id="source" name="source">
        <option value="">Any source</option>
        {SOURCES.map((source) => (
          <option key={source} value={source} selected={props.filters.source === source}>
            {SOURCE_LABELS[source]}
          </option>
        ))}
      </select>
      <button type="submit" class="primary">
        Show
      </button>
    </form>
  </details>
);

/** `Next page` when there is one, and `First page` when this is not the first. */
export const Pager = (props: { firstHref?: string; nextHref?: string }) =>
  props.firstHref || props.nextHref ? (
    <p class="pager" id="pager">
      {props.firstHref ? (
        <a class="tap" href={props.firstHref}>
          First page
        </a>
      ) : null}
      {props.nextHref ? (
        <a class="tap" href={props.nextHref} rel="next">
          Next page
        </a>
      ) : null}
    </p>
  ) : null;
