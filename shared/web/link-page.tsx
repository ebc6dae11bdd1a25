/**
 * The pages behind a handoff link, `GET/POST /h/{token}`: one per `LinkPageState`. Mobile-first and
 * accessible, with no script and no external asset (the CSP is `default-src 'none'; style-src
 * 'unsafe-inline'; form-action 'self'`); every value is escaped by the renderer.
 */
import type { ComponentChildren } from 'preact';
import { formatLocalDate } from '../domain/date-wording';
import type { HandoffNote } from '../domain/handoff-note';
import type { LinkPageState } from '../domain/link-page-state';
import { formatLocal } from '../domain/time';
import { Document, renderPage } from './layout';
import { leadCardPage } from './lead-card-page';
import { NoteSection, Summary, TimesIn } from './note';
import { OpenPage } from './open-page';
import { PAGE_STYLE } from './styles';

/** A short page: its heading, a status line, and what it means for the reader. */
const OutcomePage = ({
  title,
  heading = title,
  state,
  status,
  children,
}: {
  title: string;
  heading?: string;
  state: LinkPageState['kind'];
  status: string;
  children: ComponentChildren;
}) => (
  <Document title={title} style={PAGE_STYLE} state={state}>
    <h1>{heading}</h1>
    <div class="status" role="status" id="status">
      {status}
    </div>
    {children}
  </Document>
);

interface AcceptedProps {
  note: HandoffNote;
  acceptedAt: string;
  byYou: boolean;
  timeZone: string;
}

const AcceptedPage = ({ note, acceptedAt, byYou, timeZone }: AcceptedProps) => {
  const when = formatLocal(new Date(acceptedAt), timeZone);
  if (!byYou) {
    // Someone else owns it now: say who, and show nothing of the customer beyond the name.
    const who = note.currentOwner?.name ?? 'someone else';
    return (
      <OutcomePage title="Lead accepted" state="accepted" status={`Accepted by ${who} at ${when}.`}>
        <p>
          {note.leadName} (reference {note.leadId}) is owned. Nothing more to do from you.
        </p>
      </OutcomePage>
    );
  }
  return (
    <OutcomePage
      title="Lead accepted"
      state="accepted"
      status={`Accepted by you at ${when}. It is your lead now.`}
    >
      <Summary note={note} />
      <section aria-labelledby="next-heading">
        <h2 id="next-heading">Your next action</h2>
        <p id="next-action">
          <strong>{note.nextAction}</strong>
          <br />
          Due {formatLocalDate(note.dueAt, note.timeZone)}
        </p>
      </section>
      <NoteSection note={note} />
      <TimesIn timeZone={note.timeZone} />
    </OutcomePage>
  );
};

const RejectedPage = ({ note, reasonLabel }: { note: HandoffNote; reasonLabel: string }) => (
  <OutcomePage
    title="Sent back to intake"
    state="rejected"
    status={`You sent it back to intake: ${reasonLabel}.`}
  >
    <p>
      {note.leadName} (reference {note.leadId}): intake will complete the record and hand it on again. Nothing
      more to do from you.
    </p>
  </OutcomePage>
);

const MovedPage = ({ leadName, message }: { leadName: string; message: string }) => (
  <OutcomePage title="This lead has moved" state="moved" status={`${leadName}: ${message}`}>
    <p>This link no longer accepts or sends back the lead. Nothing was changed.</p>
  </OutcomePage>
);

const ExpiredPage = () => (
  <OutcomePage
    title="Link expired"
    heading="This link has expired"
    state="expired"
    status="Nothing was changed."
  >
    <p>Handoff links work for a limited time. If this lead still needs you, ask the office for a new link.</p>
  </OutcomePage>
);

const NotFoundPage = () => (
  <OutcomePage title="Link not recognised" state="not_found" status="Nothing was changed.">
    <p>Check that you opened the whole link from the message.</p>
  </OutcomePage>
);

/** The HTML page for a link state: complete, self-contained and safe to serve as `text/html`. */
export const linkPage = (state: LinkPageState): string => {
  switch (state.kind) {
    case 'open':
      return renderPage(<OpenPage note={state.note} actionUrl={state.actionUrl} error={state.error} />);
    case 'accepted':
      return renderPage(
        <AcceptedPage
          note={state.note}
          acceptedAt={state.acceptedAt}
          byYou={state.byYou}
          timeZone={state.timeZone}
        />,
      );
    case 'rejected':
      return renderPage(<RejectedPage note={state.note} reasonLabel={state.reasonLabel} />);
    case 'moved':
      return renderPage(<MovedPage leadName={state.leadName} message={state.message} />);
    case 'expired':
      return renderPage(<ExpiredPage />);
    case 'not_found':
      return renderPage(<NotFoundPage />);
    case 'card':
      return leadCardPage(state.card);
  }
};
