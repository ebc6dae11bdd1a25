/**
 * The SMS sender over AWS End User Messaging SMS `SendTextMessage`: a transactional message from the
 * origination number, with the configuration set (no configuration set, no delivery reports) and a
 * context of internal ids only; its errors as `DeliveryError`s.
 */
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  type SendTextMessageCommandInput,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SmsVoiceSender, toSmsDeliveryError } from '../../../shared/aws/sms-voice-messaging';
import { DeliveryError } from '../../../shared/errors';
import type { SmsMessage } from '../../../shared/ports';

const smsVoice = mockClient(PinpointSMSVoiceV2Client);

const PHONE = '+15125550123';
const ORIGINATION =
  'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef';
const CONFIGURATION_SET = 'LeadHandoff-prod';
const sms: SmsMessage = {
  to: PHONE,
  body: 'New lead for you: https://x.test/h/abc',
  lane: 'urgent',
  recipientId: 'marco',
  ref: { leadId: '01JDELIVERYTEST0000000000A', seq: 2, purpose: 'handoff' },
};

const sender = ({ withNumber = true } = {}) =>
  new SmsVoiceSender(new PinpointSMSVoiceV2Client({ region: 'us-east-1' }), {
    configurationSetName: CONFIGURATION_SET,
    ...(withNumber ? { originationIdentity: ORIGINATION } : {}),
  });

const sent = (): SendTextMessageCommandInput[] =>
  smsVoice.commandCalls(SendTextMessageCommand).map((call) => call.args[0].input);

const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
};

const meta = { $metadata: {} };

describe('SmsVoiceSender', () => {
  beforeEach(() => {
    smsVoice.reset();
    smsVoice.on(SendTextMessageCommand).resolves({ MessageId: 'msg-1' });
  });

  it('sends a transactional SMS from the number, with the configuration set and the ids as context', async () => {
    // Act
    const result = await sender().send(sms);

    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    expect(sent()).toEqual([
      {
        DestinationPhoneNumber: PHONE,
        OriginationIdentity: ORIGINATION,
        ConfigurationSetName: CONFIGURATION_SET,
        MessageBody: sms.body,
        MessageType: 'TRANSACTIONAL',
        Context: { leadId: '01JDELIVERYTEST0000000000A', seq: '2', purpose: 'handoff', recipientId: 'marco' },
      },
    ]);
  });

  it('carries no context for an SMS about no lead, and lets AWS pick the number when none is set', async () => {
    // Act
    await sender({ withNumber: false }).send({ to: PHONE, body: 'Your sign-in link', lane: 'urgent' });

    // Assess
    expect(sent()).toEqual([
      {
        DestinationPhoneNumber: PHONE,
        ConfigurationSetName: CONFIGURATION_SET,
        MessageBody: 'Your sign-in link',
        MessageType: 'TRANSACTIONAL',
      },
    ]);
  });

  it('puts no number, name or word of the message in the context', async () => {
    // Act
    await sender().send(sms);

    // Assess
    const context = JSON.stringify(sent()[0]?.Context);
    expect(context).not.toContain(PHONE);
    expect(context).not.toContain('lead for you');
  });

  it.each([
    [
      'ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT',
      new ConflictException({
        message: 'Destination phone number opted out',
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        ...meta,
      }),
      'opted_out',
      true,
    ],
    [
      'ValidationException on DestinationPhoneNumber',
      new ValidationException({
        message: 'Invalid request',
        Reason: 'INVALID_PARAMETER',
        Fields: [{ Name: 'DestinationPhoneNumber', Message: 'not a valid number' }],
        ...meta,
      }),
      'invalid_number',
      true,
    ],
    [
      'ValidationException on something else',
      new ValidationException({ message: 'MessageBody too long', Reason: 'INVALID_PARAMETER', ...meta }),
      'rejected',
      true,
    ],
    [
      'ConflictException of another reason',
      new ConflictException({
        message: 'Not verified',
        Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
        ...meta,
      }),
      'rejected',
      true,
    ],
    [
      'ThrottlingException',
      new ThrottlingException({ message: 'Rate exceeded', ...meta }),
      'throttled',
      false,
    ],
    [
      'InternalServerException',
      new InternalServerException({ message: 'oops', ...meta }),
      'unavailable',
      false,
    ],
    [
      'a 503',
      Object.assign(new Error('Service Unavailable'), {
        name: 'Unknown',
        $metadata: { httpStatusCode: 503 },
      }),
      'unavailable',
      false,
    ],
    [
      'a timeout',
      Object.assign(new Error('socket timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
      'unavailable',
      false,
    ],
    [
      'the spend limit',
      new ServiceQuotaExceededException({
        message: 'Monthly spend limit reached',
        Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
        ...meta,
      }),
      'rejected',
      true,
    ],
    [
      'AccessDeniedException',
      new AccessDeniedException({ message: 'not authorized', ...meta }),
      'rejected',
      true,
    ],
  ] as const)('maps %s to %s (permanent: %s)', async (_label, sdkError, reason, permanent) => {
    // Prepare
    smsVoice.on(SendTextMessageCommand).rejects(sdkError);

    // Act
    const error = await failure(sender().send(sms));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent, cause: error.cause }).toEqual({
      reason,
      permanent,
      cause: sdkError,
    });
  });

  it('never puts the number or the body in the error message', async () => {
    // Prepare
    smsVoice.on(SendTextMessageCommand).rejects(
      new ValidationException({
        message: `Invalid DestinationPhoneNumber ${PHONE}`,
        Reason: 'INVALID_PARAMETER',
        ...meta,
      }),
    );

    // Act
    const error = await failure(sender().send(sms));

    // Assess
    expect(error.reason).toBe('invalid_number');
    expect(error.message).not.toContain(PHONE);
    expect(error.message).not.toContain(sms.body);
  });

  it('lets a bug in our own code through unchanged', () => {
    // Prepare
    const bug = new TypeError('cannot read x of undefined');

    // Act
    const mapped = toSmsDeliveryError(bug);

    // Assess
    expect(mapped).toBe(bug);
  });
});
