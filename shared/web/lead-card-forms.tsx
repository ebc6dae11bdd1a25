/** The lead card's three forms: log a contact, set the status, set the next action. */
import { CONTACT_CHANNELS, STAGE_LABELS, STAGES, WAITING_ON } from '../domain/lead';
import { CONTACT_SUMMARY_MAX_LENGTH, NEXT_ACTION_MAX_LENGTH } from '../domain/lead-card';
import {
  CONTACT_CHANNEL_LABELS,
  currentNextAction,
  type LeadCardState,
  WAITING_ON_LABELS,
} from '../domain/lead-card-state';
import { toLocalInputValue } from '../domain/local-input';
import { CardFormSection, Field, inputOf, Options, Radios, shownValue } from './lead-card-fields';

/** The element each field's problem links to (a radio group: its first radio). */
export const FIELD_IDS: Record<string, string> = {
  contact_at: 'contact-at',
  contact_by: 'contact-by',
  contact_channel: `contact-channel-${CONTACT_CHANNELS[0]}`,
  contact_summary: 'contact-summary',
  waiting_on: `waiting-on-${WAITING_ON[0]}`,
  stage: 'stage',
  follow_up_at: 'follow-up-at',
  next_action: 'next-action-text',
  next_action_due: 'next-action-due',
};

const localValue = (iso: string | undefined, timeZone: string): string =>
  iso === undefined ? '' : toLocalInputValue(iso, timeZone);

const CONTACT_SUMMARY_HINT = `E.g. "Sent the estimate range and asked for a preferred appointment window." At most ${CONTACT_SUMMARY_MAX_LENGTH} characters.`;

export const ContactForm = ({ state }: { state: LeadCardState }) => {
  const input = inputOf(state, 'log_contact');
  const who = shownValue(input, 'contact_by', state.viewerId);
  const people = state.people.map((person) => ({ value: person.id, label: person.name }));
  return (
    <CardFormSection state={state} form="log_contact" id="contact-form" button="Log this contact">
      <Field
        id="contact-at"
        label="When"
        hint="Leave empty for now."
        problem={input.problems.contact_at}
        control={(aria) => (
          <input
            type="datetime-local"
            id="contact-at"
            name="contact_at"
            value={shownValue(input, 'contact_at', '')}
            {...aria}
          />
        )}
      />
      <Field
        id="contact-by"
        label="Who contacted them"
        problem={input.problems.contact_by}
        control={(aria) => (
          <select id="contact-by" name="contact_by" required {...aria}>
            <Options options={people} selected={who} />
          </select>
        )}
      />
      <Radios
        name="contact_channel"
        legend="How"
        options={CONTACT_CHANNELS.map((value) => ({ value, label: CONTACT_CHANNEL_LABELS[value] }))}
        input={input}
      />
      <Field
        id="contact-summary"
        label="What was said or sent"
        hint={CONTACT_SUMMARY_HINT}
        problem={input.problems.contact_summary}
        control={(aria) => (
          <textarea
            id="contact-summary"
            name="contact_summary"
            rows={4}
            maxLength={CONTACT_SUMMARY_MAX_LENGTH}
            required
            {...aria}
          >
            {shownValue(input, 'contact_summary', '')}
          </textarea>
        )}
      />
      <Radios
        name="waiting_on"
        legend="Who is waiting on whom?"
        options={WAITING_ON.map((value) => ({ value, label: WAITING_ON_LABELS[value] }))}
        input={input}
      />
    </CardFormSection>
  );
};

export const StatusForm = ({ state }: { state: LeadCardState }) => {
  const input = inputOf(state, 'set_status');
  const stage = shownValue(input, 'stage', state.lead.stage);
  const followUp = shownValue(input, 'follow_up_at', localValue(state.followUpDefault, state.timeZone));
  const stages = STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }));
  return (
    <CardFormSection state={state} form="set_status" id="status-form" button="Save the status">
      <Field
        id="stage"
        label="Status"
        problem={input.problems.stage}
        control={(aria) => (
          <select id="stage" name="stage" required {...aria}>
            <Options options={stages} selected={stage} />
          </select>
        )}
      />
      <Field
        id="follow-up-at"
        label="Follow-up due"
        hint={state.followUpHint}
        problem={input.problems.follow_up_at}
        control={(aria) => (
          <input type="datetime-local" id="follow-up-at" name="follow_up_at" value={followUp} {...aria} />
        )}
      />
    </CardFormSection>
  );
};

const NEXT_ACTION_HINT = `Say exactly what to do, e.g. "call after 2 PM to book the inspection", "send two appointment options by Wednesday" or "ask for photos of the leak before quoting"; not "follow up", "check later" or "see thread". At most ${NEXT_ACTION_MAX_LENGTH} characters.`;

export const NextActionForm = ({ state }: { state: LeadCardState }) => {
  const input = inputOf(state, 'set_next_action');
  const current = currentNextAction(state);
  const action = shownValue(input, 'next_action', current.action);
  const due = shownValue(input, 'next_action_due', localValue(current.dueAt, state.timeZone));
  return (
    <CardFormSection state={state} form="set_next_action" id="next-action-form" button="Save the next action">
      <Field
        id="next-action-text"
        label="Next action"
        hint={NEXT_ACTION_HINT}
        problem={input.problems.next_action}
        control={(aria) => (
          <input
            type="text"
            id="next-action-text"
            name="next_action"
            value={action}
            maxLength={NEXT_ACTION_MAX_LENGTH}
            required
            autocomplete="off"
            {...aria}
          />
        )}
      />
      <Field
        id="next-action-due"
        label="Due"
        hint={`When the next action is due, in ${state.timeZone} time.`}
        problem={input.problems.next_action_due}
        control={(aria) => (
          <input
            type="datetime-local"
            id="next-action-due"
            name="next_action_due"
            value={due}
            required
            {...aria}
          />
        )}
      />
    </CardFormSection>
  );
};
