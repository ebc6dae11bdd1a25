import { SendMessageBatchCommand, type SendMessageBatchCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsWorkQueue } from '../../../shared/aws/sqs-work-queue';
import { ConfigError, TransientError } from '../../../shared/errors';
import type { NotifyMessage, QueueMessage } from '../../../shared/ports';
import type { QueueName } from '../../../shared/settings';

const sqs = mockClient(SQSClient);

const URLS: Record<QueueName, string> = {
  dispatch: 'https://sqs.us-east-1.amazonaws.com/123456789012/dispatch',
  'notify-urgent': 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-urgent',
  'notify-standard': 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-standard',
};

const notify = (n: number): NotifyMessage => ({
  type: 'notify',
  leadId: `LEAD${n}`,
  seq: 1,
  recipientId: `person-${n}`,
  channel: n % 2 === 0 ? 'sms' : 'email',
  purpose: 'handoff',
});

const queue = (): SqsWorkQueue =>
  new SqsWorkQueue(new SQSClient({ region: 'us-east-1' }), URLS, { retryDelayMs: 0 });

const batches = (): SendMessageBatchCommandInput[] =>
  sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);

/** What SQS ended up holding: every entry of every call, minus those the call reported as failed. */
const queued: Array<{ url: string | undefined; body: unknown; type: string | undefined }> = [];

describe('SqsWorkQueue', () => {
  beforeEach(() => {
    sqs.reset();
    queued.length = 0;
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      for (const entry of input.Entries ?? []) {
        queued.push({
          url: input.QueueUrl,
          body: JSON.parse(entry.MessageBody ?? 'null'),
          type: entry.MessageAttributes?.type?.StringValue,
        });
      }
      return {
        Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id, MessageId: `id-${entry.Id}` })),
      };
    });
  });

  it('sends 23 messages in batches of 10, 10 and 3', async () => {
    // Prepare
    const messages = Array.from({ length: 23 }, (_, n) => notify(n));

    // Act
    await queue().send('notify-standard', messages);

    // Assess
    expect(batches().map((batch) => batch.Entries?.length)).toEqual([10, 10, 3]);
    expect(queued.map((entry) => entry.body)).toEqual(messages);
  });

  it('gives every entry of a batch its own id', async () => {
    // Prepare
    const messages = Array.from({ length: 10 }, (_, n) => notify(n));

    // Act
    await queue().send('notify-standard', messages);

    // Assess
    const ids = batches()[0]?.Entries?.map((entry) => entry.Id) ?? [];
    expect(new Set(ids).size).toBe(10);
  });

  it('sends JSON bodies to the named queue with a type attribute', async () => {
    // Prepare
    const message: QueueMessage = { type: 'dispatch', leadId: 'LEAD1', seq: 3 };

    // Act
    await queue().send('dispatch', [message]);

    // Assess
    expect(queued).toEqual([{ url: URLS.dispatch, body: message, type: 'dispatch' }]);
    expect(batches()[0]?.Entries?.[0]?.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'dispatch' },
    });
  });

  it('sends nothing for no messages', async () => {
    // Prepare
    const messages: QueueMessage[] = [];

    // Act
    await queue().send('dispatch', messages);

    // Assess
    expect(batches()).toEqual([]);
  });

  it('re-sends only the entries a batch reported as failed', async () => {
    // Prepare
    const messages = [notify(1), notify(2), notify(3)];
    let calls = 0;
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      calls += 1;
      const entries = input.Entries ?? [];
      // The first call queues only its first entry and reports the others as failed.
      const accepted = calls === 1 ? entries.slice(0, 1) : entries;
      const failed = calls === 1 ? entries.slice(1) : [];
      for (const entry of accepted) {
        queued.push({ url: input.QueueUrl, body: JSON.parse(entry.MessageBody ?? 'null'), type: 'notify' });
      }
      return {
        Successful: accepted.map((entry) => ({ Id: entry.Id, MessageId: `id-${entry.Id}` })),
        Failed: failed.map((entry) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError' })),
      };
    });

    // Act
    await queue().send('notify-urgent', messages);

    // Assess
    expect(batches().map((batch) => batch.Entries?.length)).toEqual([3, 2]);
    expect(queued.map((entry) => entry.body)).toEqual(messages);
  });

  it('throws a transient error naming how many failed when a failure persists', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => ({
      Successful: [],
      Failed: (input.Entries ?? []).map((entry) => ({
        Id: entry.Id,
        SenderFault: false,
        Code: 'ServiceUnavailable',
      })),
    }));

    // Act
    const error = await queue()
      .send('notify-standard', [notify(1), notify(2)])
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/^2 of 2 messages to notify-standard were not queued/);
    expect(batches()).toHaveLength(3);
  });

  it('does not retry an entry SQS refused as malformed', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => ({
      Successful: [],
      Failed: (input.Entries ?? []).map((entry) => ({
        Id: entry.Id,
        SenderFault: true,
        Code: 'InvalidMessageContents',
      })),
    }));

    // Act
    const error = await queue()
      .send('dispatch', [{ type: 'dispatch', leadId: 'LEAD1', seq: 1 }])
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TransientError);
    expect(batches()).toHaveLength(1);
  });

  it('still re-sends the entries that failed on the service side next to a malformed one', async () => {
    // Prepare
    const messages = [notify(1), notify(2)];
    let calls = 0;
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      calls += 1;
      const [first, second] = input.Entries ?? [];
      if (calls > 1) {
        for (const entry of input.Entries ?? []) {
          queued.push({ url: input.QueueUrl, body: JSON.parse(entry.MessageBody ?? 'null'), type: 'notify' });
        }
        return { Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id, MessageId: 'ok' })) };
      }
      return {
        Successful: [],
        Failed: [
          { Id: first?.Id, SenderFault: true, Code: 'InvalidMessageContents' },
          { Id: second?.Id, SenderFault: false, Code: 'InternalError' },
        ],
      };
    });

    // Act
    const error = await queue()
      .send('notify-standard', messages)
      .catch((caught: unknown) => caught);

    // Assess
    expect(queued.map((entry) => entry.body)).toEqual([notify(2)]);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/^1 of 2 messages to notify-standard were not queued/);
  });

  it('reports a throttled call as a transient error', async () => {
    // Prepare
    sqs
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} }));

    // Act
    const result = queue().send('dispatch', [{ type: 'dispatch', leadId: 'LEAD1', seq: 1 }]);

    // Assess
    await expect(result).rejects.toBeInstanceOf(TransientError);
  });

  it('refuses a missing queue URL', () => {
    // Prepare
    const urls = { ...URLS, 'notify-urgent': '' };

    // Act
    const act = () => new SqsWorkQueue(new SQSClient({ region: 'us-east-1' }), urls);

    // Assess
    expect(act).toThrow(ConfigError);
  });
});
