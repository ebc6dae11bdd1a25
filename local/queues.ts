/**
 * SQS, emulated in process with the semantics the handlers rely on: a received message is invisible
 * for the visibility timeout; a message not deleted comes back; one received more than
 * `maxReceiveCount` times moves to its dead-letter queue. Consumers get real `SQSEvent`s and answer
 * with partial batch responses, as Lambda's event source mapping does.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Clock, QueueMessage, WorkQueue } from '../shared/ports';
import type { QueueName } from '../shared/settings';
import { lambdaContext } from './lambda-context';

export interface LocalMessage {
  id: string;
  body: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
}

export interface LocalQueueOptions {
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue; no DLQ when undefined. */
  maxReceiveCount?: number;
  deadLetter?: LocalQueue;
}

export class LocalQueue {
  private readonly messages = new Map<string, LocalMessage>();
  /** Called after every change (a send, receive, delete): the runner's data dir saves the queue then. */
  onChange: (() => void) | undefined;

  constructor(
    readonly name: string,
    private readonly options: LocalQueueOptions,
    private readonly clock: Clock,
  ) {}

  send(body: string): string {
    const id = randomUUID();
    const now = this.clock.now().getTime();
    this.messages.set(id, { id, body, sentAt: now, visibleAt: now, receiveCount: 0 });
    this.onChange?.();
    return id;
  }

  /** Puts back messages saved earlier (in send order), as they were: in flight, delayed or visible. */
  restore(messages: readonly LocalMessage[]): void {
    this.messages.clear();
    for (const message of messages) this.messages.set(message.id, { ...message });
  }

  /** Up to `max` visible messages, made invisible for the visibility timeout (DLQ moves happen here). */
  receive(max: number): LocalMessage[] {
    const now = this.clock.now().getTime();
    const out: LocalMessage[] = [];
    // A Map iterates in insertion order, which is send order.
    for (const message of this.messages.values()) {
      if (out.length >= max) break;
      if (message.visibleAt > now) continue;
      const { maxReceiveCount, deadLetter } = this.options;
      if (maxReceiveCount !== undefined && deadLetter && message.receiveCount >= maxReceiveCount) {
        this.messages.delete(message.id);
        deadLetter.send(message.body);
        this.onChange?.();
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + this.options.visibilityTimeoutSeconds * 1000;
      out.push({ ...message });
    }
    if (out.length > 0) this.onChange?.();
    return out;
  }

  delete(id: string): void {
    if (this.messages.delete(id)) this.onChange?.();
  }

  /** Removes and returns every message (for a redrive). */
  takeAll(): LocalMessage[] {
    const all = [...this.messages.values()].sort((a, b) => a.sentAt - b.sentAt);
    this.messages.clear();
    if (all.length > 0) this.onChange?.();
    return all;
  }

  /** All messages, visible or not (for ops views and tests). */
  list(): LocalMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  get depth(): number {
    return this.messages.size;
  }

  /** When the next invisible message becomes visible again (ms), if any is waiting. */
  nextVisibleAt(): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (next === undefined || message.visibleAt < next) next = message.visibleAt;
    }
    return next;
  }

  hasVisible(): boolean {
    const now = this.clock.now().getTime();
    for (const message of this.messages.values()) if (message.visibleAt <= now) return true;
    return false;
  }
}

export type SqsFunction = (
  event: SQSEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<SQSBatchResponse | undefined>;

/** An event source mapping: a queue, the function it invokes and its batch size. */
export interface LocalConsumer {
  queue: LocalQueue;
  functionName: string;
  handler: SqsFunction;
  batchSize: number;
}

const toRecord = (queue: LocalQueue, message: LocalMessage): SQSRecord => ({
  messageId: message.id,
  receiptHandle: message.id,
  body: message.body,
  attributes: {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  },
  messageAttributes: {},
  md5OfBody: createHash('md5').update(message.body).digest('hex'),
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:local:000000000000:${queue.name}`,
  awsRegion: 'local',
});

/** Receives one batch and invokes the consumer; says how many messages it handled and how many failed. */
export const pollOnce = async (consumer: LocalConsumer): Promise<{ handled: number; failed: number }> => {
  const batch = consumer.queue.receive(consumer.batchSize);
  if (batch.length === 0) return { handled: 0, failed: 0 };
  const event: SQSEvent = { Records: batch.map((message) => toRecord(consumer.queue, message)) };
  let failed = new Set(batch.map((m) => m.id));
  try {
    const response = await consumer.handler(event, lambdaContext(consumer.functionName));
    failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch {
    // The whole batch failed: every message comes back after its visibility timeout.
  }
  for (const message of batch) if (!failed.has(message.id)) consumer.queue.delete(message.id);
  return { handled: batch.length, failed: failed.size };
};

/** The pipeline's queues (each with its DLQ), as the `WorkQueue` port the use cases send to. */
export class LocalQueues implements WorkQueue {
  readonly queues: Record<QueueName, LocalQueue>;
  readonly deadLetters: Record<QueueName, LocalQueue>;

  constructor(
    clock: Clock,
    settings: Record<QueueName, { visibilityTimeoutSeconds: number; maxReceiveCount: number }>,
  ) {
    const entries = Object.entries(settings) as [
      QueueName,
      { visibilityTimeoutSeconds: number; maxReceiveCount: number },
    ][];
    this.deadLetters = Object.fromEntries(
      entries.map(([name]) => [name, new LocalQueue(`${name}-dlq`, { visibilityTimeoutSeconds: 30 }, clock)]),
    ) as Record<QueueName, LocalQueue>;
    this.queues = Object.fromEntries(
      entries.map(([name, options]) => [
        name,
        new LocalQueue(name, { ...options, deadLetter: this.deadLetters[name] }, clock),
      ]),
    ) as Record<QueueName, LocalQueue>;
  }

  async send(queue: QueueName, messages: readonly QueueMessage[]): Promise<void> {
    for (const message of messages) this.queues[queue].send(JSON.stringify(message));
  }

  /** `StartMessageMoveTask`: every message of the queue's DLQ goes back to the queue, receive count reset. */
  redrive(queue: QueueName): number {
    const moved = this.deadLetters[queue].takeAll();
    for (const message of moved) this.queues[queue].send(message.body);
    return moved.length;
  }
}
