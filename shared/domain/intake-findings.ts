/**
 * What reading a submission noticed (docs/product-rules.md §2), kept two ways at once:
 * - `issues`, in the API's terms, by field path: a strict reading (`PATCH /leads/{id}`, a person
 *   correcting a lead) refuses on any of them;
 * - `warnings`, in plain words: intake captures the lead anyway (never bounce a lead with a usable
 *   contact) and says what it left out, cut or could not match, keeping the customer's own words.
 */
import type { Issue } from '../errors';
import { cleanText } from './text-cleaning';

/** One thing intake did to a submitted value, for the integrator's answer and the people who read the lead. */
export interface IntakeWarning {
  /** The submitted field it is about: a lead field (`market`), a part of consent (`consent.sms`), or a key kept under `extra`. */
  field: string;
  /** What happened, in plain words, e.g. `The customer wrote the area as “north side”: we could not match it to a market.` */
  message: string;
  /** The customer's own words for a value that was left out or not matched (cut to `WORDS_LENGTH`). */
  words?: string;
}

/** Longest `words` kept on a warning. */
export const WORDS_LENGTH = 200;
/** Longest quote of the customer's words inside a message. */
const QUOTE_LENGTH = 80;

/** `text` cut to `max` characters, with an ellipsis when it was longer. */
export const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** What a sent value says, as one line of text: a string, a number or a yes/no; undefined for anything else. */
export const wordsOf = (value: unknown): string | undefined => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = cleanText(value).trim();
  return text === '' ? undefined : cut(text, WORDS_LENGTH);
};

/** The customer's words quoted for a message: `“north side”`. */
export const quoted = (words: string): string => `“${cut(words, QUOTE_LENGTH)}”`;

/** The issues (strict reading) and warnings (capture) of one submission. */
export class Findings {
  readonly issues: Issue[] = [];
  readonly warnings: IntakeWarning[] = [];

  /**
   * A problem with the value at `path`: `issue` for a strict reading, and — when intake can get past it —
   * the plain `warning` a capture carries, with what was sent.
   */
  note(path: string, issue: string, warning?: string, sent?: unknown): void {
    this.issues.push({ path, message: issue });
    if (warning !== undefined) this.warn(path, warning, sent);
  }

  /** A warning only: something a capture did that a strict reading refuses on its own terms. */
  warn(field: string, message: string, sent?: unknown): void {
    const words = wordsOf(sent);
    this.warnings.push({ field, message, ...(words === undefined ? {} : { words }) });
  }
}
