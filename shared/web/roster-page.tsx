/**
 * `GET /board/roster` (docs/product-rules.md §4, §8): who is on call, on shift, off shift and away right now,
 * each as `Name (role)` with until or from when, in the business time zone. Reloads itself like the board.
 */
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
}

const Group = ({
  id,
  title,
  lines,
  empty,
}: {
  id: string;
  title: string;
  lines: RosterLine[];
  empty: string;
}) => (
  <section aria-labelledby={`${id}-heading`}>
    <h2 id={`${id}-heading`}>
      {title} ({lines.length})
    </h2>
    {lines.length === 0 ? (
      <p id={id}>{empty}</p>
    ) : (
      <ul class="leads" id={id}>
        {lines.map((line) => (
          <li key={line.personId} data-person={line.personId}>
            <strong>{line.who}</strong>: {line.when}
          </li>
        ))}
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
      <Group id="on-call" title="On call now" lines={props.roster.onCall} empty="Nobody is on call." />
      <Group id="on-shift" title="On shift now" lines={props.roster.onShift} empty="Nobody is on shift." />
      <Group id="off-shift" title="Off shift" lines={props.roster.offShift} empty="Nobody is off shift." />
      <Group id="away" title="Away" lines={props.roster.away} empty="Nobody is away." />
      <TimesIn timeZone={props.timeZone} />
    </Document>,
  );
