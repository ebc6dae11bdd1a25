/**
 * The local runner's demo web form, posting to `/leads` as a customer's website would (plain HTML, no
 * script, urlencoded fields with the web-form key), and the thank-you page it lands on. Required fields
 * are marked in words; urgency is offered in the customer's words (each option posts the lead's own
 * value). After a refusal the form comes back with what the customer typed and a plain message at each
 * field to fix. A hidden `website` field catches form-filling robots (see `HONEYPOT_FIELD`).
 */
import type { AppConfig } from '../domain/config';
import { type FormProblems, formProblems, HONEYPOT_FIELD } from '../domain/form-problems';
import { FIELD_LABELS } from '../domain/intake-fields';
import type { LeadStatus } from '../domain/lead';
import { CUSTOMER_URGENCY_CHOICES, serviceLabel } from '../domain/wording';
import type { Issue } from '../errors';
import { Document, renderPage } from './layout';
import type { Aria } from './lead-card-fields';
import { DEMO_STYLE } from './styles';

export interface DemoFormProps {
  config: AppConfig;
  /** Where the form posts: `/leads?key=<web-form key>`. */
  action: string;
  /** Where the browser lands after a stored lead: the thank-you page. */
  redirect: string;
  /** What the customer typed, after a refusal. */
  values?: Readonly<Record<string, string>>;
  problems?: FormProblems;
}

type Values = Readonly<Record<string, string>>;

const Required = () => <span class="required"> (required)</span>;

/** A field's problem, tied to its control with `aria-describedby`. */
const Problem = ({ name, problems }: { name: string; problems: FormProblems | undefined }) => {
  const problem = problems?.fields[name];
  return problem === undefined ? null : (
    <p class="problem" id={`${name}-problem`}>
      {problem}
    </p>
  );
};

/** The accessibility attributes of a control with a problem. */
const aria = (name: string, problems: FormProblems | undefined): Aria =>
  problems?.fields[name] === undefined
    ? {}
    : { 'aria-invalid': 'true', 'aria-describedby': `${name}-problem` };

interface TextFieldProps {
  name: string;
  label: string;
  required?: boolean;
  type?: 'text' | 'tel' | 'email';
  autocomplete: string;
  values: Values | undefined;
  problems: FormProblems | undefined;
}

const TextField = ({
  name,
  label,
  required,
  type = 'text',
  autocomplete,
  values,
  problems,
}: TextFieldProps) => {
  const attributes = {
    id: name,
    name,
    autocomplete,
    value: values?.[name] ?? '',
    required: required === true,
    ...aria(name, problems),
  };
  return (
    <>
      <label for={name}>
        {label}
        {required ? <Required /> : null}
      </label>
      <Problem name={name} problems={problems} />
      {type === 'tel' ? (
        <input type="tel" {...attributes} />
      ) : type === 'email' ? (
        <input type="email" {...attributes} />
      ) : (
        <input type="text" {...attributes} />
      )}
    </>
  );
};

interface ChoiceProps {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  values: Values | undefined;
  problems: FormProblems | undefined;
}

const Choice = ({ name, label, options, values, problems }: ChoiceProps) => {
  const selected = values?.[name] ?? '';
  return (
    <>
      <label for={name}>
        {label}
        <Required />
      </label>
      <Problem name={name} problems={problems} />
      <select id={name} name={name} required {...aria(name, problems)}>
        <option value="" selected={selected === ''}>
          Choose…
        </option>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
};

const Consent = ({ name, label, values }: { name: string; label: string; values: Values | undefined }) => (
  <label class="check">
    <input type="checkbox" name={name} value="true" checked={values?.[name] === 'true'} /> {label}
  </label>
);

/** The refusal's summary at the top: what to fix, each item linking to its field. */
const Alert = ({ problems }: { problems: FormProblems }) => {
  const fields = Object.keys(problems.fields);
  return (
    <div class="alert" role="alert" id="error">
      We could not send your request yet. Please check:
      <ul>
        {fields.map((name) => (
          <li key={name}>
            <a href={`#${name}`}>
              {name in FIELD_LABELS ? FIELD_LABELS[name as keyof typeof FIELD_LABELS] : 'Your answer'}
            </a>
          </li>
        ))}
        {problems.general.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
};

export const DemoForm = ({ config, action, redirect, values, problems }: DemoFormProps) => {
  const services = config.roster.serviceTypes.map((value) => ({ value, label: serviceLabel(value) }));
  return (
    <Document title={`${config.business.name}: request service`} style={DEMO_STYLE}>
      <h1>{config.business.name}</h1>
      <p>
        Demo web form. It posts to <code>/leads</code> exactly as a customer's website would. Fields marked
        (required) are needed to send it.
      </p>
      {problems ? <Alert problems={problems} /> : null}
      <form method="post" action={action} id="request-form">
        <input type="hidden" name="redirect" value={redirect} />
        <TextField
          name="fullName"
          label="Full name"
          required
          autocomplete="name"
          values={values}
          problems={problems}
        />
        <TextField
          name="phone"
          label="Phone"
          required
          type="tel"
          autocomplete="tel"
          values={values}
          problems={problems}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          autocomplete="email"
          values={values}
          problems={problems}
        />
        <TextField
          name="serviceAddress"
          label="Service address"
          required
          autocomplete="street-address"
          values={values}
          problems={problems}
        />
        <Choice
          name="serviceType"
          label="What do you need?"
          options={services}
          values={values}
          problems={problems}
        />
        <Choice
          name="urgency"
          label="How urgent is it?"
          options={CUSTOMER_URGENCY_CHOICES}
          values={values}
          problems={problems}
        />
        <label for="notes">Tell us what is going on</label>
        <Problem name="notes" problems={problems} />
        <textarea id="notes" name="notes" rows={4} {...aria('notes', problems)}>
          {values?.notes ?? ''}
        </textarea>
        <div class="hp" aria-hidden="true">
          <label for={HONEYPOT_FIELD}>Website</label>
          <input
            id={HONEYPOT_FIELD}
            name={HONEYPOT_FIELD}
            type="text"
            tabindex={-1}
            autocomplete="off"
            value=""
          />
        </div>
        <input type="hidden" name="consent.sms" value="false" />
        <input type="hidden" name="consent.email" value="false" />
        <input type="hidden" name="consent.method" value="demo web form checkbox" />
        <Consent name="consent.sms" label="Text me about this request" values={values} />
        <Consent name="consent.email" label="Email me about this request" values={values} />
        <button type="submit">Send request</button>
      </form>
    </Document>
  );
};

/** The demo form as HTML: it posts with `apiKey` and lands on `origin`'s thank-you page. */
export const demoForm = (config: AppConfig, origin: string, apiKey: string): string =>
  renderPage(
    <DemoForm
      config={config}
      action={`/leads?key=${encodeURIComponent(apiKey)}`}
      redirect={`${origin}/thanks`}
    />,
  );

/** A refused submission of the form, as the intake handler reports it (`RefusedForm`). */
export interface DemoFormRefusal {
  values: Values;
  issues: readonly Issue[];
  /** The key the form posted with (`/leads?key=...`). */
  apiKey?: string;
  redirect: string;
}

/** The demo form after a refusal: the customer's values kept, a plain message at each field to fix. */
export const refusedDemoForm = (config: AppConfig, refused: DemoFormRefusal): string =>
  renderPage(
    <DemoForm
      config={config}
      action={`/leads?key=${encodeURIComponent(refused.apiKey ?? '')}`}
      redirect={refused.redirect}
      values={refused.values}
      problems={formProblems(refused.issues, refused.values)}
    />,
  );

/** What the thank-you page tells the customer, by where their request stands. */
const NEXT_STEP: Record<LeadStatus, string> = {
  needs_info: 'We will call you to complete a few details.',
  awaiting_acceptance: 'Our team has it and will call you.',
  accepted: 'Our team has it and will call you.',
  closed: 'Our team has it.',
};

/** Where the demo form lands: the reference and what happens next (the same page for a robot). */
export const ThanksPage = ({ leadId, status }: { leadId: string; status: string }) => (
  <Document title="Thank you" style={DEMO_STYLE}>
    <h1>Thank you</h1>
    <p>
      We have your request.{' '}
      {Object.hasOwn(NEXT_STEP, status) ? NEXT_STEP[status as LeadStatus] : 'Our team will call you.'}
    </p>
    {leadId ? (
      <p>
        Reference: <code>{leadId}</code>
      </p>
    ) : null}
    <p>
      <a href="/">Send another</a>
    </p>
  </Document>
);

export const thanksPage = (leadId: string, status: string): string =>
  renderPage(<ThanksPage leadId={leadId} status={status} />);
