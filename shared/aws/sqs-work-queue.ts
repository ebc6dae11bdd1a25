/**
 * The pipeline's work queues over SQS: messages go out in `SendMessageBatch` calls of at most ten, as
 * JSON bodies with a `type` message attribute (for filtering and for reading a DLQ at a glance). Entries
 * a batch reports as failed are sent again a couple of times before the whole send fails, so a caller
 * either knows every message is queued or gets an error to retry (consumers are idempotent).
 */
import {
  type BatchResultErrorEntry,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { plural } from '../domain/wording';
import { ConfigError, TransientError } from '../errors';
import type { QueueMessage, WorkQueue } from '../ports';
import { QUEUES, type QueueName } from '../settings';
import { toDomainError } from './errors';

/** SQS's limit on entries per `SendMessageBatch`. */
export const SQS_BATCH_SIZE = 10;

/** How a partial batch failure is retried. */
export interface SqsRetrySettings {
  /** Attempts per entry, the first included; default 3. */
  maxAttempts?: number;
  /** Pause before the n-th retry: `n * retryDelayMs`; default 100. */
  retryDelayMs?: number;
}

const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
};

const entryFor = (message: QueueMessage, id: string): SendMessageBatchRequestEntry => ({
  Id: id,
  MessageBody: JSON.stringify(message),
  MessageAttributes: { type: { DataType: 'String', StringValue: message.type } },
});

const describeFailures = (failures: readonly BatchResultErrorEntry[]): string =>
  [...new Set(failures.map((failure) => failure.Code ?? 'unknown'))].join(', ');

/** `WorkQueue` over SQS standard queues, one URL per `QueueName`. */
export class SqsWorkQueue implements WorkQueue {
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly client: SQSClient,
    private readonly urls: Record<QueueName, string>,
    retry: SqsRetrySettings = {},
  ) {
    this.maxAttempts = retry.maxAttempts ?? 3;
    this.retryDelayMs = retry.retryDelayMs ?? 100;
    const issues = QUEUES.filter((name) => !urls[name]).map((name) => ({
      path: `urls.${name}`,
      message: 'missing queue URL',
    }));
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      issues.push({ path: 'maxAttempts', message: 'must be a positive integer' });
    }
    if (issues.length > 0) throw new ConfigError('Invalid work queue settings', issues);
  }

  async send(queue: QueueName, messages: readonly QueueMessage[]): Promise<void> {
    for (const chunk of chunks(messages, SQS_BATCH_SIZE)) {
      await this.sendChunk(queue, chunk);
    }
  }

  /**
   * Sends up to ten messages, re-sending the entries SQS reports as failed by a service fault; entries
   * refused as malformed (sender fault) fail the same way every time, so they are not re-sent.
   */
  private async sendChunk(queue: QueueName, messages: readonly QueueMessage[]): Promise<void> {
    let pending = messages.map((message, index) => entryFor(message, `m${index}`));
    let retryable: BatchResultErrorEntry[] = [];
    const malformed: BatchResultErrorEntry[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts && pending.length > 0; attempt += 1) {
      if (attempt > 1) await sleep((attempt - 1) * this.retryDelayMs);
      let failed: BatchResultErrorEntry[];
      try {
        const output = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.urls[queue], Entries: pending }),
        );
        failed = output.Failed ?? [];
      } catch (error) {
        throw toDomainError(error, `Sending ${plural(pending.length, 'message')} to ${queue}`);
      }
      malformed.push(...failed.filter((failure) => failure.SenderFault === true));
      retryable = failed.filter((failure) => failure.SenderFault !== true);
      const retryIds = new Set(retryable.map((failure) => failure.Id));
      pending = pending.filter((entry) => retryIds.has(entry.Id));
    }
    const failures = [...malformed, ...retryable];
    if (failures.length === 0) return;
    const summary = `${failures.length} of ${plural(messages.length, 'message')} to ${queue} were not queued (${describeFailures(failures)})`;
    if (malformed.length > 0) throw new Error(`${summary}: SQS refused ${malformed.length} as malformed`);
    throw new TransientError(`${summary} after ${this.maxAttempts} attempts`);
  }
}
