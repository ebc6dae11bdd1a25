import {
  AuthorizationErrorException,
  InternalErrorException,
  InvalidParameterException,
  KMSThrottlingException,
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
  sanitizeSubject,
  toDeliveryError,
} from '../../../shared/aws/sns-messaging';
import { DeliveryError } from '../../../shared/errors';

const sns = mockClient(SNSClient);

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:lead-handoff-email';
const email = { recipientId: 'dana', to: 'dana@example.com', subject: 's', body: 'b' };

const emailSender = () => new SnsEmailSender(new SNSClient({ region: 'us-east-1' }), TOPIC);

const published = (): PublishCommandInput[] =>
  sns.commandCalls(PublishCommand).map((call) => call.args[0].input);

const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
};

const meta = { $metadata: {} };

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
    const error = await failure(emailSender().send(email));

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
    const error = await failure(emailSender().send(email));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: 'rejected',
      permanent: true,
    });
  });
});

describe('SNS errors', () => {
  beforeEach(() => {
    sns.reset();
  });

  it.each([
    [
      'InvalidParameterException',
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
    const error = await failure(emailSender().send(email));

    // Assess
    expect({ reason: error.reason, permanent: error.permanent, cause: error.cause }).toEqual({
      reason,
      permanent,
      cause: sdkError,
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
    const mapped = toDeliveryError(bug, 'Email');

    // Assess
    expect(mapped).toBe(bug);
  });
});
