/**
 * The pages behind a handoff link, `GET/POST /h/{token}` (SPEC §3, §10): the handoff note with the
 * Accept and Send back forms, and the outcome pages. Opening the page changes nothing; only its forms
 * post. Mobile-first and accessible, with no script and no external asset (the CSP is
 * `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'`), and every interpolated value
 * escaped.
 */
import { formatLocalDate } from './date-wording';
import type { HandoffNote } from './handoff-note';
import { isUrgent, REJECT_REASONS } from './lead';
import { CARD_STYLE, type LeadCardState, leadCardPage } from './lead-card-page';
import { type NoteFact, noteFacts } from './note-facts';
import { formatLocal } from './time';
import { REJECT_REASON_LABELS } from './wording';

export { REJECT_REASON_LABELS };

/** What the recipient confirms by accepting (SPEC §3). */
export const CONFIRMATIONS = [
  'saw_notes',
  'understands_next_step',
  'knows_deadline',
  'enough_context',
] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** The checkbox labels; the deadline one is followed by the due time on the page. */
export const CONFIRMATION_LABELS: Record<Confirmation, string> = {
  saw_notes: 'I saw the notes',
  understands_next_step: 'I understand the promised next step',
  knows_deadline: 'I know the deadline',
  enough_context: 'The record has enough context to move without re-asking basic questions',
};

/** The longest explanation the Send back form accepts. */
export const REJECT_TEXT_MAX_LENGTH = 500;

/** What a link page shows. */
export type LinkPageState =
  /** The handoff waits for this recipient: the note and both forms (`error` after a refused post). */
  | { kind: 'open'; note: HandoffNote; actionUrl: string; error?: string }
  /** Accepted: `Accepted by you at Tue 3:07 PM` (or by whom). */
  | { kind: 'accepted'; note: HandoffNote; acceptedAt: string; byYou: boolean; timeZone: string }
  /** Sent back to intake with a reason. */
  | { kind: 'rejected'; note: HandoffNote; reasonLabel: string }
  /** Superseded, escalated or transferred: this link's step is over. */
  | { kind: 'moved'; leadName: string; message: string }
  /** The link's time is up. */
  | { kind: 'expired' }
  /** Unknown or forged token: reveal nothing. */
  | { kind: 'not_found' }
  /** A request the page cannot take (bad form, server trouble): what happened, and that nothing changed. */
  | { kind: 'problem'; title: string; message: string }
  /** After acceptance: the owner's lead card (or a read-only review of it for the operations lead). */
  | { kind: 'card'; card: LeadCardState };

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `value` safe to place in HTML text and in double- or single-quoted attributes. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

export const STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f4f1}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .75rem}
section{background:#fff;border:1px solid #c9c9c4;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
p{margin:0 0 .75rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.25rem;background:#e4e4df;color:#1b1b1b;font-weight:700}
.badge.urgent{background:#a4161a;color:#fff}
.status{padding:.75rem 1rem;border-radius:.5rem;background:#e6f0fa;border:1px solid #0b4f8a;margin:0 0 1rem}
.alert{padding:.75rem 1rem;border-radius:.5rem;background:#fdecea;border:2px solid #a4161a;color:#5c0b0e;font-weight:600;margin:0 0 1rem}
dl{margin:0}
dt{font-weight:700;margin-top:.75rem}
dt:first-child{margin-top:0}
dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
dd ul{margin:.25rem 0 0;padding-left:1.25rem;white-space:normal}
fieldset{border:0;padding:0;margin:0 0 1rem;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.5rem}
.choice{display:flex;gap:.75rem;align-items:center;min-height:48px;padding:.5rem .75rem;border:1px solid #8a8a85;border-radius:.375rem;margin:.5rem 0;cursor:pointer}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#0b4f8a}
.field{display:block;font-weight:700;margin:.5rem 0 .25rem}
.hint{color:#44443f;font-size:.95rem;margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem}
button{display:block;width:100%;min-height:48px;font:inherit;font-weight:700;border-radius:.5rem;border:2px solid #0b4f8a;padding:.75rem 1rem;cursor:pointer}
.primary{background:#0b4f8a;color:#fff}
.secondary{background:#fff;color:#8f1317;border-color:#8f1317}
a{color:#0b4f8a}
.tap{display:inline-block;min-height:44px;padding:.5rem 0}
.skip{display:inline-block;min-height:44px;padding:.5rem 0;margin-bottom:.5rem}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#121212;color:#ececec}section{background:#1e1e1e;border-color:#555}.badge{background:#3a3a3a;color:#fff}.status{background:#0f2a44;border-color:#7fb2e5}.alert{background:#3d1012;color:#ffd9d9;border-color:#ff8a8a}.hint{color:#c8c8c8}a{color:#9ccaff}textarea{background:#1e1e1e;color:#ececec;border-color:#9a9a9a}.choice{border-color:#8a8a8a}.secondary{background:#1e1e1e;color:#ff9e9e;border-color:#ff9e9e}}`;

/** A whole page: `state` goes on `<main data-state>` for browser tests. */
export const pageHtml = (
  title: string,
  state: LinkPageState['kind'] | 'review',
  content: string,
): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${state === 'card' || state === 'review' ? CARD_STYLE : ''}</style>
</head>
<body>
<main id="main" data-state="${state}">
${content}
</main>
</body>
</html>
`;

const SAFE_PHONE = /^\+?[0-9]{6,15}$/;
const SAFE_EMAIL = /^[^\s@<>"'()[\]\\,;:]+@[^\s@<>"'()[\]\\,;:]+\.[^\s@<>"'()[\]\\,;:]+$/;

const factValue = (fact: NoteFact, note: HandoffNote): string => {
  const { phone, email } = note.contact;
  if (fact.key === 'phone' && phone !== undefined && SAFE_PHONE.test(phone)) {
    return `<a class="tap" href="tel:${escapeHtml(phone)}">${escapeHtml(phone)}</a>`;
  }
  if (fact.key === 'email' && email !== undefined && SAFE_EMAIL.test(email)) {
    return `<a class="tap" href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`;
  }
  if (Array.isArray(fact.value)) {
    return `<ul>${fact.value.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  }
  return escapeHtml(fact.value);
};

const noteList = (note: HandoffNote): string =>
  `<dl id="note">\n${noteFacts(note)
    .map(
      (fact) => `<dt>${escapeHtml(fact.label)}</dt><dd data-fact="${fact.key}">${factValue(fact, note)}</dd>`,
    )
    .join('\n')}\n</dl>`;

export const noteSection = (note: HandoffNote): string => `<section aria-labelledby="note-heading">
<h2 id="note-heading">Handoff note</h2>
${noteList(note)}
</section>`;

const badge = (note: HandoffNote): string => {
  const urgent = note.urgency !== undefined && isUrgent(note.urgency);
  return `<span class="badge${urgent ? ' urgent' : ''}">${escapeHtml(note.urgencyLabel)}</span>`;
};

/** `Emergency · Plumbing repair · South Austin / Buda (78704)` with the urgency as a badge. */
export const summary = (note: HandoffNote): string =>
  `<p id="summary">${badge(note)} ${escapeHtml(note.serviceLabel)} · ${escapeHtml(note.area)}<br>Customer: ${escapeHtml(note.leadName)}</p>`;

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

const checkbox = (confirmation: Confirmation, note: HandoffNote): string => {
  const id = `confirm-${confirmation}`;
  const extra =
    confirmation === 'knows_deadline'
      ? ` (next action due ${formatLocalDate(note.dueAt, note.timeZone)})`
      : '';
  return `<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="confirm" value="${confirmation}" required> <span>${escapeHtml(CONFIRMATION_LABELS[confirmation] + extra)}</span></label>`;
};

const radio = (reason: (typeof REJECT_REASONS)[number]): string => {
  const id = `reason-${reason}`;
  return `<label class="choice" for="${id}"><input type="radio" id="${id}" name="reason" value="${reason}" required> <span>${escapeHtml(REJECT_REASON_LABELS[reason])}</span></label>`;
};

const openPage = (note: HandoffNote, actionUrl: string, error: string | undefined): string => {
  const action = escapeHtml(actionUrl);
  const deadline = formatLocalDate(note.acceptBy, note.timeZone);
  const alert =
    error === undefined ? '' : `<div class="alert" role="alert" id="error">${escapeHtml(error)}</div>\n`;
  return pageHtml(
    `Handoff: ${note.urgencyLabel}, ${note.serviceLabel}`,
    'open',
    `<h1>Accept this lead?</h1>
${alert}<div class="status" role="status" id="status">${escapeHtml(stepLine(note))}Accept by <strong>${escapeHtml(deadline)}</strong>, or send it back to intake if something is missing. Opening this page changed nothing.</div>
${summary(note)}
<a class="skip" href="#accept-heading">Skip to Accept</a>
${noteSection(note)}
<section aria-labelledby="accept-heading">
<h2 id="accept-heading">Accept</h2>
<form id="accept-form" method="post" action="${action}" enctype="application/x-www-form-urlencoded">
<fieldset>
<legend>Before you accept, confirm that:</legend>
${CONFIRMATIONS.map((confirmation) => checkbox(confirmation, note)).join('\n')}
</fieldset>
<button type="submit" class="primary" id="accept-button" name="action" value="accept">Accept this lead</button>
</form>
</section>
<section aria-labelledby="reject-heading">
<h2 id="reject-heading">Send back to intake</h2>
<p class="hint">If the record is missing something you need, send it back with the reason. Intake completes it and hands it on again.</p>
<form id="reject-form" method="post" action="${action}" enctype="application/x-www-form-urlencoded">
<fieldset>
<legend>What is missing?</legend>
${REJECT_REASONS.map(radio).join('\n')}
</fieldset>
<label class="field" for="reject-text">Details</label>
<p class="hint" id="reject-text-hint">Required when the reason is Other. At most ${REJECT_TEXT_MAX_LENGTH} characters.</p>
<textarea id="reject-text" name="text" rows="4" maxlength="${REJECT_TEXT_MAX_LENGTH}" aria-describedby="reject-text-hint"></textarea>
<button type="submit" class="secondary" id="reject-button" name="action" value="reject">Send back to intake</button>
</form>
</section>
<p class="hint">Times are in ${escapeHtml(note.timeZone)} time.</p>`,
  );
};

const acceptedPage = (note: HandoffNote, acceptedAt: string, byYou: boolean, timeZone: string): string => {
  const when = formatLocal(new Date(acceptedAt), timeZone);
  if (!byYou) {
    // Someone else owns it now: say who, and show nothing of the customer beyond the name.
    const who = note.currentOwner?.name ?? 'someone else';
    return pageHtml(
      'Lead accepted',
      'accepted',
      `<h1>Lead accepted</h1>
<div class="status" role="status" id="status">Accepted by ${escapeHtml(who)} at ${escapeHtml(when)}.</div>
<p>${escapeHtml(note.leadName)} (reference ${escapeHtml(note.leadId)}) is owned. Nothing more to do from you.</p>`,
    );
  }
  return pageHtml(
    'Lead accepted',
    'accepted',
    `<h1>Lead accepted</h1>
<div class="status" role="status" id="status">Accepted by you at ${escapeHtml(when)}. It is your lead now.</div>
${summary(note)}
<section aria-labelledby="next-heading">
<h2 id="next-heading">Your next action</h2>
<p id="next-action"><strong>${escapeHtml(note.nextAction)}</strong><br>Due ${escapeHtml(formatLocalDate(note.dueAt, note.timeZone))}</p>
</section>
${noteSection(note)}
<p class="hint">Times are in ${escapeHtml(note.timeZone)} time.</p>`,
  );
};

const rejectedPage = (note: HandoffNote, reasonLabel: string): string =>
  pageHtml(
    'Sent back to intake',
    'rejected',
    `<h1>Sent back to intake</h1>
<div class="status" role="status" id="status">You sent it back to intake: ${escapeHtml(reasonLabel)}.</div>
<p>${escapeHtml(note.leadName)} (reference ${escapeHtml(note.leadId)}): intake will complete the record and hand it on again. Nothing more to do from you.</p>`,
  );

const movedPage = (leadName: string, message: string): string =>
  pageHtml(
    'This lead has moved',
    'moved',
    `<h1>This lead has moved</h1>
<div class="status" role="status" id="status">${escapeHtml(leadName)}: ${escapeHtml(message)}</div>
<p>This link no longer accepts or sends back the lead. Nothing was changed.</p>`,
  );

const expiredPage = (): string =>
  pageHtml(
    'Link expired',
    'expired',
    `<h1>This link has expired</h1>
<div class="status" role="status" id="status">Nothing was changed.</div>
<p>Handoff links work for a limited time. If this lead still needs you, ask the office for a new link.</p>`,
  );

const notFoundPage = (): string =>
  pageHtml(
    'Link not recognised',
    'not_found',
    `<h1>Link not recognised</h1>
<div class="status" role="status" id="status">Nothing was changed.</div>
<p>Check that you opened the whole link from the message.</p>`,
  );

const problemPage = (title: string, message: string): string =>
  pageHtml(
    title,
    'problem',
    `<h1>${escapeHtml(title)}</h1>
<div class="status" role="status" id="status">${escapeHtml(message)}</div>`,
  );

/** The HTML page for a link state: complete, self-contained and safe to serve as `text/html`. */
export const linkPage = (state: LinkPageState): string => {
  switch (state.kind) {
    case 'open':
      return openPage(state.note, state.actionUrl, state.error);
    case 'accepted':
      return acceptedPage(state.note, state.acceptedAt, state.byYou, state.timeZone);
    case 'rejected':
      return rejectedPage(state.note, state.reasonLabel);
    case 'moved':
      return movedPage(state.leadName, state.message);
    case 'expired':
      return expiredPage();
    case 'not_found':
      return notFoundPage();
    case 'problem':
      return problemPage(state.title, state.message);
    case 'card':
      return leadCardPage(state.card);
  }
};
