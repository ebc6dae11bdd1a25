/**
 * The board (docs/product-rules.md §8), read only: the open leads the signed-in person may see, next attention first,
 * each with customer, service and area, status in words, next action and due time, and "Overdue" in
 * text as well as colour. Reloads itself every minute; works without JavaScript. Views and actions
 * come later: rows link to `leads/<id>`, the bar holds the sign-out form.
 */
import type { BoardRow } from '../domain/board-row';
import { Document, renderPage } from './layout';
import { BOARD_STYLE, PAGE_STYLE } from './styles';

const STYLE = `${PAGE_STYLE}\n${BOARD_STYLE}`;

export interface BoardPageProps {
  businessName: string;
  viewerName: string;
  rows: readonly BoardRow[];
  /** The session's CSRF token, carried by every state-changing form. */
  csrfToken: string;
  /** Where the sign-out form posts, and where each lead's page is (relative to the page). */
  signOutAction: string;
  leadHref: (leadId: string) => string;
  refreshSeconds: number;
}

const Row = ({ row, href }: { row: BoardRow; href: string }) => (
  <li class={row.overdue ? 'overdue' : undefined} data-lead={row.leadId}>
    <h2>
      <a href={href}>{row.customer}</a>
    </h2>
    <p>
      {row.service} · {row.area}
    </p>
    <p>
      <strong>{row.status}</strong>
    </p>
    {row.nextAction ? <p>Next: {row.nextAction}</p> : null}
    {row.dueText ? (
      <p>
        Due {row.dueText}
        {row.overdue ? (
          <>
            {' '}
            <span class="overdue-tag">Overdue</span>
          </>
        ) : null}
      </p>
    ) : null}
  </li>
);

/** The sign-out form: posts the session's CSRF token. */
const SignOut = ({ action, csrfToken }: { action: string; csrfToken: string }) => (
  <form method="post" action={action}>
    <input type="hidden" name="csrf" value={csrfToken} />
    <button type="submit" class="secondary">
      Sign out
    </button>
  </form>
);

export const boardPage = (props: BoardPageProps): string =>
  renderPage(
    <Document
      title={`Board – ${props.businessName}`}
      style={STYLE}
      state="board"
      refreshSeconds={props.refreshSeconds}
    >
      <div class="bar">
        <span>Signed in as {props.viewerName}</span>
        <SignOut action={props.signOutAction} csrfToken={props.csrfToken} />
      </div>
      <h1>Open leads ({props.rows.length})</h1>
      {props.rows.length === 0 ? (
        <p id="empty">No open leads for you right now.</p>
      ) : (
        <ul class="leads" id="leads">
          {props.rows.map((row) => (
            <Row key={row.leadId} row={row} href={props.leadHref(row.leadId)} />
          ))}
        </ul>
      )}
    </Document>,
  );

/** One lead, read only (the lead card with its actions comes in a later slice). */
export const boardLeadPage = (businessName: string, row: BoardRow, back: string): string =>
  renderPage(
    <Document title={`${row.customer} – ${businessName}`} style={STYLE} state="board-lead">
      <p>
        <a class="tap" href={back}>
          Back to the board
        </a>
      </p>
      <ul class="leads">
        <Row row={row} href="." />
      </ul>
    </Document>,
  );
