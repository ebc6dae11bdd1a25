/**
 * The read-only parts of the lead card: the status line, the alert or notice after a post, the next
 * action, the follow-ups, the last contact and the timeline.
 */
import type { ComponentChildren } from 'preact';
import { formatLocalDate } from '../domain/date-wording';
import { type ContactLog, type FollowUp, STAGE_LABELS } from '../domain/lead';
import {
  CONTACT_CHANNEL_LABELS,
  currentNextAction,
  type LeadCardState,
  WAITING_ON_LABELS,
} from '../domain/lead-card-state';
import { actorLabel, describePerson } from '../domain/wording';
import { FORM_TITLES } from './lead-card-fields';
import { FIELD_IDS } from './lead-card-forms';

type Props = { state: LeadCardState };

/** `Status: Estimate Sent. Owner: Sam Ortega (sales), you.`, or read only, or closed. */
export const StatusLine = ({ state }: Props) => {
  const { lead } = state;
  const stage = <strong>{STAGE_LABELS[lead.stage]}</strong>;
  const owner = lead.owner ?? state.note.currentOwner;
  const you = owner !== undefined && owner.id === state.viewerId && state.reviewer === undefined;
  const ownerText =
    owner === undefined ? ' No owner.' : ` Owner: ${describePerson(owner)}${you ? ', you' : ''}.`;
  const closed = lead.status === 'closed' || lead.stage === 'closed_won' || lead.stage === 'closed_lost';
  let line: ComponentChildren;
  if (state.reviewer !== undefined) {
    line = (
      <>
        Review link for {state.reviewer}: read only. Status: {stage}.{ownerText}
      </>
    );
  } else if (state.readOnly && closed) {
    line = (
      <>
        {stage} – nothing more to do.{ownerText}
      </>
    );
  } else if (state.readOnly) {
    line = (
      <>
        Read only. Status: {stage}.{ownerText}
      </>
    );
  } else {
    line = (
      <>
        Status: {stage}.{ownerText}
      </>
    );
  }
  return (
    <div class="status" role="status" id="status">
      {line}
    </div>
  );
};

/** The alert after a refused post: nothing saved, each problem linking to its field. */
export const ErrorAlert = ({ error }: { error: NonNullable<LeadCardState['error']> }) => {
  const problems = Object.entries(error.problems);
  return (
    <div class="alert" role="alert" id="error">
      Nothing was saved. Check the {FORM_TITLES[error.form]} form:
      {problems.length === 0 ? null : (
        <ul>
          {problems.map(([name, problem]) => {
            const id = FIELD_IDS[name];
            return <li key={name}>{id === undefined ? problem : <a href={`#${id}`}>{problem}</a>}</li>;
          })}
        </ul>
      )}
    </div>
  );
};

export const Notice = ({ notice }: { notice: string }) => (
  <div class="status notice" role="status" id="notice">
    {notice}
  </div>
);

export const NextActionSection = ({ state }: Props) => {
  const { action, dueAt } = currentNextAction(state);
  return (
    <section aria-labelledby="next-heading">
      <h2 id="next-heading">Next action</h2>
      <p id="next-action">
        <strong>{action}</strong>
        <br />
        Due {formatLocalDate(dueAt, state.timeZone)}
      </p>
    </section>
  );
};

const followUpState = (followUp: FollowUp, timeZone: string): string => {
  switch (followUp.state) {
    case 'scheduled':
      return 'scheduled';
    case 'reminded':
      return 'reminded, not logged yet';
    case 'logged':
      return followUp.loggedAt === undefined
        ? 'logged'
        : `logged at ${formatLocalDate(followUp.loggedAt, timeZone)}`;
    case 'missed':
      return followUp.escalatedTo === undefined
        ? 'missed'
        : `missed (escalated to ${describePerson(followUp.escalatedTo)})`;
    case 'cancelled':
      return 'cancelled';
  }
};

/** The follow-ups of the latest sequence, in order: `Follow-up 1 of 3 (estimate), due …: scheduled`. */
export const FollowUpsSection = ({ state }: Props) => {
  const all = state.lead.followUps ?? [];
  const latest = Math.max(0, ...all.map((followUp) => followUp.sequence));
  const current = all.filter((followUp) => followUp.sequence === latest).sort((a, b) => a.n - b.n);
  return (
    <section aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Follow-ups</h2>
      {current.length === 0 ? (
        <p id="follow-ups">No follow-ups scheduled.</p>
      ) : (
        <ol id="follow-ups">
          {current.map((followUp) => (
            <li key={followUp.n} data-state={followUp.state}>
              <strong>{`Follow-up ${followUp.n} of ${current.length}`}</strong>
              {` (${followUp.kind === 'estimate' ? 'estimate' : 'No Decision'})`}
              {`, due ${formatLocalDate(followUp.dueAt, state.timeZone)}: ${followUpState(followUp, state.timeZone)}`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};

const ContactList = ({ contact, timeZone }: { contact: ContactLog; timeZone: string }) => {
  const facts: [string, string, string][] = [
    ['contact_at', 'When', formatLocalDate(contact.at, timeZone)],
    ['contact_by', 'Who', describePerson(contact.by)],
    ['contact_channel', 'How', CONTACT_CHANNEL_LABELS[contact.channel]],
    ['contact_summary', 'What was said or sent', contact.summary],
    ['waiting_on', 'Waiting', WAITING_ON_LABELS[contact.waitingOn]],
  ];
  return (
    <dl id="last-contact">
      {facts.map(([key, label, value]) => [
        <dt key={`${key}-label`}>{label}</dt>,
        <dd key={key} data-fact={key}>
          {value}
        </dd>,
      ])}
    </dl>
  );
};

export const LastContactSection = ({ state }: Props) => {
  const contact = state.lead.lastContact;
  return (
    <section aria-labelledby="last-contact-heading">
      <h2 id="last-contact-heading">Last contact</h2>
      {contact === undefined ? (
        <p id="last-contact">{state.note.lastContact}</p>
      ) : (
        <ContactList contact={contact} timeZone={state.timeZone} />
      )}
    </section>
  );
};

/** The timeline, newest first (a later entry wins a tie on time). */
export const TimelineSection = ({ state }: Props) => {
  const events = state.lead.timeline
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.index - a.index);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {events.length === 0 ? (
        <p id="timeline">Nothing yet.</p>
      ) : (
        <ol id="timeline" reversed>
          {events.map(({ event, index }) => (
            <li key={index} data-event={event.type}>
              <time dateTime={event.at}>{formatLocalDate(event.at, state.timeZone)}</time>: {event.summary}{' '}
              <span class="hint">({actorLabel(event.actor)})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
