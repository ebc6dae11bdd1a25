/**
 * `SqsDeadLetterReader` and `SqsRedriver` over a mocked SQS client. The RequestThrottled cases fail until
 * fixed: SQS names its throttling error `RequestThrottled` (HTTP 403, not `$retryable`), which
 * shared/aws/errors.ts does not count as transient, so it surfaces as a raw SDK error.
 */
import {
  DeleteMessageCommand,
  type DeleteMessageCommandInput,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  RequestThrottled,
  SQSClient,
  StartMessageMoveTaskCommand,
  type StartMessageMoveTaskCommandInput,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type RedriveTarget, SqsDeadLetterReader, SqsRedriver } from '../../../shared/aws/sqs-recovery';
import { ConfigError, TransientError } from '../../../shared/errors';
import type { FailureQueueName, QueueName } from '../../../shared/settings';

const sqs = mockClient(SQSClient);

const ACCOUNT = 'arn:aws:sqs:us-east-1:123456789012';
const FAILURE_URLS: Record<FailureQueueName, string> = {
  'deadline-failures': 'https://sqs.us-east-1.amazonaws.com/123456789012/deadline-failures',
  'scheduler-dlq': 'https://sqs.us-east-1.amazonaws.com/123456789012/scheduler-dlq',
};
const TARGETS: Partial<Record<QueueName, RedriveTarget>> = {
  dispatch: { deadLetterArn: `${ACCOUNT}:dispatch-dlq`, sourceArn: `${ACCOUNT}:dispatch` },
  'notify-urgent': { deadLetterArn: `${ACCOUNT}:notify-urgent-dlq`, sourceArn: `${ACCOUNT}:notify-urgent` },
};

const client = () => new SQSClient({ region: 'us-east-1' });
const reader = () => new SqsDeadLetterReader(client(), FAILURE_URLS);
const redriver = () => new SqsRedriver(client(), TARGETS);

const metadata = { httpStatusCode: 400, attempts: 3, totalRetryDelay: 0 };
/** An SDK-shaped error with just a name, as a service answers with an error code the SDK does not model. */
const sdkError = (name: string, httpStatusCode = 400): Error =>
  Object.assign(new Error(`${name} from SQS`), { name, $fault: 'client', $metadata: { httpStatusCode } });

/** What SQS holds in the mock queue; ReceiveMessage hands these out, DeleteMessage removes them. */
let held: Map<
  string,
  { Body: string; MessageAttributes?: Record<string, { DataType: string; StringValue?: string }> }
>;
let receives: ReceiveMessageCommandInput[];
let moveTasks: StartMessageMoveTaskCommandInput[];

beforeEach(() => {
  sqs.reset();
  held = new Map();
  receives = [];
  moveTasks = [];
  sqs.on(ReceiveMessageCommand).callsFake((input: ReceiveMessageCommandInput) => {
    receives.push(input);
    const max = input.MaxNumberOfMessages ?? 1;
    return {
      Messages: [...held.entries()]
        .slice(0, max)
        .map(([handle, message]) => ({ ReceiptHandle: handle, MessageId: `id-${handle}`, ...message })),
    };
  });
  sqs.on(DeleteMessageCommand).callsFake((input: DeleteMessageCommandInput) => {
    if (input.QueueUrl === FAILURE_URLS['scheduler-dlq'] && input.ReceiptHandle)
      held.delete(input.ReceiptHandle);
    return {};
  });
  sqs.on(StartMessageMoveTaskCommand).callsFake((input: StartMessageMoveTaskCommandInput) => {
    moveTasks.push(input);
    return { TaskHandle: `task-${moveTasks.length}` };
  });
});

describe('SqsDeadLetterReader.receive', () => {
  it('reads from the URL of the named failure queue, asking for every message attribute', async () => {
    // Act
    await reader().receive('deadline-failures', 5);

    // Assess
    expect(receives).toHaveLength(1);
    expect(receives[0]).toMatchObject({
      QueueUrl: FAILURE_URLS['deadline-failures'],
      MaxNumberOfMessages: 5,
      MessageAttributeNames: ['All'],
    });
  });

  it.each([
    [50, 10],
    [10, 10],
    [0, 1],
    [-3, 1],
  ])('asks for %i messages as %i (SQS takes 1 to 10 per receive)', async (max, asked) => {
    // Act
    await reader().receive('scheduler-dlq', max);

    // Assess
    expect(receives[0]?.MaxNumberOfMessages).toBe(asked);
  });

  it('maps each message to its receipt handle, body and string attributes', async () => {
    // Prepare: Scheduler's DLQ puts the error code and message in message attributes
    held.set('handle-1', {
      Body: '{"kind":"acceptance_deadline","leadId":"L1","seq":2}',
      MessageAttributes: {
        ERROR_CODE: { DataType: 'String', StringValue: 'AWS.Lambda.TooManyRequestsException' },
        ERROR_MESSAGE: { DataType: 'String', StringValue: 'Rate exceeded' },
      },
    });
    held.set('handle-2', { Body: 'plain body' });

    // Act
    const messages = await reader().receive('scheduler-dlq', 10);

    // Assess
    expect(messages).toEqual([
      {
        id: 'handle-1',
        body: '{"kind":"acceptance_deadline","leadId":"L1","seq":2}',
        attributes: { ERROR_CODE: 'AWS.Lambda.TooManyRequestsException', ERROR_MESSAGE: 'Rate exceeded' },
      },
      { id: 'handle-2', body: 'plain body', attributes: {} },
    ]);
  });

  it('answers an empty queue with no messages', async () => {
    // Act
    const messages = await reader().receive('deadline-failures', 10);

    // Assess
    expect(messages).toEqual([]);
  });

  it.each([
    [
      'RequestThrottled (what SQS answers)',
      new RequestThrottled({ message: 'Rate exceeded', $metadata: metadata }),
    ],
    ['ThrottlingException', sdkError('ThrottlingException')],
    ['a 503', sdkError('ServiceUnavailable', 503)],
  ])('turns %s into a TransientError that keeps the cause', async (_name, error) => {
    // Prepare
    sqs.on(ReceiveMessageCommand).rejects(error);

    // Act
    const receiving = reader().receive('deadline-failures', 10);

    // Assess
    await expect(receiving).rejects.toBeInstanceOf(TransientError);
    await expect(receiving).rejects.toHaveProperty('cause', error);
  });
});

describe('SqsDeadLetterReader.delete', () => {
  it('deletes the message by its receipt handle from the queue it was read from', async () => {
    // Prepare
    held.set('handle-1', { Body: 'one' });
    held.set('handle-2', { Body: 'two' });
    const [first] = await reader().receive('scheduler-dlq', 1);

    // Act
    await reader().delete('scheduler-dlq', first?.id ?? '');

    // Assess
    expect([...held.keys()]).toEqual(['handle-2']);
    expect((await reader().receive('scheduler-dlq', 10)).map((m) => m.body)).toEqual(['two']);
  });

  it('turns SQS throttling (RequestThrottled) into a TransientError', async () => {
    // Prepare
    sqs
      .on(DeleteMessageCommand)
      .rejects(new RequestThrottled({ message: 'Rate exceeded', $metadata: metadata }));

    // Act
    const deleting = reader().delete('deadline-failures', 'handle-1');

    // Assess
    await expect(deleting).rejects.toBeInstanceOf(TransientError);
  });
});

describe('SqsRedriver.redrive', () => {
  it("starts a move task from the queue's DLQ back to the queue", async () => {
    // Act
    const result = await redriver().redrive('dispatch');

    // Assess
    expect(moveTasks).toEqual([
      { SourceArn: `${ACCOUNT}:dispatch-dlq`, DestinationArn: `${ACCOUNT}:dispatch` },
    ]);
    expect(result.started).toBe(true);
    expect(result.detail).toContain('task-1');
  });

  it('moves each queue to its own source, never to another queue', async () => {
    // Act
    await redriver().redrive('notify-urgent');

    // Assess
    expect(moveTasks).toEqual([
      { SourceArn: `${ACCOUNT}:notify-urgent-dlq`, DestinationArn: `${ACCOUNT}:notify-urgent` },
    ]);
  });

  it('answers { started: false } when a move task is already running for that DLQ', async () => {
    // Prepare
    sqs.on(StartMessageMoveTaskCommand).rejects(
      new UnsupportedOperation({
        message: 'There is already a task running on this queue',
        $metadata: metadata,
      }),
    );

    // Act
    const result = await redriver().redrive('dispatch');

    // Assess
    expect(result.started).toBe(false);
    expect(result.detail).toContain('UnsupportedOperation');
  });

  it('throws a ConfigError for a queue that has no redrive target, without calling SQS', async () => {
    // Act
    const redriving = redriver().redrive('notify-standard');

    // Assess
    await expect(redriving).rejects.toBeInstanceOf(ConfigError);
    expect(moveTasks).toEqual([]);
  });

  it.each([
    [
      'RequestThrottled (what SQS answers)',
      new RequestThrottled({ message: 'Rate exceeded', $metadata: metadata }),
    ],
    ['ThrottlingException', sdkError('ThrottlingException')],
  ])('turns %s into a TransientError that keeps the cause', async (_name, error) => {
    // Prepare
    sqs.on(StartMessageMoveTaskCommand).rejects(error);

    // Act
    const redriving = redriver().redrive('dispatch');

    // Assess
    await expect(redriving).rejects.toBeInstanceOf(TransientError);
    await expect(redriving).rejects.toHaveProperty('cause', error);
  });

  it('lets any other failure through unchanged', async () => {
    // Prepare
    const error = new QueueDoesNotExist({
      message: 'The specified queue does not exist',
      $metadata: metadata,
    });
    sqs.on(StartMessageMoveTaskCommand).rejects(error);

    // Act
    const redriving = redriver().redrive('dispatch');

    // Assess
    await expect(redriving).rejects.toBe(error);
  });
});
