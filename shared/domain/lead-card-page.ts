/**
 * The lead card (SPEC §7, §8, seeds 002 and 003): what an owner's link `/h/{token}` shows once the
 * handoff is accepted. The stage, the next action and its due time, the follow-ups, the last contact,
 * the handoff note and the timeline, with three forms: log a contact, set the status, set the next
 * action. Same rules as the other link pages: opening it changes nothing, no script, no external
 * asset, every interpolated value escaped, mobile-first and accessible.
 */
import { formatLocalDate } from './date-wording';
import { nextFollowUpAt } from './follow-ups';
import type { HandoffNote } from './handoff-note';
import {
  CONTACT_CHANNELS,
  type ContactChannel,
  type ContactLog,
  type FollowUp,
  type Lead,
  STAGE_LABELS,
  STAGES,
  type TimelineEvent,
  WAITING_ON,
  type WaitingOn,
} from './lead';
import { CONTACT_SUMMARY_MAX_LENGTH, NEXT_ACTION_MAX_LENGTH } from './lead-card';
import { escapeHtml, noteSection, pageHtml, summary } from './link-pages';
import { toLocalInputValue } from './local-input';
import { describePerson } from './wording';

/** The three forms of the card; each posts its name as `action`. */
export type CardForm = 'log_contact' | 'set_status' | 'set_next_action';

/** The field names each form posts besides `action` and `submission` (the server parses exactly these). */
export const CARD_FORM_FIELDS = {
  log_contact: ['contact_at', 'contact_by', 'contact_channel', 'contact_summary', 'waiting_on'],
  set_status: ['stage', 'follow_up_at'],
  set_next_action: ['next_action', 'next_action_due'],
} as const satisfies Record<CardForm, readonly string[]>;

/** How a contact happened, in words. */
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  call: 'Call',
  sms: 'Text',
  email: 'Email',
  visit: 'Visit',
  other: 'Other',
};

/** Who waits on whom after a contact (seed 003), in words. */
export const WAITING_ON_LABELS: Record<WaitingOn, string> = {
  us: 'The customer is waiting on us',
  customer: 'We are waiting on the customer',
};

/** Everything the lead card shows. */
export interface LeadCardState {
  /** `handoffNote(lead, lead.handoff, config)`; the card shows the lead's current next action in it. */
  note: HandoffNote;
  /** For the stage, last contact, follow-ups, next action and timeline. */
  lead: Lead;
  /** The forms post here (the same `/h/{token}` URL). */
  actionUrl: string;
  timeZone: string;
  /** Who can be picked as "who contacted them" (the active roster). */
  people: { id: string; name: string }[];
  /** The token's person: the default "who contacted them". */
  viewerId: string;
  /** The hidden `submission` value: a random id per render, so a double post is applied once. */
  submission: string;
  /** ISO: the prefill of `follow_up_at` (the SOP's first estimate follow-up due if sent now). */
  followUpDefault?: string;
  /** A closed lead, or a review link for the operations lead: no forms. */
  readOnly: boolean;
  /** After a refused post: which form, and problems by field name (that form keeps the posted values). */
  error?: { form: CardForm; problems: Record<string, string>; values: Record<string, string> };
  /** After a successful post, e.g. "Contact logged. Follow-up 1 of 3 logged." */
  notice?: string;
  /** For a review link: who is viewing (the operations lead), named in the status line. */
  reviewer?: string;
}

/** Extra rules for the card's inputs, selects, problems and lists; served with the shared page style. */
export const CARD_STYLE = `input[type=text],input[type=datetime-local],select{display:block;width:100%;min-height:48px;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem;background:#fff;color:#1b1b1b}
[aria-invalid=true]{border:2px solid #a4161a}
.problem{color:#a4161a;font-weight:700;margin:0 0 .5rem}
.notice{background:#e7f4ea;border-color:#1e6b31}
.alert ul{margin:.5rem 0 0;padding-left:1.25rem}
.alert a{color:inherit}
.skips{display:flex;flex-wrap:wrap;gap:0 1.25rem;margin:0 0 1rem}
.skips .skip{margin:0}
#follow-ups,#timeline{margin:0;padding-left:1.5rem}
#follow-ups li,#timeline li{margin:0 0 .5rem;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){input[type=text],input[type=datetime-local],select{background:#1e1e1e;color:#ececec;border-color:#9a9a9a}[aria-invalid=true]{border-color:#ff8a8a}.problem{color:#ff9e9e}.notice{background:#12331b;border-color:#7fd18f}}`;

const FORM_TITLES: Record<CardForm, string> = {
  log_contact: 'Log a contact',
  set_status: 'Set the status',
  set_next_action: 'Set the next action',
};

/** The element each field's problem links to (a radio group: its first radio). */
const FIELD_IDS: Record<string, string> = {
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

/** What a form shows: the posted values and problems after a refused post, else the defaults. */
interface FormInput {
  problems: Record<string, string>;
  values?: Record<string, string>;
}

const inputOf = (state: LeadCardState, form: CardForm): FormInput =>
  state.error?.form === form
    ? { problems: state.error.problems, values: state.error.values }
    : { problems: {} };

const shownValue = (input: FormInput, name: string, fallback: string): string =>
  input.values?.[name] ?? fallback;

/** `aria-describedby` (hint, problem) and `aria-invalid` of a control. */
const describedBy = (id: string, hint: boolean, problem: string | undefined): string => {
  const ids = [hint ? `${id}-hint` : '', problem === undefined ? '' : `${id}-problem`].filter(Boolean);
  return `${ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : ''}${problem === undefined ? '' : ' aria-invalid="true"'}`;
};

const hintHtml = (id: string, hint: string | undefined): string =>
  hint === undefined ? '' : `<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>\n`;

const problemHtml = (id: string, problem: string | undefined): string =>
  problem === undefined ? '' : `<p class="problem" id="${id}-problem">${escapeHtml(problem)}</p>\n`;

/** A labelled control with its hint and problem; `control` receives the accessibility attributes. */
const field = (
  id: string,
  label: string,
  hint: string | undefined,
  problem: string | undefined,
  control: (aria: string) => string,
): string =>
  `<label class="field" for="${id}">${escapeHtml(label)}</label>\n${hintHtml(id, hint)}${problemHtml(id, problem)}${control(describedBy(id, hint !== undefined, problem))}`;

const localValue = (iso: string | undefined, timeZone: string): string =>
  iso === undefined ? '' : toLocalInputValue(iso, timeZone);

/** A required radio group in a fieldset; the problem is described on the group and marked on each radio. */
const radios = (
  name: string,
  legend: string,
  options: readonly { value: string; label: string }[],
  input: FormInput,
): string => {
  const groupId = name.replaceAll('_', '-');
  const problem = input.problems[name];
  const selected = shownValue(input, name, '');
  const invalid = problem === undefined ? '' : ' aria-invalid="true"';
  const items = options.map(({ value, label }) => {
    const id = `${groupId}-${value}`;
    const checked = value === selected ? ' checked' : '';
    return `<label class="choice" for="${id}"><input type="radio" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked} required${invalid}> <span>${escapeHtml(label)}</span></label>`;
  });
  const describe = problem === undefined ? '' : ` aria-describedby="${groupId}-problem"`;
  return `<fieldset${describe}>\n<legend>${escapeHtml(legend)}</legend>\n${problemHtml(groupId, problem)}${items.join('\n')}\n</fieldset>`;
};

const option = (value: string, label: string, selected: string): string =>
  `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;

const formHtml = (state: LeadCardState, form: CardForm, id: string, fields: string, button: string) => {
  const heading = `${id}-heading`;
  return `<section aria-labelledby="${heading}">
<h2 id="${heading}">${FORM_TITLES[form]}</h2>
<form id="${id}" method="post" action="${escapeHtml(state.actionUrl)}" enctype="application/x-www-form-urlencoded">
<input type="hidden" name="action" value="${form}">
<input type="hidden" name="submission" value="${escapeHtml(state.submission)}">
${fields}
<button type="submit" class="primary" id="${id}-button">${button}</button>
</form>
</section>`;
};

/** The lead's own next action (the owner's latest), else the accepted handoff's. */
const currentNextAction = (state: LeadCardState): { action: string; dueAt: string } => ({
  action: state.lead.nextAction ?? state.note.nextAction,
  dueAt: state.lead.nextActionDueAt ?? state.note.dueAt,
});

const contactForm = (state: LeadCardState): string => {
  const input = inputOf(state, 'log_contact');
  const who = shownValue(input, 'contact_by', state.viewerId);
  const fields = [
    field('contact-at', 'When', 'Leave empty for now.', input.problems.contact_at, (aria) => {
      const value = shownValue(input, 'contact_at', '');
      return `<input type="datetime-local" id="contact-at" name="contact_at" value="${escapeHtml(value)}"${aria}>`;
    }),
    field('contact-by', 'Who contacted them', undefined, input.problems.contact_by, (aria) => {
      const options = state.people.map((person) => option(person.id, person.name, who)).join('\n');
      return `<select id="contact-by" name="contact_by" required${aria}>\n${options}\n</select>`;
    }),
    radios(
      'contact_channel',
      'How',
      CONTACT_CHANNELS.map((value) => ({ value, label: CONTACT_CHANNEL_LABELS[value] })),
      input,
    ),
    field(
      'contact-summary',
      'What was said or sent',
      `E.g. "Sent the estimate range and asked for a preferred appointment window." At most ${CONTACT_SUMMARY_MAX_LENGTH} characters.`,
      input.problems.contact_summary,
      (aria) =>
        `<textarea id="contact-summary" name="contact_summary" rows="4" maxlength="${CONTACT_SUMMARY_MAX_LENGTH}" required${aria}>${escapeHtml(shownValue(input, 'contact_summary', ''))}</textarea>`,
    ),
    radios(
      'waiting_on',
      'Who is waiting on whom?',
      WAITING_ON.map((value) => ({ value, label: WAITING_ON_LABELS[value] })),
      input,
    ),
  ];
  return formHtml(state, 'log_contact', 'contact-form', fields.join('\n'), 'Log this contact');
};

const FOLLOW_UP_HINT =
  'Required for Estimate Sent and No Decision. Estimate Sent starts the follow-up sequence: same day if sent before 3 PM, else next business morning; then 48 h; then day 5.';

const statusForm = (state: LeadCardState): string => {
  const input = inputOf(state, 'set_status');
  const stage = shownValue(input, 'stage', state.lead.stage);
  const followUp = shownValue(input, 'follow_up_at', localValue(state.followUpDefault, state.timeZone));
  const fields = [
    field('stage', 'Status', undefined, input.problems.stage, (aria) => {
      const options = STAGES.map((value) => option(value, STAGE_LABELS[value], stage)).join('\n');
      return `<select id="stage" name="stage" required${aria}>\n${options}\n</select>`;
    }),
    field(
      'follow-up-at',
      'Follow-up due',
      FOLLOW_UP_HINT,
      input.problems.follow_up_at,
      (aria) =>
        `<input type="datetime-local" id="follow-up-at" name="follow_up_at" value="${escapeHtml(followUp)}"${aria}>`,
    ),
  ];
  return formHtml(state, 'set_status', 'status-form', fields.join('\n'), 'Save the status');
};

const NEXT_ACTION_HINT = `Say exactly what to do, e.g. "call after 2 PM to book the inspection", "send two appointment options by Wednesday" or "ask for photos of the leak before quoting"; not "follow up", "check later" or "see thread". At most ${NEXT_ACTION_MAX_LENGTH} characters.`;

const nextActionForm = (state: LeadCardState): string => {
  const input = inputOf(state, 'set_next_action');
  const action = shownValue(input, 'next_action', currentNextAction(state).action);
  const due = shownValue(
    input,
    'next_action_due',
    localValue(currentNextAction(state).dueAt, state.timeZone),
  );
  const fields = [
    field(
      'next-action-text',
      'Next action',
      NEXT_ACTION_HINT,
      input.problems.next_action,
      (aria) =>
        `<input type="text" id="next-action-text" name="next_action" value="${escapeHtml(action)}" maxlength="${NEXT_ACTION_MAX_LENGTH}" required autocomplete="off"${aria}>`,
    ),
    field(
      'next-action-due',
      'Due',
      `When the next action is due, in ${state.timeZone} time.`,
      input.problems.next_action_due,
      (aria) =>
        `<input type="datetime-local" id="next-action-due" name="next_action_due" value="${escapeHtml(due)}" required${aria}>`,
    ),
  ];
  return formHtml(state, 'set_next_action', 'next-action-form', fields.join('\n'), 'Save the next action');
};

const statusLine = (state: LeadCardState): string => {
  const { lead } = state;
  const stage = `<strong>${escapeHtml(STAGE_LABELS[lead.stage])}</strong>`;
  const owner = lead.owner ?? state.note.currentOwner;
  const you = owner !== undefined && owner.id === state.viewerId && state.reviewer === undefined;
  const ownerText =
    owner === undefined ? ' No owner.' : ` Owner: ${escapeHtml(describePerson(owner))}${you ? ', you' : ''}.`;
  const closed = lead.status === 'closed' || lead.stage === 'closed_won' || lead.stage === 'closed_lost';
  let line: string;
  if (state.reviewer !== undefined) {
    line = `Review link for ${escapeHtml(state.reviewer)}: read only. Status: ${stage}.${ownerText}`;
  } else if (state.readOnly && closed) {
    line = `${stage} – nothing more to do.${ownerText}`;
  } else if (state.readOnly) {
    line = `Read only. Status: ${stage}.${ownerText}`;
  } else {
    line = `Status: ${stage}.${ownerText}`;
  }
  return `<div class="status" role="status" id="status">${line}</div>`;
};

/** The alert after a refused post: nothing saved, each problem linking to its field. */
const errorAlert = (error: NonNullable<LeadCardState['error']>): string => {
  const items = Object.entries(error.problems).map(([name, problem]) => {
    const id = FIELD_IDS[name];
    const text = escapeHtml(problem);
    return `<li>${id === undefined ? text : `<a href="#${id}">${text}</a>`}</li>`;
  });
  const list = items.length > 0 ? `\n<ul>${items.join('')}</ul>` : '';
  return `<div class="alert" role="alert" id="error">Nothing was saved. Check the ${escapeHtml(FORM_TITLES[error.form])} form:${list}</div>`;
};

const noticeBox = (notice: string): string =>
  `<div class="status notice" role="status" id="notice">${escapeHtml(notice)}</div>`;

const nextActionSection = (state: LeadCardState): string => {
  const { action, dueAt } = currentNextAction(state);
  return `<section aria-labelledby="next-heading">
<h2 id="next-heading">Next action</h2>
<p id="next-action"><strong>${escapeHtml(action)}</strong><br>Due ${escapeHtml(formatLocalDate(dueAt, state.timeZone))}</p>
</section>`;
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
const followUpsSection = (state: LeadCardState): string => {
  const all = state.lead.followUps ?? [];
  const latest = Math.max(0, ...all.map((followUp) => followUp.sequence));
  const current = all.filter((followUp) => followUp.sequence === latest).sort((a, b) => a.n - b.n);
  const body =
    current.length === 0
      ? '<p id="follow-ups">No follow-ups scheduled.</p>'
      : `<ol id="follow-ups">\n${current
          .map((followUp) => {
            const kind = followUp.kind === 'estimate' ? 'estimate' : 'No Decision';
            const due = formatLocalDate(followUp.dueAt, state.timeZone);
            const text = `, due ${due}: ${followUpState(followUp, state.timeZone)}`;
            return `<li data-state="${followUp.state}"><strong>Follow-up ${followUp.n} of ${current.length}</strong> (${kind})${escapeHtml(text)}</li>`;
          })
          .join('\n')}\n</ol>`;
  return `<section aria-labelledby="follow-ups-heading">
<h2 id="follow-ups-heading">Follow-ups</h2>
${body}
</section>`;
};

const contactList = (contact: ContactLog, timeZone: string): string => {
  const facts: [string, string, string][] = [
    ['contact_at', 'When', formatLocalDate(contact.at, timeZone)],
    ['contact_by', 'Who', describePerson(contact.by)],
    ['contact_channel', 'How', CONTACT_CHANNEL_LABELS[contact.channel]],
    ['contact_summary', 'What was said or sent', contact.summary],
    ['waiting_on', 'Waiting', WAITING_ON_LABELS[contact.waitingOn]],
  ];
  return `<dl id="last-contact">\n${facts
    .map(([key, label, value]) => `<dt>${label}</dt><dd data-fact="${key}">${escapeHtml(value)}</dd>`)
    .join('\n')}\n</dl>`;
};

const lastContactSection = (state: LeadCardState): string => {
  const contact = state.lead.lastContact;
  const body =
    contact === undefined
      ? `<p id="last-contact">${escapeHtml(state.note.lastContact)}</p>`
      : contactList(contact, state.timeZone);
  return `<section aria-labelledby="last-contact-heading">
<h2 id="last-contact-heading">Last contact</h2>
${body}
</section>`;
};

const actorName = (event: TimelineEvent): string => {
  if (event.actor.name) return event.actor.name;
  if (event.actor.kind === 'source') return 'the customer';
  if (event.actor.kind === 'ops') return 'ops';
  return 'the system';
};

/** The timeline, newest first (a later entry wins a tie on time). */
const timelineSection = (state: LeadCardState): string => {
  const events = state.lead.timeline
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.index - a.index)
    .map(({ event }) => {
      const when = formatLocalDate(event.at, state.timeZone);
      return `<li data-event="${escapeHtml(event.type)}"><time datetime="${escapeHtml(event.at)}">${escapeHtml(when)}</time>: ${escapeHtml(event.summary)} <span class="hint">(${escapeHtml(actorName(event))})</span></li>`;
    });
  const body =
    events.length === 0
      ? '<p id="timeline">Nothing yet.</p>'
      : `<ol id="timeline" reversed>\n${events.join('\n')}\n</ol>`;
  return `<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
${body}
</section>`;
};

/** `Tue Mar 10, 4:30 PM – Sam Ortega: Sent the estimate range (Text; we are waiting on the customer)`. */
const contactLine = (contact: ContactLog, timeZone: string): string => {
  const waiting = WAITING_ON_LABELS[contact.waitingOn];
  const how = `${CONTACT_CHANNEL_LABELS[contact.channel]}; ${waiting.charAt(0).toLowerCase()}${waiting.slice(1)}`;
  return `${formatLocalDate(contact.at, timeZone)} – ${contact.by.name}: ${contact.summary} (${how})`;
};

/**
 * The note as of now, so the card never contradicts itself: the lead's current next action and due
 * time (not the accepted handoff's), the last contact logged on the card and the next pending follow-up.
 */
const currentNote = (state: LeadCardState): HandoffNote => {
  const { action, dueAt } = currentNextAction(state);
  const { lastContact } = state.lead;
  const followUpAt = nextFollowUpAt(state.lead) ?? state.note.nextFollowUpAt;
  return {
    ...state.note,
    nextAction: action,
    dueAt,
    ...(lastContact === undefined ? {} : { lastContact: contactLine(lastContact, state.timeZone) }),
    ...(followUpAt === undefined ? {} : { nextFollowUpAt: followUpAt }),
  };
};

const SKIP_LINKS = `<nav class="skips" aria-label="Forms on this page"><a class="skip" href="#contact-form-heading">Log a contact</a><a class="skip" href="#status-form-heading">Set the status</a><a class="skip" href="#next-action-form-heading">Set the next action</a></nav>`;

/**
 * The lead card page: complete, self-contained and safe to serve as `text/html`. `data-state` is
 * `card`, or `review` for the operations lead's read-only review link.
 */
export const leadCardPage = (state: LeadCardState): string => {
  const { note } = state;
  const cardNote = currentNote(state);
  const message =
    state.error === undefined
      ? state.notice === undefined
        ? ''
        : noticeBox(state.notice)
      : errorAlert(state.error);
  const forms = state.readOnly
    ? ''
    : `${contactForm(state)}\n${statusForm(state)}\n${nextActionForm(state)}\n`;
  const content = [
    '<h1>Lead card</h1>',
    statusLine(state),
    message,
    summary(cardNote),
    state.readOnly ? '' : SKIP_LINKS,
    nextActionSection(state),
    followUpsSection(state),
    lastContactSection(state),
    forms,
    noteSection(cardNote),
    timelineSection(state),
    `<p class="hint">Times are in ${escapeHtml(state.timeZone)} time.</p>`,
  ].filter((part) => part !== '');
  const title = `Lead card: ${note.urgencyLabel}, ${note.serviceLabel}`;
  return pageHtml(title, state.reviewer === undefined ? 'card' : 'review', content.join('\n'));
};

export { NEXT_ACTION_MAX_LENGTH };
