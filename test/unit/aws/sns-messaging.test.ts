import {
  AuthorizationErrorException,
  CheckIfPhoneNumberIsOptedOutCommand,
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_SUBJECT_LENGTH,
  SnsEmailSender,
  SnsSmsSender,
  sanitizeSubject,
  toDeliveryError,
} from '../../../shared/aws/sns-messaging';
import { DeliveryError } from '../../../shared/errors';
import type { Clock, SmsMessage } from '../../../shared/ports';

const sns = mockClient(SNSClient);

const PHONE = '+15125550123';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:lead-handoff-email';
const sms: SmsMessage = { to: PHONE, body: 'New lead for you: https://x.test/h/abc', lane: 'standard' };

const manualClock = (): Clock & { advanceSeconds(seconds: number): void } => {
  let time = Date.parse('2026-03-02T15:00:00.000Z');
  return {
    now: () => new Date(time),
    advanceSeconds: (seconds) => {
      time += seconds * 1000;
    },
  };
};

const smsSender = (settings: ConstructorParameters<typeof SnsSmsSender>[1] = {}) =>
  new SnsSmsSender(new SNSClient({ region: 'us-east-1' }), settings);
const emailSender = () => new SnsEmailSender(new SNSClient({ region: 'us-east-1' }), TOPIC);

const published = (): PublishCommandInput[] =>
  sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
const optOutChecks = (): number => sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand).length;

const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
};

const meta = { $metadata: {} };

describe('SnsSmsSender', () => {
  beforeEach(() => {
    sns.reset();
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  });

  it('publishes a transactional SMS to the number and returns the message id', async () => {
    // Prepare
    const sender = smsSender();

    // Act
    const result = await sender.send(sms);

    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    expect(published()).toEqual([
      {
        PhoneNumber: PHONE,
        Message: sms.body,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      },
    ]);
  });

  it('sends from the configured origination number', async () => {
    // Prepare
    const sender = smsSender({ originationNumber: '+15125550100' });

    // Act
    await sender.send(sms);

    // Assess
    expect(published()[0]?.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15125550100' },
    });
  });

  it('does not publish to a number that opted out', async () => {
    // Prepare
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });

    // Act
    const error = await failure(smsSender().send(sms));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: 'opted_out',
      permanent: true,
    });
    expect(published()).toEqual([]);
  });

  it('reuses an opt-out answer within the cache time', async () => {
    // Prepare
    const clock = manualClock();
    const sender = smsSender({ clock, optOutCacheSeconds: 300 });
    await sender.send(sms);
    clock.advanceSeconds(299);

    // Act
    await sender.send(sms);

    // Assess
    expect(optOutChecks()).toBe(1);
    expect(published()).toHaveLength(2);
  });

  it('asks again once the cached answer is older than the cache time', async () => {
    // Prepare
    const clock = manualClock();
    const sender = smsSender({ clock, optOutCacheSeconds: 300 });
    await sender.send(sms);
    clock.advanceSeconds(300);
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });

    // Act
    const error = await failure(sender.send(sms));

    // Assess
    expect(error.reason).toBe('opted_out');
    expect(optOutChecks()).toBe(2);
  });

  it('caches the answer per number', async () => {
    // Prepare
    const sender = smsSender({ clock: manualClock() });
    await sender.send(sms);

    // Act
    await sender.send({ ...sms, to: '+15125550199' });

    // Assess
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand).map((call) => call.args[0].input)).toEqual([
      { phoneNumber: PHONE },
      { phoneNumber: '+15125550199' },
    ]);
  });

  it('remembers a number SNS refused as opted out, without asking again', async () => {
    // Prepare
    const sender = smsSender({ clock: manualClock() });
    sns.on(PublishCommand).rejects(new OptedOutException({ message: 'Phone number is opted out', ...meta }));
    await failure(sender.send(sms));
    sns.on(PublishCommand).resolves({ MessageId: 'msg-2' });

    // Act
    const error = await failure(sender.send(sms));

    // Assess
    expect(error.reason).toBe('opted_out');
    expect(published()).toHaveLength(1);
    expect(optOutChecks()).toBe(1);
  });

  it.each([
    ['OptedOutException', new OptedOutException({ message: 'Opted out', ...meta }), 'opted_out', true],
    [
      'a message saying opted out',
      new InvalidParameterException({
        message: 'Invalid parameter: the phone number has opted out',
        ...meta,
      }),
      'opted_out',
      true,
    ],
    [
      'InvalidParameterException on the phone number',
      new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber Reason: not valid', ...meta }),
      'invalid_number',
      true,
    ],
    [
      'InvalidParameterValueException on the phone number',
      new InvalidParameterValueException({ message: 'Invalid phone number', ...meta }),
      'invalid_number',
      true,
    ],
    [
      'InvalidParameterException on something else',
      new InvalidParameterException({ message: 'Invalid parameter: Message too long', ...meta }),
      'rejected',
      true,
    ],
    ['ThrottledException', new ThrottledException({ message: 'Rate exceeded', ...meta }), 'throttled', false],
    [
      'ThrottlingException',
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', ...meta }),
      'throttled',
      false,
    ],
    [
      'KMSThrottlingException',
      new KMSThrottlingException({ message: 'KMS busy', ...meta }),
      'throttled',
      false,
    ],
    [
      'InternalErrorException',
      new InternalErrorException({ message: 'oops', ...meta }),
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
      'AuthorizationErrorException',
      new AuthorizationErrorException({ message: 'not authorized', ...meta }),
      'rejected',
      true,
    ],
  ] as const)('maps %s to %s (permanent: %s)', async (_label, sdkError, reason, permanent) => {
    // Prepare
    sns.on(PublishCommand).rejects(sdkError);

    // Act
    const error = await failure(smsSender().send(sms));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent, cause: error.cause }).toEqual({
      reason,
      permanent,
      cause: sdkError,
    });
  });

  it('never puts the number or the body in the error message', async () => {
    // Prepare
    sns
      .on(PublishCommand)
      .rejects(new InvalidParameterException({ message: `Invalid PhoneNumber ${PHONE}`, ...meta }));

    // Act
    const error = await failure(smsSender().send(sms));

    // Assess
    expect(error.message).not.toContain(PHONE);
    expect(error.message).not.toContain(sms.body);
  });

  it('maps a failed opt-out check like a failed publish', async () => {
    // Prepare
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejects(new ThrottledException({ message: 'Rate exceeded', ...meta }));

    // Act
    const error = await failure(smsSender().send(sms));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: 'throttled',
      permanent: false,
    });
    expect(published()).toEqual([]);
  });
});

describe('SnsEmailSender', () => {
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'mail-1' });
  });

  it('publishes to the topic with the recipient id the subscriptions filter on', async () => {
    // Prepare
    const email = {
      recipientId: 'dana',
      to: 'dana@example.com',
      subject: 'New lead: water heater',
      body: 'Open it',
    };

    // Act
    const result = await emailSender().send(email);

    // Assess
    expect(result).toEqual({ messageId: 'mail-1' });
    expect(published()).toEqual([
      {
        TopicArn: TOPIC,
        Subject: 'New lead: water heater',
        Message: 'Open it',
        MessageAttributes: { recipientId: { DataType: 'String', StringValue: 'dana' } },
      },
    ]);
  });

  it('sends a subject without line breaks and short enough for SNS', async () => {
    // Prepare
    const email = {
      recipientId: 'dana',
      to: 'dana@example.com',
      subject: `Lead\r\n${'x'.repeat(300)}`,
      body: 'b',
    };

    // Act
    await emailSender().send(email);

    // Assess
    const subject = published()[0]?.Subject ?? '';
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(subject.startsWith('Lead x')).toBe(true);
  });

  it('maps a throttled publish to a transient delivery error', async () => {
    // Prepare
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', ...meta }));

    // Act
    const error = await failure(
      emailSender().send({ recipientId: 'dana', to: 'dana@example.com', subject: 's', body: 'b' }),
    );

    // Assess
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: 'throttled',
      permanent: false,
    });
  });

  it('maps a refused publish to a permanent delivery error', async () => {
    // Prepare
    sns.on(PublishCommand).rejects(new AuthorizationErrorException({ message: 'not authorized', ...meta }));

    // Act
    const error = await failure(
      emailSender().send({ recipientId: 'dana', to: 'dana@example.com', subject: 's', body: 'b' }),
    );

    // Assess
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: 'rejected',
      permanent: true,
    });
  });
});

describe('sanitizeSubject', () => {
  it('turns control characters into single spaces', () => {
    // Prepare
    const subject = '  New\tlead\r\n\u0007for\u2028you  ';

    // Act
    const clean = sanitizeSubject(subject);

    // Assess
    expect(clean).toBe('New lead for you');
  });

  it('cuts a long subject with an ellipsis', () => {
    // Prepare
    const subject = 'é'.repeat(150);

    // Act
    const clean = sanitizeSubject(subject);

    // Assess
    expect(clean).toBe(`${'é'.repeat(MAX_SUBJECT_LENGTH - 1)}…`);
  });

  it('never splits a character made of two code units', () => {
    // Prepare
    const subject = '🚰'.repeat(80);

    // Act
    const clean = sanitizeSubject(subject);

    // Assess
    expect(clean.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(Buffer.from(clean, 'utf8').toString('utf8')).toBe(clean);
  });
});

describe('toDeliveryError', () => {
  it('lets a bug in our own code through unchanged', () => {
    // Prepare
    const bug = new TypeError('cannot read x of undefined');

    // Act
    const mapped = toDeliveryError(bug, 'SMS');

    // Assess
    expect(mapped).toBe(bug);
  });
});
