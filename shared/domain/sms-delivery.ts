/**
 * Carrier delivery reports of our SMS (docs/product-rules.md §12). AWS End User Messaging SMS reports
 * what became of a text sent with a configuration set (an event per change, up to 72 hours later);
 * these are the reports that mean it never reached the phone, in people's words. (The context every SMS
 * carries, so that its report names the lead, the step and the person: `sms-context.ts`.)
 *
 * Event types: "Event types for SMS, MMS, and voice" (End User Messaging SMS user guide); an event's
 * `messageStatus` is its type without `TEXT_`. Success, queued and pending reports mean nothing here.
 */
/** The failure statuses of an SMS report (event type `TEXT_<status>`), each in people's words. */
export const SMS_FAILURE_STATUSES = {
  BLOCKED: 'the phone or its carrier blocked the message',
  TTL_EXPIRED: 'it could not be delivered in time',
  CARRIER_UNREACHABLE: 'the carrier could not reach the phone',
  INVALID: 'the number cannot receive texts',
  INVALID_MESSAGE: 'the carrier could not accept the message',
  CARRIER_BLOCKED: 'the carrier blocked the message',
  UNREACHABLE: 'the phone is off or out of coverage',
  SPAM: 'the carrier took it for spam',
  UNKNOWN: 'the carrier did not say why',
  PROTECT_BLOCKED: 'our SMS protection settings blocked it',
} as const;

export type SmsFailureStatus = keyof typeof SMS_FAILURE_STATUSES;

/** Every failure status, as the local runner accepts them. */
export const SMS_FAILURE_STATUS_NAMES = Object.keys(SMS_FAILURE_STATUSES) as SmsFailureStatus[];

/** The event types of the configuration set's event destination: the failures, nothing else. */
export const SMS_FAILURE_EVENT_TYPES: readonly string[] = SMS_FAILURE_STATUS_NAMES.map((s) => `TEXT_${s}`);

/** A status no event type names, but which means the same: the number opted out (treated as a failure). */
const OPTED_OUT = 'OPTED_OUT';

const UNDELIVERED_WORDS: Readonly<Record<string, string>> = {
  ...SMS_FAILURE_STATUSES,
  [OPTED_OUT]: 'the number opted out of texts',
};

/** The reason code a report's failure is recorded with (`undelivered_carrier_unreachable`). */
const reasonOf = (status: string): string => `undelivered_${status.toLowerCase()}`;

/** Every reason code of an undelivered SMS, in words (for the timeline's and the failed list's wording). */
export const UNDELIVERED_REASON_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(UNDELIVERED_WORDS).map(([status, words]) => [reasonOf(status), words]),
);

/** What a failure report says: its status, its reason code and its words. */
export interface Undelivered {
  status: string;
  reason: string;
  words: string;
}

/**
 * The failure a report stands for, or undefined for any other report (delivered, queued, pending...).
 * The status decides when it is a failure (`OPTED_OUT` included), else the event type.
 */
export const undeliveredOf = (eventType: string, status: string | undefined): Undelivered | undefined => {
  const fromType = eventType.startsWith('TEXT_') ? eventType.slice('TEXT_'.length) : undefined;
  const known = [status, fromType].find((s) => s !== undefined && UNDELIVERED_WORDS[s] !== undefined);
  if (known === undefined) return undefined;
  return { status: known, reason: reasonOf(known), words: UNDELIVERED_WORDS[known] ?? known };
};
