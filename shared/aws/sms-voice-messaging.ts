/**
 * SMS through AWS End User Messaging SMS `SendTextMessage` (docs/product-rules.md §1, §12): a
 * transactional message from the origination number, sent with the stack's configuration set so that
 * the carrier's delivery reports come back (a message sent without one emits no events: "Configuration
 * sets", End User Messaging SMS user guide), and with a `Context` of internal ids only (lead, step,
 * purpose, person) that AWS logs to the event destination, so a report names its message.
 *
 * Errors become `DeliveryError`s with a reason and whether a retry can help. Their messages never carry
 * the number or the body (docs/product-rules.md §10); the SDK error, which may, stays in `cause`.
 */
import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsContextOf } from '../domain/sms-context';
import { DeliveryError } from '../errors';
import type { SmsMessage, SmsSender } from '../ports';
import { errorName, isServiceError, isTransient } from './errors';

/** Where the sender sends from and through. */
export interface SmsVoiceSettings {
  /** The origination number's ARN (or id): what IAM grants `SendTextMessage` on. Unset: AWS picks one. */
  originationIdentity?: string;
  /** The configuration set whose event destination receives the delivery reports. */
  configurationSetName: string;
}

interface SmsVoiceErrorShape {
  Reason?: unknown;
  Fields?: unknown;
  message?: unknown;
}

const shapeOf = (error: unknown): SmsVoiceErrorShape =>
  typeof error === 'object' && error !== null ? (error as SmsVoiceErrorShape) : {};

/** Whether a `ValidationException` is about the destination number (its field list, else its message). */
const aboutTheNumber = (error: unknown): boolean => {
  const { Fields, message } = shapeOf(error);
  const fields = Array.isArray(Fields) ? Fields : [];
  if (fields.some((field) => (field as { Name?: unknown }).Name === 'DestinationPhoneNumber')) return true;
  return typeof message === 'string' && /destination ?phone ?number|phone number/i.test(message);
};

/**
 * Maps an End User Messaging SMS error to a `DeliveryError`: an opted-out destination and an invalid
 * number are permanent, throttling and service faults transient, anything else the service refused
 * (spend limit reached, no permission, an unknown configuration set) `rejected`, permanent. Errors that
 * did not come from the service (a bug) come back unchanged.
 */
export const toSmsDeliveryError = (error: unknown): Error => {
  if (error instanceof DeliveryError) return error;
  const name = errorName(error) ?? 'UnknownError';
  const { Reason } = shapeOf(error);
  const reason = typeof Reason === 'string' ? Reason : undefined;
  const fail = (code: DeliveryError['reason'], permanent: boolean): DeliveryError =>
    new DeliveryError(`SMS: ${code} (${name}${reason ? ` ${reason}` : ''})`, code, permanent, {
      cause: error,
    });
  if (name === 'ConflictException' && reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT') {
    return fail('opted_out', true);
  }
  if (name === 'ValidationException' && aboutTheNumber(error)) return fail('invalid_number', true);
  if (name === 'ThrottlingException') return fail('throttled', false);
  if (name === 'InternalServerException' || isTransient(error)) {
    return fail('unavailable', false);
  }
  if (isServiceError(error)) return fail('rejected', true);
  return error instanceof Error ? error : new Error(`SMS: ${String(error)}`, { cause: error });
};

/** `SmsSender` over `SendTextMessage`. */
export class SmsVoiceSender implements SmsSender {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly settings: SmsVoiceSettings,
  ) {}

  async send(sms: SmsMessage): Promise<{ messageId: string }> {
    const context = smsContextOf(sms.ref, sms.recipientId);
    try {
      const { MessageId } = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: sms.to,
          ...(this.settings.originationIdentity
            ? { OriginationIdentity: this.settings.originationIdentity }
            : {}),
          ConfigurationSetName: this.settings.configurationSetName,
          MessageBody: sms.body,
          MessageType: 'TRANSACTIONAL',
          ...(Object.keys(context).length > 0 ? { Context: context } : {}),
        }),
      );
      return { messageId: MessageId ?? 'unknown' };
    } catch (error) {
      throw toSmsDeliveryError(error);
    }
  }
}
