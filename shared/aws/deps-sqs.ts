/** SQS wiring: the work queues a function sends to, and the dead-letter queues ops read and redrive. */
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { readEnv } from '../env';
import { ConfigError } from '../errors';
import type { DeadLetterReader, Redriver, WorkQueue } from '../ports';
import { ENV, type QueueName } from '../settings';
import { once } from './deps';
import { SqsDeadLetterReader, SqsRedriver } from './sqs-recovery';
import { SqsWorkQueue } from './sqs-work-queue';

const sqsClient = /* @__PURE__ */ once(() => new SQSClient({}));

/** The queues this function may send to (only those whose URL its environment carries). */
export const awsQueue = /* @__PURE__ */ once((): WorkQueue => {
  const env = readEnv({
    [ENV.DISPATCH_QUEUE_URL]: z.url().optional(),
    [ENV.NOTIFY_URGENT_QUEUE_URL]: z.url().optional(),
    [ENV.NOTIFY_STANDARD_QUEUE_URL]: z.url().optional(),
  });
  const urls: Partial<Record<QueueName, string>> = {
    dispatch: env[ENV.DISPATCH_QUEUE_URL],
    'notify-urgent': env[ENV.NOTIFY_URGENT_QUEUE_URL],
    'notify-standard': env[ENV.NOTIFY_STANDARD_QUEUE_URL],
  };
  const sqs = new SqsWorkQueue(sqsClient(), urls as Record<QueueName, string>);
  return {
    send: (queue, messages) => {
      if (!urls[queue]) throw new ConfigError(`This function has no URL for queue ${queue}`);
      return sqs.send(queue, messages);
    },
  };
});

export const awsDeadLetters = /* @__PURE__ */ once((): DeadLetterReader => {
  const env = readEnv({ [ENV.DEADLINE_FAILURES_QUEUE_URL]: z.url(), [ENV.SCHEDULER_DLQ_URL]: z.url() });
  return new SqsDeadLetterReader(sqsClient(), {
    'deadline-failures': env[ENV.DEADLINE_FAILURES_QUEUE_URL],
    'scheduler-dlq': env[ENV.SCHEDULER_DLQ_URL],
  });
});

export const awsRedriver = /* @__PURE__ */ once((): Redriver => {
  const redriveTargets = z.record(
    z.enum(['dispatch', 'notify-urgent', 'notify-standard']),
    z.strictObject({
      deadLetterArn: z.string().startsWith('arn:'),
      sourceArn: z.string().startsWith('arn:'),
    }),
  );
  const env = readEnv({ [ENV.REDRIVE_QUEUES]: z.string().min(2) });
  let json: unknown;
  try {
    json = JSON.parse(env[ENV.REDRIVE_QUEUES]);
  } catch (error) {
    throw new ConfigError(`${ENV.REDRIVE_QUEUES} is not JSON`, [], { cause: error });
  }
  const parsed = redriveTargets.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid ${ENV.REDRIVE_QUEUES}`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return new SqsRedriver(sqsClient(), parsed.data);
});
