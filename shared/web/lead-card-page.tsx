/**
 * The lead card: what an owner's link `/h/{token}` shows once the handoff is accepted. The stage, the
 * next action and its due time, the follow-ups, the last contact, the handoff note and the timeline,
 * with three forms: log a contact, set the status, set the next action. Opening it changes nothing.
 */
import { currentNote, type LeadCardState } from '../domain/lead-card-state';
import { Document, renderPage } from './layout';
import { ContactForm, NextActionForm, StatusForm } from './lead-card-forms';
import {
  ErrorAlert,
  FollowUpsSection,
  LastContactSection,
  NextActionSection,
  Notice,
  StatusLine,
  TimelineSection,
} from './lead-card-sections';
import { NoteSection, Summary, TimesIn } from './note';
import { CARD_STYLE, PAGE_STYLE } from './styles';

const SkipLinks = () => (
  <nav class="skips" aria-label="Forms on this page">
    <a class="skip" href="#contact-form-heading">
      Log a contact
    </a>
    <a class="skip" href="#status-form-heading">
      Set the status
    </a>
    <a class="skip" href="#next-action-form-heading">
      Set the next action
    </a>
  </nav>
);

/** `data-state` is `card`, or `review` for the operations lead's read-only review link. */
export const LeadCardPage = ({ state }: { state: LeadCardState }) => {
  const { note } = state;
  const cardNote = currentNote(state);
  return (
    <Document
      title={`Lead card: ${note.urgencyLabel}, ${note.serviceLabel}`}
      style={PAGE_STYLE + CARD_STYLE}
      state={state.reviewer === undefined ? 'card' : 'review'}
    >
      <h1>Lead card</h1>
      <StatusLine state={state} />
      {state.error !== undefined ? (
        <ErrorAlert error={state.error} />
      ) : state.notice !== undefined ? (
        <Notice notice={state.notice} />
      ) : null}
      <Summary note={cardNote} />
      {state.readOnly ? null : <SkipLinks />}
      <NextActionSection state={state} />
      <FollowUpsSection state={state} />
      <LastContactSection state={state} />
      {state.readOnly ? null : (
        <>
          <ContactForm state={state} />
          <StatusForm state={state} />
          <NextActionForm state={state} />
        </>
      )}
      <NoteSection note={cardNote} />
      <TimelineSection state={state} />
      <TimesIn timeZone={state.timeZone} />
    </Document>
  );
};

/** The lead card page: complete, self-contained and safe to serve as `text/html`. */
export const leadCardPage = (state: LeadCardState): string => renderPage(<LeadCardPage state={state} />);
