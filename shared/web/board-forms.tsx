/**
 * The board lead page's action forms (docs/product-rules.md §8): complete a `needs_info` lead (exactly its
 * missing fields), transfer, close with an outcome, set the next action. Each posts the session's CSRF
 * token as `csrf`; after a refused post the form shows the posted values with a problem next to each
 * field. The building blocks (labelled fields, radio groups, options) are the lead card's.
 */
import type { ComponentChildren } from 'preact';
import { BOARD_FORM_FIELDS } from '../domain/board-action-forms';
import { BOARD_ACTION_TITLES, type BoardAction } from '../domain/board-actions';
import { CLOSE_OUTCOME_LABELS, CLOSE_REASON_MAX_LENGTH } from '../domain/close-lead';
import {
  type CompletionInput,
  completionDefaults,
  completionFields,
  completionInputs,
} from '../domain/completion-form';
import type { AppConfig } from '../domain/config';
import { FIELD_LABELS } from '../domain/intake-fields';
import { CLOSE_OUTCOMES, type Lead, type PersonRef, URGENCIES } from '../domain/lead';
import { toLocalInputValue } from '../domain/local-input';
import { NEXT_ACTION_MAX_LENGTH } from '../domain/next-action-change';
import { describePerson, serviceLabel, URGENCY_LABELS } from '../domain/wording';
import { Field, type FormInput, Options, Radios, shownValue } from './lead-card-fields';

/** What every form needs: the lead, where it posts, the CSRF token, and its input after a refused post. */
export interface BoardFormProps {
  lead: Lead;
  config: AppConfig;
  action: string;
  csrfToken: string;
  input: FormInput;
}

/** The element a problem on `name` links to (a radio group: its first radio). */
export const boardFieldId = (action: BoardAction, name: string): string => {
  if (name === 'outcome') return `outcome-${CLOSE_OUTCOMES[0]}`;
  if (name === 'consentSms' || name === 'consentEmail') return `${name}-yes`;
  return `${action.replaceAll('_', '-')}-${name.replaceAll('_', '-')}`;
};

const BoardForm = (props: {
  form: BoardAction;
  action: string;
  csrfToken: string;
  button: string;
  children: ComponentChildren;
}) => {
  const id = `${props.form.replaceAll('_', '-')}-form`;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{BOARD_ACTION_TITLES[props.form]}</h2>
      <form id={id} method="post" action={props.action} enctype="application/x-www-form-urlencoded">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {props.children}
        <button type="submit" class="primary" id={`${id}-button`}>
          {props.button}
        </button>
      </form>
    </section>
  );
};

const CHOOSE = { value: '', label: 'Choose…' };
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** One input of the complete form: a text box, a text area, a list or a yes/no choice. */
const CompletionControl = ({ name, props }: { name: CompletionInput; props: BoardFormProps }) => {
  const id = boardFieldId('complete', name);
  const { input } = props;
  const value = shownValue(input, name, '');
  const problem = input.problems[name];
  if (name === 'consentSms' || name === 'consentEmail') {
    const legend = name === 'consentSms' ? 'May we text the customer?' : 'May we email the customer?';
    return <Radios name={name} legend={legend} options={YES_NO} input={input} />;
  }
  const label = FIELD_LABELS[name];
  if (name === 'serviceType' || name === 'urgency') {
    const options =
      name === 'urgency'
        ? URGENCIES.map((urgency) => ({ value: urgency, label: URGENCY_LABELS[urgency] }))
        : props.config.roster.serviceTypes.map((type) => ({ value: type, label: serviceLabel(type) }));
    return (
      <Field
        id={id}
        label={label}
        problem={problem}
        control={(aria) => (
          <select id={id} name={name} required {...aria}>
            <Options options={[CHOOSE, ...options]} selected={value} />
          </select>
        )}
      />
    );
  }
  if (name === 'notes') {
    return (
      <Field
        id={id}
        label={label}
        problem={problem}
        control={(aria) => (
          <textarea id={id} name={name} rows={4} required {...aria}>
            {value}
          </textarea>
        )}
      />
    );
  }
  const hint = name === 'serviceAddress' ? 'Street, city and zip code.' : undefined;
  return (
    <Field
      id={id}
      label={label}
      {...(hint ? { hint } : {})}
      problem={problem}
      control={(aria) =>
        name === 'phone' ? (
          <input type="text" inputMode="tel" id={id} name={name} value={value} required {...aria} />
        ) : (
          <input type="text" id={id} name={name} value={value} required {...aria} />
        )
      }
    />
  );
};

/** Exactly the fields the lead lacks, prefilled with what it has (a wrong value, to fix). */
export const CompleteForm = (props: BoardFormProps) => {
  const inputs = completionInputs(completionFields(props.lead));
  const input = props.input.values ? props.input : { ...props.input, values: completionDefaults(props.lead) };
  return (
    <BoardForm form="complete" action={props.action} csrfToken={props.csrfToken} button="Complete and route">
      <p class="hint">
        Once these are filled in, the lead is routed and the person it goes to must accept it.
      </p>
      {inputs.map((name) => (
        <CompletionControl key={name} name={name} props={{ ...props, input }} />
      ))}
    </BoardForm>
  );
};

/** Pick a roster person and say why: a new handoff they must accept. */
export const TransferForm = (props: BoardFormProps & { people: readonly PersonRef[] }) => {
  const { input } = props;
  const [to, reason, next] = BOARD_FORM_FIELDS.transfer;
  const people = props.people.map((person) => ({ value: person.id, label: describePerson(person) }));
  return (
    <BoardForm form="transfer" action={props.action} csrfToken={props.csrfToken} button="Transfer">
      <p class="hint">The person you choose must accept; until then the lead stays where it is.</p>
      <Field
        id={boardFieldId('transfer', to)}
        label="Transfer to"
        problem={input.problems[to]}
        control={(aria) => (
          <select id={boardFieldId('transfer', to)} name={to} required {...aria}>
            <Options options={[CHOOSE, ...people]} selected={shownValue(input, to, '')} />
          </select>
        )}
      />
      <Field
        id={boardFieldId('transfer', reason)}
        label="Why"
        problem={input.problems[reason]}
        control={(aria) => (
          <textarea id={boardFieldId('transfer', reason)} name={reason} rows={3} required {...aria}>
            {shownValue(input, reason, '')}
          </textarea>
        )}
      />
      <Field
        id={boardFieldId('transfer', next)}
        label="New next action (optional)"
        hint="Leave empty to keep the current one."
        problem={input.problems[next]}
        control={(aria) => (
          <input
            type="text"
            id={boardFieldId('transfer', next)}
            name={next}
            value={shownValue(input, next, '')}
            maxLength={NEXT_ACTION_MAX_LENGTH}
            autocomplete="off"
            {...aria}
          />
        )}
      />
    </BoardForm>
  );
};

/** Booked, lost (with a reason), duplicate or spam. */
export const CloseForm = (props: BoardFormProps) => {
  const { input } = props;
  const outcomes = CLOSE_OUTCOMES.map((value) => ({ value, label: CLOSE_OUTCOME_LABELS[value] }));
  const [outcome, reason] = BOARD_FORM_FIELDS.close;
  return (
    <BoardForm form="close" action={props.action} csrfToken={props.csrfToken} button="Close the lead">
      <Radios name={outcome} legend="How does it end?" options={outcomes} input={input} />
      <Field
        id={boardFieldId('close', reason)}
        label="Reason"
        hint="Required when the lead is lost, e.g. went with another company on price."
        problem={input.problems[reason]}
        control={(aria) => (
          <textarea
            id={boardFieldId('close', reason)}
            name={reason}
            rows={3}
            maxLength={CLOSE_REASON_MAX_LENGTH}
            {...aria}
          >
            {shownValue(input, reason, '')}
          </textarea>
        )}
      />
    </BoardForm>
  );
};

/** A specific next action and when it is due, in the business time zone. */
export const NextActionForm = (props: BoardFormProps) => {
  const { input, lead } = props;
  const timeZone = props.config.business.timezone;
  const [action, due] = BOARD_FORM_FIELDS.next_action;
  const currentDue = lead.nextActionDueAt ?? lead.handoff?.dueAt;
  const dueDefault = currentDue === undefined ? '' : toLocalInputValue(currentDue, timeZone);
  return (
    <BoardForm
      form="next_action"
      action={props.action}
      csrfToken={props.csrfToken}
      button="Save the next action"
    >
      <Field
        id={boardFieldId('next_action', action)}
        label="Next action"
        hint={`Say exactly what to do, e.g. "call after 2 PM to book the inspection"; not "follow up". At most ${NEXT_ACTION_MAX_LENGTH} characters.`}
        problem={input.problems[action]}
        control={(aria) => (
          <input
            type="text"
            id={boardFieldId('next_action', action)}
            name={action}
            value={shownValue(input, action, lead.nextAction ?? lead.handoff?.nextAction ?? '')}
            maxLength={NEXT_ACTION_MAX_LENGTH}
            required
            autocomplete="off"
            {...aria}
          />
        )}
      />
      <Field
        id={boardFieldId('next_action', due)}
        label="Due"
        hint={`In ${timeZone} time.`}
        problem={input.problems[due]}
        control={(aria) => (
          <input
            type="datetime-local"
            id={boardFieldId('next_action', due)}
            name={due}
            value={shownValue(input, due, dueDefault)}
            required
            {...aria}
          />
        )}
      />
    </BoardForm>
  );
};
