/**
 * How a lead was captured, in the words people read on the board, the lead card and the handoff note
 * (docs/product-rules.md §2 "captured with warnings"): whether it is a source's test lead, what intake
 * left out or could not match (with the customer's own words), and the other details the source sent
 * that are not lead fields.
 */

import { ALL_LEAD_FIELDS, CONSENT_KEYS } from './intake-fields';
import { cut } from './intake-findings';
import type { Lead } from './lead';

/** What the board and the lead card say about how a lead was captured. */
export interface CaptureWords {
  test: boolean;
  /** One plain sentence per warning, e.g. `The customer wrote the area as “north side”: we could not match it to a market.` */
  warnings: string[];
  /** The other details sent, as `name: value` lines, in the order they came. */
  otherDetails: string[];
}

/** The label of a test lead on the board and its lead page. */
export const TEST_LEAD_LABEL = 'Test lead';
/** What a test lead's status says instead of an owner. */
export const TEST_LEAD_STATUS = 'Test lead from the source: stored, never routed, nobody notified';

/** Longest value of an other detail in a line people read (the lead keeps up to `EXTRA_LIMITS.valueLength`). */
const DETAIL_LENGTH = 200;

/**
 * Warnings about a lead field, a part of consent, whether it is a test, or the extra fields left out.
 * The warning on each kept extra field is not repeated: the field is listed among the other details.
 */
const ABOUT_THE_LEAD: ReadonlySet<string> = new Set([
  ...ALL_LEAD_FIELDS,
  ...CONSENT_KEYS.map((key) => `consent.${key}`),
  'test',
  'extra',
]);

/** The capture of `lead` in people's words. */
export const captureWords = (lead: Pick<Lead, 'warnings' | 'extra' | 'test'>): CaptureWords => ({
  test: lead.test === true,
  warnings: (lead.warnings ?? [])
    .filter((warning) => ABOUT_THE_LEAD.has(warning.field))
    .map((warning) => warning.message),
  otherDetails: Object.entries(lead.extra ?? {}).map(
    ([name, value]) => `${name}: ${cut(value.replace(/\s+/g, ' '), DETAIL_LENGTH)}`,
  ),
});
