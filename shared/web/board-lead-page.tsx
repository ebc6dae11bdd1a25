/**
 * One lead on the board (docs/product-rules.md §7, §8): the status in the locked words, who it is with or waits
 * on and until when, the next action and its due time, the details (the handoff note), the last contact,
 * the source, the timeline in people's words, and the forms the signed-in person may use. The read-only
 * parts are the lead card's sections.
 */
import type { JSX } from 'preact';
import type { BoardAction } from '../domain/board-actions';
import { BOARD_ACTION_PATHS } from '../domain/board-actions';
import { captureWords, TEST_LEAD_LABEL, TEST_LEAD_STATUS } from '../domain/capture-words';
import { CLOSE_OUTCOME_LABELS } from '../domain/close-lead';
import { completionFields } from '../domain/completion-form';
import type { AppConfig } from '../domain/config';
import { formatLocalDate } from '../domain/date-wording';
import { handoffNote } from '../domain/handoff-note';
import { FIELD_LABELS } from '../domain/intake-fields';
import { type Lead, leadDueAt, NO_DUE_AT, type PersonRef, STAGE_LABELS } from '../domain/lead';
import { currentNote, followUpHint, type LeadCardState } from '../domain/lead-card-state';
import { inPeoplesWords } from '../domain/timeline-words';
import { describePerson } from '../domain/wording';
import { boardFieldId, CloseForm, CompleteForm, NextActionForm, TransferForm } from './board-forms';
import { CaptureSection } from './capture-section';
import { Document, renderPage } from './layout';
import {
  FollowUpsSection,
  LastContactSection,
  NextActionSection,
  TimelineSection,
} from './lead-card-sections';
import { NoteSection, Summary, TimesIn } from './note';
import { BOARD_STYLE, CARD_STYLE, PAGE_STYLE } from './styles';

const STYLE = `${PAGE_STYLE}\n${CARD_STYLE}\n${BOARD_STYLE}`;

export interface BoardLeadPageProps {
  businessName: string;
  lead: Lead;
  config: AppConfig;
  now: Date;
  /** What the signed-in person may do here, and to whom they may transfer. */
  actions: readonly BoardAction[];
  transferTo: readonly PersonRef[];
  csrfToken: string;
  /** The way from the page's URL up to the API's root (`../../` or `../../../`), so links keep the stage. */
  toRoot: string;
  /** After an action: what it did. */
  notice?: string;
  /** After a refused post: which form, its problems by field and the values posted. */
  error?: { action: BoardAction; problems: Record<string, string>; values: Record<string, string> };
}

/** Who the lead is with or waits on, and until when, in the business time zone. */
export const whoLine = (lead: Lead, timeZone: string): string => {
  const at = (iso: string) => formatLocalDate(iso, timeZone);
  if (lead.status === 'closed') {
    const closure = lead.closure;
    if (!closure) return 'Closed.';
    const outcome = CLOSE_OUTCOME_LABELS[closure.outcome].toLowerCase();
    return `Closed as ${outcome} by ${describePerson(closure.by)}, ${at(closure.at)}.`;
  }
  const handoff = lead.handoff;
  if (handoff?.state === 'awaiting_acceptance') {
    if (lead.status === 'needs_info') {
      return `Needs information: with ${describePerson(handoff.to)} to complete by ${at(handoff.acceptBy)}.`;
    }
    const owner = lead.owner ? ` ${describePerson(lead.owner)} stays responsible until then.` : '';
    return `Waiting for ${describePerson(handoff.to)} to accept until ${at(handoff.acceptBy)}.${owner}`;
  }
  return lead.owner ? `Owner: ${describePerson(lead.owner)}.` : 'Nobody owns it yet.';
};

/** What an action did, in words, from the lead as it is now. */
export const noticeFor = (action: BoardAction, lead: Lead, timeZone: string): string => {
  const handoff = lead.handoff;
  const asked =
    handoff?.state === 'awaiting_acceptance'
      ? `${describePerson(handoff.to)}, who must accept by ${formatLocalDate(handoff.acceptBy, timeZone)}`
      : undefined;
  switch (action) {
    case 'complete':
      return lead.status === 'needs_info' || !asked ? 'Details saved.' : `Complete: routed to ${asked}.`;
    case 'transfer':
      return asked ? `Transferred to ${asked}.` : 'Transferred.';
    case 'close':
      return lead.closure
        ? `Closed as ${CLOSE_OUTCOME_LABELS[lead.closure.outcome].toLowerCase()}.`
        : 'Closed.';
    case 'next_action':
      return lead.nextActionDueAt
        ? `Next action set, due ${formatLocalDate(lead.nextActionDueAt, timeZone)}.`
        : 'Next action set.';
  }
};

const StatusBox = ({ lead, timeZone, now }: { lead: Lead; timeZone: string; now: Date }) => {
  const due = leadDueAt(lead);
  const overdue = lead.status !== 'closed' && due !== NO_DUE_AT && Date.parse(due) < now.getTime();
  const missing =
    lead.status === 'needs_info' ? completionFields(lead).map((field) => FIELD_LABELS[field]) : [];
  return (
    <div class="status" role="status" id="status">
      Status: <strong>{lead.test ? TEST_LEAD_LABEL : STAGE_LABELS[lead.stage]}</strong>.{' '}
      {lead.test ? `${TEST_LEAD_STATUS}.` : whoLine(lead, timeZone)}
      {missing.length > 0 ? <> Missing: {missing.join(', ')}.</> : null}
      {overdue ? (
        <>
          {' '}
          <span class="overdue-tag">Overdue</span>
        </>
      ) : null}
    </div>
  );
};

const ErrorAlert = ({ error }: { error: NonNullable<BoardLeadPageProps['error']> }) => (
  <div class="alert" role="alert" id="error">
    Nothing was changed. Check the form below:
    <ul>
      {Object.entries(error.problems).map(([name, problem]) => (
        <li key={name}>
          {name === 'form' ? problem : <a href={`#${boardFieldId(error.action, name)}`}>{problem}</a>}
        </li>
      ))}
    </ul>
  </div>
);

const Forms = (props: BoardLeadPageProps) => {
  const { lead, config, csrfToken, toRoot } = props;
  const formProps = (action: BoardAction) => ({
    lead,
    config,
    csrfToken,
    action: `${toRoot}board/leads/${encodeURIComponent(lead.id)}/${BOARD_ACTION_PATHS[action]}`,
    input:
      props.error?.action === action
        ? { problems: props.error.problems, values: props.error.values }
        : { problems: {} },
  });
  const forms: Record<BoardAction, (key: BoardAction) => JSX.Element> = {
    complete: (key) => <CompleteForm key={key} {...formProps(key)} />,
    next_action: (key) => <NextActionForm key={key} {...formProps(key)} />,
    transfer: (key) => <TransferForm key={key} {...formProps(key)} people={props.transferTo} />,
    close: (key) => <CloseForm key={key} {...formProps(key)} />,
  };
  return <>{props.actions.map((action) => forms[action](action))}</>;
};

export const BoardLeadPage = (props: BoardLeadPageProps) => {
  const { lead, config, toRoot } = props;
  const timeZone = config.business.timezone;
  const state: LeadCardState | undefined = lead.handoff && {
    note: handoffNote(lead, lead.handoff, config),
    lead: { ...lead, timeline: inPeoplesWords(lead.timeline, config) },
    actionUrl: '',
    timeZone,
    people: [],
    viewerId: '',
    submission: '',
    readOnly: true,
    followUpHint: followUpHint(config.business),
  };
  const note = state && currentNote(state);
  return (
    <Document
      title={`${lead.fullName?.trim() || 'Lead'} – ${props.businessName}`}
      style={STYLE}
      state="board-lead"
    >
      <nav class="skips" aria-label="Board">
        <a class="tap" href={`${toRoot}board`}>
          Back to the board
        </a>
        <a class="tap" href={`${toRoot}board/roster`}>
          Who is working now
        </a>
      </nav>
      <h1>{lead.fullName?.trim() || 'Name not captured yet'}</h1>
      <StatusBox lead={lead} timeZone={timeZone} now={props.now} />
      {props.error ? (
        <ErrorAlert error={props.error} />
      ) : props.notice ? (
        <div class="status notice" role="status" id="notice">
          {props.notice}
        </div>
      ) : null}
      {note ? <Summary note={note} /> : null}
      <CaptureSection capture={captureWords(lead)} />
      {state && lead.status !== 'closed' ? <NextActionSection state={state} /> : null}
      <Forms {...props} />
      {state ? <LastContactSection state={state} /> : null}
      {state && (lead.followUps ?? []).length > 0 ? <FollowUpsSection state={state} /> : null}
      {note ? <NoteSection note={note} /> : null}
      {state ? <TimelineSection state={state} /> : null}
      <TimesIn timeZone={timeZone} />
    </Document>
  );
};

/** The board's lead page as HTML. */
export const boardLeadPage = (props: BoardLeadPageProps): string => renderPage(<BoardLeadPage {...props} />);
