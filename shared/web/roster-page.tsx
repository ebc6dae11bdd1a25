/**
 * `GET /board/roster` (docs/product-rules.md §4, §8, §12): who is on call, on shift, off shift and away right
 * now, each as `Name (role)` with until or from when, in the business time zone. Beside each person the
 * viewer may change (the office roles: anyone; everyone else: themselves), a form sets them away for a
 * while (1 hour, 2 hours, 4 hours, the rest of today) or back now: plain posts with the session's CSRF
 * token, no script needed. Reloads itself like the board.
 */
import { AWAY_CHOICES } from '../domain/away';
import type { RosterLine, RosterNow } from '../domain/roster-now';
import { Document, renderPage } from './layout';
import { TimesIn } from './note';
import { BOARD_STYLE, PAGE_STYLE } from './styles';

const STYLE = `${PAGE_STYLE}\n${BOARD_STYLE}`;

export interface RosterPageProps {
  businessName: string;
  roster: RosterNow;
  timeZone: string;
  /** `Wed 10:00 AM`: the time the page describes. */
  nowText: string;
  /** Where the board is (relative to the page). */
  boardHref: string;
  refreshSeconds: number;
  /** The roster ids the viewer may set away or back. */
  changeable: readonly string[];
  csrfToken: string;
}

/** Where a person's away and back forms post, relative to the page (`/board/roster`). */
const postTo = (personId: string, what: 'away' | 'back') =>
  `./roster/${encodeURIComponent(personId)}/${what}`;

const AwayForm = ({ line, csrfToken }: { line: RosterLine; csrfToken: string }) => {
  const id = `away-for-${line.personId}`;
  return (
    <form class="away-form" method="post" action={postTo(line.personId, 'away')}>
      <input type="hidden" name="csrf" value={csrfToken} />
      <label for={id}>Away for</label>
      <select id={id} name="for">
        {Object.entries(AWAY_CHOICES).map(([value, choice]) => (
          <option key={value} value={value}>
            {choice.label}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Set away
      </button>
    </form>
  );
};

const BackForm = ({ line, csrfToken }: { line: RosterLine; csrfToken: string }) => (
  <form class="away-form" method="post" action={postTo(line.personId, 'back')}>
    <input type="hidden" name="csrf" value={csrfToken} />
    <button type="submit" class="secondary">
      Back now
    </button>
  </form>
);

const Group = ({
  id,
  title,
  lines,
  empty,
  page,
}: {
  id: string;
  title: string;
  lines: RosterLine[];
  empty: string;
  page: RosterPageProps;
}) => (
  <section aria-labelledby={`${id}-heading`}>
    <h2 id={`${id}-heading`}>
      {title} ({lines.length})
    </h2>
    {lines.length === 0 ? (
      <p id={id}>{empty}</p>
    ) : (
      <ul class="leads" id={id}>
        {lines.map((line) => {
          const mayChange = page.changeable.includes(line.personId);
          return (
            <li key={line.personId} data-person={line.personId}>
              <strong>{line.who}</strong>: {line.when}
              {mayChange && line.awayUntil !== undefined ? (
                <BackForm line={line} csrfToken={page.csrfToken} />
              ) : null}
              {mayChange ? <AwayForm line={line} csrfToken={page.csrfToken} /> : null}
            </li>
          );
        })}
      </ul>
    )}
  </section>
);

export const rosterPage = (props: RosterPageProps): string =>
  renderPage(
    <Document
      title={`Who is working – ${props.businessName}`}
      style={STYLE}
      state="roster"
      refreshSeconds={props.refreshSeconds}
    >
      <p>
        <a class="tap" href={props.boardHref}>
          Back to the board
        </a>
      </p>
      <h1>Who is working now</h1>
      <p id="now">As of {props.nowText}.</p>
      <Group
        id="on-call"
        title="On call now"
        lines={props.roster.onCall}
        empty="Nobody is on call."
        page={props}
      />
      <Group
        id="on-shift"
        title="On shift now"
        lines={props.roster.onShift}
        empty="Nobody is on shift."
        page={props}
      />
      <Group
        id="off-shift"
        title="Off shift"
        lines={props.roster.offShift}
        empty="Nobody is off shift."
        page={props}
      />
      <Group id="away" title="Away" lines={props.roster.away} empty="Nobody is away." page={props} />
      <TimesIn timeZone={props.timeZone} />
    </Document>,
  );
