/**
 * One failed handoff as the board lists it (docs/product-rules.md §9): the lead, the step that could not
 * complete, the reason in plain words and how long ago it was first seen.
 */
import type { FailedHandoff, FailureKind } from './failures';
import { formatDuration } from './report-text';
import { plural } from './wording';

export interface FailedRow {
  failureId: string;
  leadId: string;
  customer: string;
  /** What could not complete: `Message: SMS handoff to Dana Whitfield (dispatch)`. */
  step: string;
  /** Why, in plain words: `The number has opted out of texts`. */
  reason: string;
  /** Since it was first seen: `12 min`, `3 h 5 min`, `2 d 4 h`. */
  age: string;
  /** `1 attempt`, `8 attempts`. */
  attempts: string;
}

/** What kind of step failed, in words. */
export const FAILURE_KIND_LABELS: Readonly<Record<FailureKind, string>> = {
  notification: 'Message',
  timer: 'Timer',
  dispatch: 'Sending the handoff',
  deadline: 'Acceptance deadline',
  unowned: 'Nobody accepted',
  unmapped: 'A lead source sent something we could not read',
};

/** The delivery codes a failure reason may carry, in plain words. */
const REASON_WORDS: Readonly<Record<string, string>> = {
  opted_out: 'the number has opted out of texts',
  invalid_number: 'the number cannot receive texts',
  no_address: 'there is no phone or email on file for them',
  throttled: 'the text service was busy',
  unavailable: 'the messaging service was unavailable',
  rejected: 'the provider refused the message',
};

/** A failure's reason in plain words: delivery codes spelled out, the first letter capitalized. */
export const reasonWords = (reason: string): string => {
  const words = reason.replace(
    /\b[a-z]+(?:_[a-z]+)+\b|\b(?:throttled|unavailable|rejected)\b/g,
    (code) => REASON_WORDS[code] ?? code.replaceAll('_', ' '),
  );
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The row of `failure` (about the lead named `customer`) at `now`. */
export const failedRow = (failure: FailedHandoff, customer: string | undefined, now: Date): FailedRow => ({
  failureId: failure.id,
  leadId: failure.leadId,
  customer: customer?.trim() || 'Name not captured',
  step: `${FAILURE_KIND_LABELS[failure.kind]}: ${failure.what}`,
  reason: reasonWords(failure.reason),
  age: formatDuration((now.getTime() - Date.parse(failure.firstSeenAt)) / 1000),
  attempts: plural(failure.attempts, 'attempt'),
});
