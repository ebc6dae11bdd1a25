/**
 * The board (docs/product-rules.md §8): one view of the leads the signed-in person may see — or the
 * failed handoffs, for the roles that see every lead — with every view and its count in the navigation,
 * a search and filter form, and page links. Overdue and unowned are said in words as well as colour;
 * times are the business's local time. Reloads itself every minute; works without JavaScript.
 */
import type { BoardView, Search } from '../domain/board-query';
import type { BoardRow } from '../domain/board-row';
import type { ViewCounts } from '../domain/board-views';
import type { FailedRow } from '../domain/failed-row';
import { type BoardFilters, boardHref, FilterForm, Pager, ViewNav } from './board-nav';
import { FailureRow, LeadRow, RetryAll } from './board-rows';
import { CaptureSection } from './capture-section';
import { Document, renderPage } from './layout';
import { BOARD_STYLE, PAGE_STYLE } from './styles';

const STYLE = `${PAGE_STYLE}\n${BOARD_STYLE}`;

/** The rows of the page: leads, or failed handoffs. */
export type BoardList =
  | { kind: 'leads'; rows: readonly BoardRow[] }
  | { kind: 'failed'; rows: readonly FailedRow[] };

export interface BoardPageProps {
  businessName: string;
  viewerName: string;
  /** The business's time zone (every time on the page is its local time). */
  timeZone: string;
  view: BoardView;
  views: readonly BoardView[];
  counts: ViewCounts;
  filters: BoardFilters;
  search?: Search;
  list: BoardList;
  /** True when this is not the first page; `next` is the cursor of the page after, if any. */
  paged: boolean;
  next?: string;
  /** The session's CSRF token, carried by every state-changing form. */
  csrfToken: string;
  /**
   * The board page (the roster page is `<base>/roster`), the sign-out form, each lead, and the retry
   * forms (all relative to the page).
   */
  base: string;
  signOutAction: string;
  leadHref: (leadId: string) => string;
  retryAction: (failureId: string) => string;
  retryAllAction: string;
  refreshSeconds: number;
}

const TITLES: Readonly<Record<BoardView, string>> = {
  all: 'All open leads',
  mine: 'My leads',
  unowned: 'Unowned leads',
  overdue: 'Overdue leads',
  needs_info: 'Leads that need information',
  failed: 'Failed handoffs',
};

/** The sign-out form: posts the session's CSRF token. */
const SignOut = ({ action, csrfToken }: { action: string; csrfToken: string }) => (
  <form method="post" action={action}>
    <input type="hidden" name="csrf" value={csrfToken} />
    <button type="submit" class="secondary">
      Sign out
    </button>
  </form>
);

const SearchNote = ({ search }: { search: Search | undefined }) => {
  if (search === undefined) return null;
  return (
    <p class="hint" id="search-note">
      {search.kind === 'phone'
        ? `Leads with the number ${search.phone}, closed ones included.`
        : `Open leads whose name contains “${search.text}”.`}
    </p>
  );
};

const Rows = (props: BoardPageProps) => {
  const { list } = props;
  if (list.rows.length === 0) {
    return (
      <p id="empty">
        {list.kind === 'failed' ? 'No failed handoffs right now.' : 'No leads here right now.'}
      </p>
    );
  }
  if (list.kind === 'failed') {
    return (
      <>
        <RetryAll action={props.retryAllAction} csrfToken={props.csrfToken} />
        <ul class="leads" id="failures">
          {list.rows.map((row) => (
            <FailureRow
              key={row.failureId}
              row={row}
              leadHref={props.leadHref(row.leadId)}
              retryAction={props.retryAction(row.failureId)}
              csrfToken={props.csrfToken}
            />
          ))}
        </ul>
      </>
    );
  }
  return (
    <ul class="leads" id="leads">
      {list.rows.map((row) => (
        <LeadRow key={row.leadId} row={row} href={props.leadHref(row.leadId)} />
      ))}
    </ul>
  );
};

export const boardPage = (props: BoardPageProps): string => {
  const here = { ...(props.view === 'failed' ? {} : props.filters), view: props.view };
  return renderPage(
    <Document
      title={`Board – ${props.businessName}`}
      style={STYLE}
      state="board"
      refreshSeconds={props.refreshSeconds}
    >
      <div class="bar">
        <span>
          Signed in as {props.viewerName} ·{' '}
          <a class="tap" href={`${props.base}/roster`} id="roster-link">
            Who is working now
          </a>
        </span>
        <SignOut action={props.signOutAction} csrfToken={props.csrfToken} />
      </div>
      <ViewNav
        base={props.base}
        views={props.views}
        view={props.view}
        counts={props.counts}
        filters={props.filters}
      />
      <h1>
        {TITLES[props.view]} ({props.counts[props.view] ?? 0})
      </h1>
      {props.view === 'failed' ? null : (
        <FilterForm base={props.base} view={props.view} filters={props.filters} />
      )}
      <SearchNote search={props.search} />
      <p class="hint">Times are the business’s local time ({props.timeZone}).</p>
      <Rows {...props} />
      <Pager
        {...(props.paged ? { firstHref: boardHref(props.base, here) } : {})}
        {...(props.next ? { nextHref: boardHref(props.base, { ...here, cursor: props.next }) } : {})}
      />
    </Document>,
  );
};
