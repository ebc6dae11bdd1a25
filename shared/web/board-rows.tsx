/**
 * The board's rows (docs/product-rules.md §8, §9). A lead row says everything in words — overdue and
 * unowned as text as well as colour — and links to the lead. A failed-handoff row says which lead, which
 * step, why and how long ago, with a Retry button; Retry all sits above the list. Both retry forms post
 * the session's CSRF token (the routes that take them belong to the board's actions).
 */
import type { BoardRow } from '../domain/board-row';
import { TEST_LEAD_LABEL } from '../domain/capture-words';
import type { FailedRow } from '../domain/failed-row';

const Tag = ({ kind, children }: { kind: string; children: string }) => (
  <>
    {' '}
    <span class={`tag ${kind}-tag`}>{children}</span>
  </>
);

/** One lead: name (and urgency when urgent), service and area, status, owner or whom it waits on, next action, due, last contact, source. */
export const LeadRow = ({ row, href }: { row: BoardRow; href: string }) => {
  const classes = [row.overdue ? 'overdue' : '', row.unowned ? 'unowned' : '', row.closed ? 'closed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes || undefined} data-lead={row.leadId}>
      <h2>
        <a href={href}>{row.customer}</a>
        {row.urgent ? <Tag kind="urgent">{row.urgent}</Tag> : null}
        {row.overdue ? <Tag kind="overdue">Overdue</Tag> : null}
        {row.unowned ? <Tag kind="unowned">Unowned</Tag> : null}
        {row.capture.test ? <Tag kind="test">{TEST_LEAD_LABEL}</Tag> : null}
        {row.closed && !row.capture.test ? <Tag kind="closed">Closed</Tag> : null}
      </h2>
      <p>
        {row.service} · {row.area}
      </p>
      <p>
        <strong>{row.stage}</strong> · {row.status}
      </p>
      {row.nextAction ? <p>Next: {row.nextAction}</p> : null}
      {row.dueText ? (
        <p>
          Due {row.dueText}
          {row.overdue ? ' (overdue)' : ''}
        </p>
      ) : null}
      <p>Last contact: {row.lastContact}</p>
      <p>Source: {row.source}</p>
    </li>
  );
};

/** A form that posts only the session's CSRF token, with one button. */
const PostButton = (props: { action: string; csrfToken: string; label: string; primary?: boolean }) => (
  <form method="post" action={props.action}>
    <input type="hidden" name="csrf" value={props.csrfToken} />
    <button type="submit" class={props.primary ? 'primary' : 'secondary'}>
      {props.label}
    </button>
  </form>
);

/** One failed handoff with its Retry button. */
export const FailureRow = (props: {
  row: FailedRow;
  leadHref: string;
  retryAction: string;
  csrfToken: string;
}) => (
  <li data-failure={props.row.failureId}>
    <h2>
      <a href={props.leadHref}>{props.row.customer}</a>
    </h2>
    <p>{props.row.step}</p>
    <p>Why: {props.row.reason}</p>
    <p>
      First seen {props.row.age} ago · {props.row.attempts}
    </p>
    <PostButton action={props.retryAction} csrfToken={props.csrfToken} label="Retry" />
  </li>
);

/** Retry every open failed handoff at once. */
export const RetryAll = (props: { action: string; csrfToken: string }) => (
  <div class="retry-all" id="retry-all">
    <PostButton action={props.action} csrfToken={props.csrfToken} label="Retry all" primary />
  </div>
);
