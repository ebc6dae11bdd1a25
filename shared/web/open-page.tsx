/**
 * The page of a handoff waiting for its recipient: the note, and the Accept and Send back forms. Opening
 * it changes nothing; only its forms post.
 */
import { formatLocalDate } from '../domain/date-wording';
import type { HandoffNote } from '../domain/handoff-note';
import { REJECT_REASONS, type RejectReason } from '../domain/lead';
import {
  CONFIRMATION_LABELS,
  CONFIRMATIONS,
  type Confirmation,
  REJECT_TEXT_MAX_LENGTH,
} from '../domain/link-page-state';
import { REJECT_REASON_LABELS } from '../domain/wording';
import { Document } from './layout';
import { NoteSection, Summary, TimesIn } from './note';
import { PAGE_STYLE } from './styles';

const stepLine = (note: HandoffNote): string => {
  switch (note.kind) {
    case 'escalation':
      return 'This lead was escalated to you. ';
    case 'renotify':
      return `Reminder${note.reminder === undefined ? '' : ` ${note.reminder}`}: this lead still needs an owner. `;
    case 'transfer':
      return 'This lead is being transferred to you. ';
    case 'needs_info':
      return 'This lead is incomplete: complete it, then hand it on. ';
    case 'route':
      return '';
  }
};

const ConfirmationBox = ({ confirmation, note }: { confirmation: Confirmation; note: HandoffNote }) => {
  const id = `confirm-${confirmation}`;
  const extra =
    confirmation === 'knows_deadline'
      ? ` (next action due ${formatLocalDate(note.dueAt, note.timeZone)})`
      : '';
  return (
    <label class="choice" for={id}>
      <input type="checkbox" id={id} name="confirm" value={confirmation} required />{' '}
      <span>{CONFIRMATION_LABELS[confirmation] + extra}</span>
    </label>
  );
};

const ReasonRadio = ({ reason }: { reason: RejectReason }) => {
  const id = `reason-${reason}`;
  return (
    <label class="choice" for={id}>
      <input type="radio" id={id} name="reason" value={reason} required />{' '}
      <span>{REJECT_REASON_LABELS[reason]}</span>
    </label>
  );
};

const AcceptForm = ({ note, actionUrl }: { note: HandoffNote; actionUrl: string }) => (
  <section aria-labelledby="accept-heading">
    <h2 id="accept-heading">Accept</h2>
    <form id="accept-form" method="post" action={actionUrl} enctype="application/x-www-form-urlencoded">
      <fieldset>
        <legend>Before you accept, confirm that:</legend>
        {CONFIRMATIONS.map((confirmation) => (
          <ConfirmationBox key={confirmation} confirmation={confirmation} note={note} />
        ))}
      </fieldset>
      <button type="submit" class="primary" id="accept-button" name="action" value="accept">
        Accept this lead
      </button>
    </form>
  </section>
);

const RejectForm = ({ actionUrl }: { actionUrl: string }) => (
  <section aria-labelledby="reject-heading">
    <h2 id="reject-heading">Send back to intake</h2>
    <p class="hint">
      If the record is missing something you need, send it back with the reason. Intake completes it and hands
      it on again.
    </p>
    <form id="reject-form" method="post" action={actionUrl} enctype="application/x-www-form-urlencoded">
      <fieldset>
        <legend>What is missing?</legend>
        {REJECT_REASONS.map((reason) => (
          <ReasonRadio key={reason} reason={reason} />
        ))}
      </fieldset>
      <label class="field" for="reject-text">
        Details
      </label>
      <p class="hint" id="reject-text-hint">
        Required when the reason is Other. At most {REJECT_TEXT_MAX_LENGTH} characters.
      </p>
      <textarea
        id="reject-text"
        name="text"
        rows={4}
        maxLength={REJECT_TEXT_MAX_LENGTH}
        aria-describedby="reject-text-hint"
      />
      <button type="submit" class="secondary" id="reject-button" name="action" value="reject">
        Send back to intake
      </button>
    </form>
  </section>
);

export interface OpenPageProps {
  note: HandoffNote;
  actionUrl: string;
  /** After a refused post: what to fix, in an alert at the top. */
  error: string | undefined;
}

export const OpenPage = ({ note, actionUrl, error }: OpenPageProps) => (
  <Document title={`Handoff: ${note.urgencyLabel}, ${note.serviceLabel}`} style={PAGE_STYLE} state="open">
    <h1>Accept this lead?</h1>
    {error === undefined ? null : (
      <div class="alert" role="alert" id="error">
        {error}
      </div>
    )}
    <div class="status" role="status" id="status">
      {stepLine(note)}Accept by <strong>{formatLocalDate(note.acceptBy, note.timeZone)}</strong>, or send it
      back to intake if something is missing. Opening this page changed nothing.
    </div>
    <Summary note={note} />
    <a class="skip" href="#accept-heading">
      Skip to Accept
    </a>
    <NoteSection note={note} />
    <AcceptForm note={note} actionUrl={actionUrl} />
    <RejectForm actionUrl={actionUrl} />
    <TimesIn timeZone={note.timeZone} />
  </Document>
);
