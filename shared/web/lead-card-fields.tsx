/**
 * The building blocks of the lead card's forms: a labelled control with its hint and problem, a radio
 * group, a select's options, and the form shell posting `action` and `submission`.
 */
import type { ComponentChildren, JSX } from 'preact';
import type { CardForm, LeadCardState } from '../domain/lead-card-state';

/** Each form's heading, also named in the alert after a refused post. */
export const FORM_TITLES: Record<CardForm, string> = {
  log_contact: 'Log a contact',
  set_status: 'Set the status',
  set_next_action: 'Set the next action',
};

/** What a form shows: the posted values and problems after a refused post, else the defaults. */
export interface FormInput {
  problems: Record<string, string>;
  values?: Record<string, string>;
}

export const inputOf = (state: LeadCardState, form: CardForm): FormInput =>
  state.error?.form === form
    ? { problems: state.error.problems, values: state.error.values }
    : { problems: {} };

export const shownValue = (input: FormInput, name: string, fallback: string): string =>
  input.values?.[name] ?? fallback;

/** The accessibility attributes of a control: its hint and problem, and whether it is invalid. */
export interface Aria {
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

const ariaOf = (id: string, hint: boolean, problem: string | undefined): Aria => {
  const ids = [hint ? `${id}-hint` : '', problem === undefined ? '' : `${id}-problem`].filter(Boolean);
  return {
    ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
    ...(problem === undefined ? {} : { 'aria-invalid': 'true' }),
  };
};

const Problem = ({ id, problem }: { id: string; problem: string | undefined }) =>
  problem === undefined ? null : (
    <p class="problem" id={`${id}-problem`}>
      {problem}
    </p>
  );

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  problem: string | undefined;
  /** The control, given the accessibility attributes to spread on it. */
  control: (aria: Aria) => JSX.Element;
}

/** A labelled control with its hint and problem. */
export const Field = ({ id, label, hint, problem, control }: FieldProps) => (
  <>
    <label class="field" for={id}>
      {label}
    </label>
    {hint === undefined ? null : (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    <Problem id={id} problem={problem} />
    {control(ariaOf(id, hint !== undefined, problem))}
  </>
);

export interface RadiosProps {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  input: FormInput;
}

/** A required radio group in a fieldset; the problem is described on the group and marked on each radio. */
export const Radios = ({ name, legend, options, input }: RadiosProps) => {
  const groupId = name.replaceAll('_', '-');
  const problem = input.problems[name];
  const selected = shownValue(input, name, '');
  return (
    <fieldset aria-describedby={problem === undefined ? undefined : `${groupId}-problem`}>
      <legend>{legend}</legend>
      <Problem id={groupId} problem={problem} />
      {options.map(({ value, label }) => {
        const id = `${groupId}-${value}`;
        return (
          <label key={value} class="choice" for={id}>
            <input
              type="radio"
              id={id}
              name={name}
              value={value}
              checked={value === selected}
              required
              aria-invalid={problem === undefined ? undefined : 'true'}
            />{' '}
            <span>{label}</span>
          </label>
        );
      })}
    </fieldset>
  );
};

/** The options of a select, `selected` marking the current one. */
export const Options = ({
  options,
  selected,
}: {
  options: readonly { value: string; label: string }[];
  selected: string;
}) => (
  <>
    {options.map(({ value, label }) => (
      <option key={value} value={value} selected={value === selected}>
        {label}
      </option>
    ))}
  </>
);

export interface CardFormProps {
  state: LeadCardState;
  form: CardForm;
  id: string;
  button: string;
  children: ComponentChildren;
}

/** A form of the card in its section: it posts its name as `action` and the page's `submission` id. */
export const CardFormSection = ({ state, form, id, button, children }: CardFormProps) => (
  <section aria-labelledby={`${id}-heading`}>
    <h2 id={`${id}-heading`}>{FORM_TITLES[form]}</h2>
    <form id={id} method="post" action={state.actionUrl} enctype="application/x-www-form-urlencoded">
      <input type="hidden" name="action" value={form} />
      <input type="hidden" name="submission" value={state.submission} />
      {children}
      <button type="submit" class="primary" id={`${id}-button`}>
        {button}
      </button>
    </form>
  </section>
);
