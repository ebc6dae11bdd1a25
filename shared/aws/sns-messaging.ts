/**
 * Email through SNS (docs/product-rules.md §1, §9): published to one topic where each person's email
 * subscription filters on the `recipientId` message attribute. (SMS go through AWS End User Messaging
 * SMS, which reports their delivery: `sms-voice-messaging.ts`.)
 *
 * SNS errors become `DeliveryError`s with a reason and whether a retry can help. Messages of the errors
 * raised here never contain the address or body (docs/product-rules.md §10); nothing is logged.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError } from '../errors';
import type { EmailMessage, EmailSender } from '../ports';
import { errorName, isServiceError, isTransient } from './errors';

/** SNS wants email subjects shorter than 100 characters, without line breaks or control characters. */
export const MAX_SUBJECT_LENGTH = 99;

const INVALID_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
]);
const THROTTLED_NAMES: ReadonlySet<string> = new Set([
  'ThrottledException',
  'ThrottlingException',
  'KMSThrottlingException',
]);

const messageOf = (error: unknown): string => {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : '';
  return typeof message === 'string' ? message : '';
};

/**
 * Maps an SNS error to a `DeliveryError`: opted out and invalid numbers are permanent, throttling and
 * service faults transient, anything else SNS refused is `rejected` (permanent). Errors that did not come
 * from the service (a bug) are returned unchanged. The message names only `context` and the SNS error
 * name; the SNS error, which may quote the number, stays in `cause`.
 */
export const toDeliveryError = (error: unknown, context: string): Error => {
  if (error instanceof DeliveryError) return error;
  const name = errorName(error) ?? 'UnknownError';
  const fail = (reason: DeliveryError['reason'], permanent: boolean): DeliveryError =>
    new DeliveryError(`${context}: ${reason} (${name})`, reason, permanent, { cause: error });
  const message = messageOf(error);
  if (name === 'OptedOutException' || /opted[\s-]?out/i.test(message)) return fail('opted_out', true);
  if (INVALID_PARAMETER_NAMES.has(name)) {
    return /phone/i.test(message) ? fail('invalid_number', true) : fail('rejected', true);
  }
  if (THROTTLED_NAMES.has(name)) return fail('throttled', false);
  if (name === 'AuthorizationErrorException') return fail('rejected', true);
  if (name === 'InternalErrorException' || isTransient(error)) {
    return fail('unavailable', false);
  }
  if (isServiceError(error)) return fail('rejected', true);
  return error instanceof Error ? error : new Error(`${context}: ${String(error)}`, { cause: error });
};

/**
 * An email subject SNS accepts: control characters and line breaks become spaces, runs of spaces one,
 * and it is cut (with an ellipsis) to `MAX_SUBJECT_LENGTH` characters. Empty when nothing is left.
 */
export const sanitizeSubject = (subject: string): string => {
  const clean = subject
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= MAX_SUBJECT_LENGTH) return clean;
  let out = '';
  for (const char of clean) {
    if (out.length + char.length > MAX_SUBJECT_LENGTH - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
};

/** `EmailSender` over one SNS topic; the `recipientId` attribute picks the person's subscription. */
export class SnsEmailSender implements EmailSender {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(email: EmailMessage): Promise<{ messageId: string }> {
    const subject = sanitizeSubject(email.subject);
    try {
      const { MessageId } = await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          ...(subject === '' ? {} : { Subject: subject }),
          Message: email.body,
          MessageAttributes: { recipientId: { DataType: 'String', StringValue: email.recipientId } },
        }),
      );
      return { messageId: MessageId ?? 'unknown' };
    } catch (error) {
      throw toDeliveryError(error, 'Email');
    }
  }
}
