/**
 * What a submission sent that is not a lead field (docs/product-rules.md §2 "captured with warnings"):
 * kept with the lead under `extra`, as text, bounded — a Twilio post's `CallSid`, a form builder's
 * `message` field, a connector's campaign ids — so nothing the customer said is lost at the door.
 */
import { cut, type Findings, type IntakeWarning } from './intake-findings';
import { cleanText } from './text-cleaning';

/** How much of what we do not read is kept: keys, each key's and each value's length (30 × 564 characters at most). */
export const EXTRA_LIMITS = { keys: 30, keyLength: 64, valueLength: 500 } as const;

/** The most warnings a lead keeps, over its first submission and its repeat contacts. */
export const MAX_WARNINGS = 100;

/** Keys never kept: they would change an object's prototype in code that reads them back. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A value as stored text: a string cleaned (line breaks kept), a number or yes/no as written, anything else as JSON. */
const asText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return cleanText(value, { multiline: true }).trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return cleanText(JSON.stringify(value) ?? '').trim();
};

/** Collects the fields of one submission that intake does not read, within `EXTRA_LIMITS`. */
export class ExtraFields {
  private readonly kept = new Map<string, string>();
  /** Warnings of the kept fields: reported by `result`, after those about the lead's own fields. */
  private readonly pending: { field: string; message: string }[] = [];
  private leftOut = 0;

  constructor(private readonly findings: Findings) {}

  /**
   * Keeps `value` under `key` (cleaned, one line, cut to fit). A key sent unasked gets a warning; one sent
   * inside the submission's own `extra` object does not (the sender put it there on purpose). Empty values
   * are skipped; keys beyond the limit are counted and reported once by `result`.
   */
  add(key: string, value: unknown, options: { warn: boolean }): void {
    const text = asText(value);
    if (text === undefined || text === '') return;
    const name = cut(cleanText(key).trim(), EXTRA_LIMITS.keyLength);
    if (name === '' || UNSAFE_KEYS.has(name) || this.kept.has(name) || this.kept.size >= EXTRA_LIMITS.keys) {
      this.leftOut += 1;
      return;
    }
    const stored = cut(text, EXTRA_LIMITS.valueLength);
    this.kept.set(name, stored);
    if (!options.warn) return;
    const wasCut = stored.length < text.length ? `, cut to ${EXTRA_LIMITS.valueLength} characters` : '';
    this.pending.push({ field: name, message: `Not a lead field: kept as sent under “extra”${wasCut}.` });
  }

  /** The kept fields (undefined when none), after their warnings and one about those left out. */
  result(): Record<string, string> | undefined {
    for (const { field, message } of this.pending) this.findings.warn(field, message);
    if (this.leftOut > 0) {
      const fields = this.leftOut === 1 ? '1 more field was' : `${this.leftOut} more fields were`;
      this.findings.warn(
        'extra',
        `${fields} left out: at most ${EXTRA_LIMITS.keys} fields we do not read are kept, each with a name.`,
      );
    }
    return this.kept.size === 0 ? undefined : Object.fromEntries(this.kept);
  }
}

/** What a lead keeps of its submissions besides its fields: what we did not read, what intake noticed, a test. */
export interface Captured {
  extra?: Record<string, string>;
  warnings?: IntakeWarning[];
  test?: true;
}

/**
 * `lead` with a later submission's capture added (a repeat contact): extra fields it lacks, within the
 * limits, and its warnings after the earlier ones, up to `MAX_WARNINGS`. Whether it is a test stays as
 * the lead was created.
 */
export const withCapture = <L extends Captured>(lead: L, capture: Captured): L => {
  const extra = { ...lead.extra };
  for (const [key, value] of Object.entries(capture.extra ?? {})) {
    if (!Object.hasOwn(extra, key) && Object.keys(extra).length < EXTRA_LIMITS.keys) extra[key] = value;
  }
  const warnings = [...(lead.warnings ?? []), ...(capture.warnings ?? [])].slice(0, MAX_WARNINGS);
  return {
    ...lead,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
};
