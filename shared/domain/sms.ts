/**
 * SMS size and alphabet: how many segments a text takes, how to keep it in GSM-7 (a single non-GSM
 * character turns the whole message into UCS-2 and halves the room), and how to shorten the variable
 * parts of a message until it fits.
 */

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
/** The most septets of an SMS that is one segment. */
export const SMS_SINGLE_SEPTETS = GSM_SINGLE;

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
export interface Part {
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
export const fitParts = <K extends string>(
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
export const smsPart = (text: string): string => toGsm(text.replace(/\s+/g, ' ').trim());
