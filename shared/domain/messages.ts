/**
 * The texts people receive: the handoff SMS and email that ask a recipient to accept, and
 * the "moved" SMS and email that tell a previous recipient or owner the lead went to someone else.
 *
 * SMS are kept in the GSM-7 alphabet (a single non-GSM character turns the whole message into UCS-2 and
 * halves the room) and within two segments, link included: variable parts are shortened, never the link.
 * SMS carry the customer's first name only: no last name, phone, email or address.
 */
import { formatLocalDate } from './date-wording';
import { type HandoffNote, NAME_NOT_CAPTURED } from './handoff-note';
import { FIELD_LABELS } from './intake-fields';
import { type HandoffKind, isUrgent, type PersonRef } from './lead';
import { noteFacts } from './note-facts';
import { fitParts, SMS_MAX_SEPTETS, SMS_SINGLE_SEPTETS, smsPart } from './sms';
import { formatLocal } from './time';
import { describePerson, midSentence } from './wording';

/** Ends a sentence with one full stop, even after a part shortened with `.`. */
const period = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

/** The urgency word of an SMS: capitals for urgent work, plain words otherwise. */
const urgencyWord = (note: HandoffNote): string => {
  if (note.urgency === undefined) return 'New';
  if (isUrgent(note.urgency)) return note.urgencyLabel.toUpperCase();
  return note.urgency === 'estimate' ? 'Estimate' : note.urgencyLabel;
};

/** What kind of step this is, as the first words after the business name. */
const kindPrefix = (kind: HandoffKind, reminder: number): string => {
  switch (kind) {
    case 'escalation':
      return 'Escalated to you: ';
    case 'renotify':
      return `Reminder ${reminder}: `;
    case 'transfer':
      return 'Transferred to you: ';
    case 'needs_info':
      return 'Needs info: ';
    case 'route':
      return '';
  }
};

/** What a handoff message is built from. */
export interface HandoffMessageInput {
  note: HandoffNote;
  /** The acceptance link (ASCII; up to about 120 characters keeps the SMS within two segments). */
  link: string;
  /** The business time zone the deadline is shown in. */
  timeZone: string;
  businessName: string;
  kind: HandoffKind;
  /** The ladder step; for `renotify`, the reminder number when the note does not carry one. */
  step: number;
  /** The handoff's reply code (`1A`): the SMS ends with how to accept by replying. */
  replyCode?: string;
}

/** What a "moved" message is built from. */
export interface MovedMessageInput {
  leadId: string;
  note: HandoffNote;
  /** Who has the lead now. */
  to: PersonRef;
  /** Why it moved (escalation or transfer reason: staff and roles only). */
  reason: string;
  businessName: string;
}

const firstNameFor = (note: HandoffNote): string | undefined =>
  note.customerFirstName ?? (note.leadName === NAME_NOT_CAPTURED ? undefined : note.leadName.split(' ')[0]);

/**
 * How to accept by replying, and what a reply confirms (the link page's four confirmations, briefly);
 * the short form when the long one leaves no room.
 */
export const replyLines = (code: string): { full: string; short: string } => ({
  full: ` Reply ${code} to accept: you saw the notes, next step, deadline & have enough context.`,
  short: ` Reply ${code} to accept.`,
});

/**
 * The handoff SMS, e.g. `Lone Star Plumbing & Air: EMERGENCY plumbing repair, South Austin / Buda (78704),
 * customer Ana. Accept by Tue 3:05 PM: https://x.example/h/abc`. Always GSM-7 and at most two segments
 * with links up to 120 characters: business name, service, area and first name are shortened to fit,
 * the link never. With a reply code it ends `Reply 1A to accept: you saw the notes, ...` (or just
 * `Reply 1A to accept.` when that leaves no room).
 */
export const handoffSms = ({
  note,
  link,
  timeZone,
  businessName,
  kind,
  step,
  replyCode,
}: HandoffMessageInput): string => {
  const prefix = kindPrefix(kind, note.reminder ?? step);
  if (replyCode !== undefined) {
    // The reply line ends the SMS; the long one only while the parts keep their minimums.
    const base = { note, link, timeZone, businessName, kind, step };
    const lines = replyLines(replyCode);
    const full = fitHandoffSms(base, prefix, lines.full);
    return full.fits ? full.text : fitHandoffSms(base, prefix, lines.short).text;
  }
  return fitHandoffSms({ note, link, timeZone, businessName, kind, step }, prefix, '').text;
};

/** The handoff SMS with `tail` after the link, its variable parts shortened to fit two segments. */
const fitHandoffSms = (
  { note, link, timeZone, businessName }: HandoffMessageInput,
  prefix: string,
  tail: string,
): { text: string; fits: boolean } => {
  const urgent = note.urgency !== undefined && isUrgent(note.urgency);
  const headline = urgent ? `${urgencyWord(note)} ` : `${urgencyWord(note)} lead, `;
  const deadline = formatLocal(new Date(note.acceptBy), timeZone);
  // The zip outlives a shortened market name: `South Austin. (78704)`.
  const [, areaName = note.area, zip = ''] = /^(.+?)( \(\d{5}\))?$/.exec(note.area) ?? [];
  return fitParts(
    {
      business: { text: smsPart(businessName), min: 10 },
      service: { text: smsPart(midSentence(note.serviceLabel)), min: 8 },
      area: { text: smsPart(areaName), min: 6 },
      name: { text: smsPart(firstNameFor(note) ?? 'name not captured'), min: 3 },
    },
    (v) =>
      `${v.business}: ${prefix}${headline}${v.service}, ${v.area}${zip}, customer ${period(v.name)} Accept by ${deadline}: ${link}${tail}`,
    SMS_MAX_SEPTETS,
  );
};

/** The urgency and service of a lead in a few words: `EMERGENCY plumbing repair`, `Standard drain cleaning`. */
const shortHeadline = (note: HandoffNote): string => `${urgencyWord(note)} ${midSentence(note.serviceLabel)}`;

/**
 * Tells a previous recipient or owner the lead moved and to whom: no link and no customer details beyond
 * the first name. One segment when the reason still reads well shortened, two at most.
 */
export const movedSms = ({ leadId, note, to, reason, businessName }: MovedMessageInput): string => {
  const headline = smsPart(shortHeadline(note));
  const name = smsPart(firstNameFor(note) ?? 'no name');
  const person = smsPart(to.name);
  const render = (v: Record<'business' | 'headline' | 'name' | 'to' | 'reason', string>) =>
    `${v.business}: ${v.headline} lead for ${v.name} moved to ${describePerson({ name: v.to, role: to.role })}${v.reason ? `: ${period(v.reason)}` : '.'} No action needed from you. Ref ${smsPart(leadId)}`;
  // One segment only if nothing but the business name and the tail of the reason has to go.
  const single = fitParts(
    {
      business: { text: smsPart(businessName), min: 16 },
      headline: { text: headline, min: headline.length },
      name: { text: name, min: name.length },
      to: { text: person, min: person.length },
      reason: { text: smsPart(reason), min: 30 },
    },
    render,
    SMS_SINGLE_SEPTETS,
  );
  if (single.fits) return single.text;
  return fitParts(
    {
      business: { text: smsPart(businessName), min: 10 },
      headline: { text: headline, min: 12 },
      name: { text: name, min: 3 },
      to: { text: person, min: 12 },
      reason: { text: smsPart(reason), min: 12 },
    },
    render,
    SMS_MAX_SEPTETS,
  ).text;
};

/** A one-line header value: no line breaks (they would inject headers), collapsed spaces. */
const headerSafe = (text: string): string => text.replace(/\s+/g, ' ').trim();

const factLines = (note: HandoffNote): string[] =>
  noteFacts(note).flatMap((fact) =>
    Array.isArray(fact.value)
      ? [`${fact.label}:`, ...fact.value.map((item) => `  - ${item}`)]
      : [`${fact.label}: ${fact.value}`],
  );

/** An email: a one-line subject and a plain-text body. */
export interface EmailText {
  subject: string;
  body: string;
}

/**
 * The handoff email: the whole handoff note (contact details and unclear items included), the deadline
 * and the link, with a line saying that opening the link changes nothing — the buttons on the page do.
 * Subject e.g. `[EMERGENCY] Accept by Tue 3:05 PM: plumbing repair, South Austin / Buda (78704)`.
 */
export const handoffEmail = ({
  note,
  link,
  timeZone,
  businessName,
  kind,
  step,
}: HandoffMessageInput): EmailText => {
  const prefix = kindPrefix(kind, note.reminder ?? step);
  const deadline = formatLocal(new Date(note.acceptBy), timeZone);
  const tag = urgencyWord(note);
  const subject = headerSafe(
    `${prefix}[${tag}] Accept by ${deadline}: ${midSentence(note.serviceLabel)}, ${note.area}`,
  );
  const intro = prefix ? `${prefix.trim()} ` : '';
  const body = [
    `${intro}${businessName} needs you to accept this lead by ${formatLocalDate(note.acceptBy, timeZone)}.`,
    '',
    'Accept it, or send it back to intake if something is missing:',
    link,
    'Opening the link changes nothing; only the Accept and Send back buttons on the page do.',
    '',
    'HANDOFF NOTE',
    ...factLines({ ...note, timeZone }),
    '',
    `Times are in ${timeZone} time. The customer's details are for this job only: please do not forward them.`,
  ].join('\n');
  return { subject, body };
};

/** Tells a previous recipient or owner by email that the lead moved and to whom (first name only). */
export const movedEmail = ({ leadId, note, to, reason, businessName }: MovedMessageInput): EmailText => {
  const subject = headerSafe(`Moved to ${to.name}: ${shortHeadline(note)}, ${note.area}`);
  const body = [
    `${businessName}: this lead moved to ${describePerson(to)}.`,
    `Why: ${reason}`,
    'No action is needed from you, and your handoff link for it no longer works.',
    '',
    `Lead reference: ${leadId}`,
    `Customer: ${firstNameFor(note) ?? 'name not captured'}`,
    `${FIELD_LABELS.urgency}: ${note.urgencyLabel}`,
    `${FIELD_LABELS.serviceType}: ${note.serviceLabel}`,
    `Area: ${note.area}`,
  ].join('\n');
  return { subject, body };
};
