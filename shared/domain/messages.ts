/**
 * The texts people receive (SPEC §3, §5): the handoff SMS and email that ask a recipient to accept, and
 * the "moved" SMS and email that tell a previous recipient or owner the lead went to someone else.
 *
 * SMS are kept in the GSM-7 alphabet (a single non-GSM character turns the whole message into UCS-2 and
 * halves the room) and within two segments, link included: variable parts are shortened, never the link.
 * SMS carry the customer's first name only: no last name, phone, email or address.
 */
import {
  describePerson,
  formatLocalDate,
  type HandoffNote,
  NAME_NOT_CAPTURED,
  noteFacts,
  roleLabel,
} from './handoff-note';
import { type HandoffKind, isUrgent, type PersonRef } from './lead';
import { formatLocal } from './time';

/** GSM 03.38 basic character set (the escape code excluded): one septet each. */
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
/** GSM 03.38 extension table: escape + character, two septets each. */
const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

/** Septets or UTF-16 units per segment: a lone message, and each part of a concatenated one. */
const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/** The most septets an SMS of ours may take: two concatenated GSM-7 segments. */
export const SMS_MAX_SEPTETS = 2 * GSM_PART;

/** How an SMS will be encoded and how many segments (billed messages) it takes. */
export interface SmsEncoding {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const isGsm = (char: string): boolean => GSM_BASIC.has(char) || GSM_EXTENSION.has(char);

/** Packs character widths into parts of `size` units without splitting a character across two parts. */
const countParts = (widths: readonly number[], size: number): number => {
  let parts = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > size) {
      parts += 1;
      used = 0;
    }
    used += width;
  }
  return parts;
};

/**
 * The encoding, size and segment count of `text`: GSM-7 when every character is in the GSM 03.38 basic
 * set or its extension table (2 septets each), UCS-2 otherwise. A lone message holds 160 septets or 70
 * units; a concatenated one 153 or 67 per segment, and an escape pair or a surrogate pair is never split
 * across segments. An empty text is still one message.
 */
export const smsEncoding = (text: string): SmsEncoding => {
  const chars = Array.from(text);
  if (chars.every(isGsm)) {
    const widths = chars.map((char) => (GSM_EXTENSION.has(char) ? 2 : 1));
    const units = widths.reduce((sum, width) => sum + width, 0);
    return { encoding: 'GSM-7', units, segments: units <= GSM_SINGLE ? 1 : countParts(widths, GSM_PART) };
  }
  const widths = chars.map((char) => char.length);
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= UCS2_SINGLE ? 1 : countParts(widths, UCS2_PART) };
};

/** Non-GSM characters with a close GSM spelling (quotes, dashes, spaces, ligatures). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2022': '-',
  '\u00B7': '.',
  '\u2026': '...',
  '\t': ' ',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u3000': ' ',
  '\u2028': '\n',
  '\u2029': '\n',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\uFEFF': '',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const COMBINING_MARK = /\p{M}/gu;

/**
 * `text` in the GSM-7 alphabet, so an SMS never silently becomes UCS-2: diacritics outside GSM are
 * stripped (`Tomás` → `Tomas`, while `é`, `ñ`, `ü` stay), curly quotes become straight, dashes `-`,
 * `…` `...`, and anything else outside GSM-7 (emoji, other scripts) becomes `?`.
 */
export const toGsm = (text: string): string => {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isGsm(char)) {
      out += char;
      continue;
    }
    const lookalike = LOOKALIKES[char];
    if (lookalike !== undefined) {
      out += lookalike;
      continue;
    }
    const base = char.normalize('NFD').replace(COMBINING_MARK, '');
    if (base === '') continue; // a lone combining mark
    out += Array.from(base).every(isGsm) ? base : '?';
  }
  return out;
};

const septets = (text: string): number => smsEncoding(text).units;

/** A variable part of a message: its full text (GSM-7) and the fewest characters it may be cut to. */
interface Part {
  text: string;
  min: number;
}

/**
 * A part cut to at most `length` characters, at a word boundary when one is near, and marked with a
 * trailing `.` when it was cut (`South Austin / Buda` → `South Austin.`).
 */
const cut = (part: Part, length: number): string => {
  if (length >= part.text.length) return part.text;
  const hard = part.text.slice(0, Math.max(length - 1, 0));
  const space = hard.lastIndexOf(' ');
  const soft = space >= Math.max(hard.length - 8, 1) ? hard.slice(0, space) : hard;
  const trimmed = soft
    .replace(/[\s,;:/(&-]+$/, '')
    .replace(/\s+(?:and|or|the|of|with|for|to|a|an|in|on|by)$/i, '');
  return `${trimmed}.`;
};

/**
 * Renders `parts` into a message of at most `limit` septets, shortening the longest part (relative to its
 * minimum) one character at a time. Returns the shortest rendering reached when even the minimums do not
 * fit; `fits` says whether the limit was met.
 */
const fitParts = <K extends string>(
  parts: Record<K, Part>,
  render: (values: Record<K, string>) => string,
  limit: number,
): { text: string; fits: boolean } => {
  const keys = Object.keys(parts) as K[];
  const lengths = Object.fromEntries(keys.map((key) => [key, parts[key].text.length])) as Record<K, number>;
  const values = (): Record<K, string> =>
    Object.fromEntries(keys.map((key) => [key, cut(parts[key], lengths[key])])) as Record<K, string>;
  for (;;) {
    const text = render(values());
    if (septets(text) <= limit) return { text, fits: true };
    const slack = (key: K): number => lengths[key] - Math.min(parts[key].min, parts[key].text.length);
    const longest = keys.reduce<K | undefined>(
      (best, key) => (slack(key) > 0 && (best === undefined || slack(key) > slack(best)) ? key : best),
      undefined,
    );
    if (longest === undefined) return { text, fits: false };
    lengths[longest] -= 1;
  }
};

/** A variable SMS part: one line, in GSM-7. */
const smsPart = (text: string): string => toGsm(text.replace(/\s+/g, ' ').trim());

/** Ends a sentence with one full stop, even after a part shortened with `.`. */
const period = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

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
 * The handoff SMS, e.g. `Lone Star Plumbing & Air: EMERGENCY plumbing repair, South Austin / Buda (78704),
 * customer Ana. Accept by Tue 3:05 PM: https://x.example/h/abc`. Always GSM-7 and at most two segments
 * with links up to 120 characters: business name, service, area and first name are shortened to fit,
 * the link never.
 */
export const handoffSms = ({
  note,
  link,
  timeZone,
  businessName,
  kind,
  step,
}: HandoffMessageInput): string => {
  const prefix = kindPrefix(kind, note.reminder ?? step);
  const urgent = note.urgency !== undefined && isUrgent(note.urgency);
  const headline = urgent ? `${urgencyWord(note)} ` : `${urgencyWord(note)} lead, `;
  const deadline = formatLocal(new Date(note.acceptBy), timeZone);
  // The zip outlives a shortened market name: `South Austin. (78704)`.
  const [, areaName = note.area, zip = ''] = /^(.+?)( \(\d{5}\))?$/.exec(note.area) ?? [];
  const { text } = fitParts(
    {
      business: { text: smsPart(businessName), min: 10 },
      service: { text: smsPart(lowerFirst(note.serviceLabel)), min: 8 },
      area: { text: smsPart(areaName), min: 6 },
      name: { text: smsPart(firstNameFor(note) ?? 'name not captured'), min: 3 },
    },
    (v) =>
      `${v.business}: ${prefix}${headline}${v.service}, ${v.area}${zip}, customer ${period(v.name)} Accept by ${deadline}: ${link}`,
    SMS_MAX_SEPTETS,
  );
  return text;
};

/** The urgency and service of a lead in a few words: `EMERGENCY plumbing repair`, `Standard drain cleaning`. */
const shortHeadline = (note: HandoffNote): string => `${urgencyWord(note)} ${lowerFirst(note.serviceLabel)}`;

/**
 * Tells a previous recipient or owner the lead moved and to whom: no link and no customer details beyond
 * the first name. One segment when the reason still reads well shortened, two at most.
 */
export const movedSms = ({ leadId, note, to, reason, businessName }: MovedMessageInput): string => {
  const headline = smsPart(shortHeadline(note));
  const name = smsPart(firstNameFor(note) ?? 'no name');
  const person = smsPart(to.name);
  const role = smsPart(roleLabel(to.role));
  const render = (v: Record<'business' | 'headline' | 'name' | 'to' | 'reason', string>) =>
    `${v.business}: ${v.headline} lead for ${v.name} moved to ${v.to} (${role})${v.reason ? `: ${period(v.reason)}` : '.'} No action needed from you. Ref ${smsPart(leadId)}`;
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
    GSM_SINGLE,
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
    `${prefix}[${tag}] Accept by ${deadline}: ${lowerFirst(note.serviceLabel)}, ${note.area}`,
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
    `Urgency: ${note.urgencyLabel}`,
    `Service: ${note.serviceLabel}`,
    `Area: ${note.area}`,
  ].join('\n');
  return { subject, body };
};
