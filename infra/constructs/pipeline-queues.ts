import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ConfigError } from '../../shared/errors';
import { ENV, QUEUE_SETTINGS, type QueueName } from '../../shared/settings';
import { pascalCase } from './api-keys';
import type { LeadHandoffFunction } from './lead-handoff-function';
import { deadLetterQueue, secureQueue } from './secure-queue';

/** The environment variable that carries each queue's URL. */
export const QUEUE_URL_ENV: Readonly<Record<QueueName, string>> = {
  dispatch: ENV.DISPATCH_QUEUE_URL,
  'notify-urgent': ENV.NOTIFY_URGENT_QUEUE_URL,
  'notify-standard': ENV.NOTIFY_STANDARD_QUEUE_URL,
};

/**
 * What SQS checks on a dead-letter queue for `StartMessageMoveTask`: start the task, receive and delete
 * its messages, read its attributes. (`sqs:SendMessage` on the destination queue is granted apart.)
 */
export const REDRIVE_DEAD_LETTER_ACTIONS = [
  'sqs:StartMessageMoveTask',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/** One queue ops may redrive: its dead-letter queue and the queue the messages move back to. */
export interface RedriveTarget {
  deadLetterArn: string;
  sourceArn: string;
}

/** AWS's guidance for Lambda consumers: a visibility timeout of at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** How long an unconsumed message stays (SQS default): a stuck consumer has days, not minutes, to recover. */
export const QUEUE_RETENTION = Duration.days(4);

/** One value per queue (`QUEUES`), listed so that a new queue name fails to compile until handled here. */
const byQueue = <T>(make: (name: QueueName) => T): Record<QueueName, T> => ({
  dispatch: make('dispatch'),
  'notify-urgent': make('notify-urgent'),
  'notify-standard': make('notify-standard'),
});

/**
 * The pipeline's work queues (`QUEUES` of `shared/settings.ts`), each with its own dead-letter queue
 * (14-day retention), SSE-SQS encryption and TLS-only access. `grantSend` and `addConsumer` grant and
 * wire in one call, so a function's permissions and its environment cannot drift apart.
 */
export class PipelineQueues extends Construct {
  readonly queues: Readonly<Record<QueueName, Queue>>;
  readonly deadLetterQueues: Readonly<Record<QueueName, Queue>>;
  /** Each queue's visibility timeout (`QUEUE_SETTINGS`, shared with the local runner). */
  readonly visibilityTimeouts: Readonly<Record<QueueName, Duration>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.visibilityTimeouts = byQueue((name) =>
      Duration.seconds(QUEUE_SETTINGS[name].visibilityTimeoutSeconds),
    );
    this.deadLetterQueues = byQueue((name) => deadLetterQueue(this, `${pascalCase(name)}Dlq`));
    this.queues = byQueue((name) =>
      secureQueue(this, pascalCase(name), {
        visibilityTimeout: this.visibilityTimeouts[name],
        retentionPeriod: QUEUE_RETENTION,
        deadLetterQueue: {
          queue: this.deadLetterQueues[name],
          maxReceiveCount: QUEUE_SETTINGS[name].maxReceiveCount,
        },
      }),
    );
  }

  /** Each queue's URL under its environment variable name (`QUEUE_URL_ENV`). */
  environment(...names: QueueName[]): Record<string, string> {
    return Object.fromEntries(names.map((name) => [QUEUE_URL_ENV[name], this.queues[name].queueUrl]));
  }

  /**
   * Lets `fn` send to these queues (`sqs:SendMessage`, which also authorizes `SendMessageBatch`, and
   * nothing else) and gives it their URLs.
   */
  grantSend(fn: LeadHandoffFunction, ...names: QueueName[]): void {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: names.map((name) => this.queues[name].queueArn),
      }),
    );
    for (const [key, value] of Object.entries(this.environment(...names))) fn.fn.addEnvironment(key, value);
  }

  /**
   * Lets `fn` move every message of these queues' dead-letter queues back to the queues
   * (`StartMessageMoveTask`: `REDRIVE_DEAD_LETTER_ACTIONS` on each dead-letter queue, `sqs:SendMessage` on
   * each queue, through `grantSend`), and tells it both ARNs per queue in `REDRIVE_QUEUES` (JSON).
   */
  grantRedrive(fn: LeadHandoffFunction, ...names: QueueName[]): void {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...REDRIVE_DEAD_LETTER_ACTIONS],
        resources: names.map((name) => this.deadLetterQueues[name].queueArn),
      }),
    );
    this.grantSend(fn, ...names);
    const targets: Record<string, RedriveTarget> = Object.fromEntries(
      names.map((name) => [
        name,
        { deadLetterArn: this.deadLetterQueues[name].queueArn, sourceArn: this.queues[name].queueArn },
      ]),
    );
    fn.fn.addEnvironment(ENV.REDRIVE_QUEUES, Stack.of(this).toJsonString(targets));
  }

  /**
   * Makes `fn` the consumer of `name`, reporting partial batch failures so one bad message is retried
   * (and eventually dead-lettered) alone. Throws if the queue's visibility timeout is shorter than six
   * times the function's timeout: a slow invocation would see its messages delivered twice.
   */
  addConsumer(fn: LeadHandoffFunction, name: QueueName): void {
    const { batchSize, maxConcurrency } = QUEUE_SETTINGS[name];
    const visibility = this.visibilityTimeouts[name].toSeconds();
    if (visibility < fn.timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR) {
      throw new ConfigError(
        `Queue ${name}: visibility timeout ${visibility}s is under ${VISIBILITY_TIMEOUT_FACTOR}x the ` +
          `timeout of its consumer ${fn.node.id} (${fn.timeout.toSeconds()}s)`,
      );
    }
    fn.fn.addEventSource(
      new SqsEventSource(this.queues[name], {
        batchSize,
        reportBatchItemFailures: true,
        ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
      }),
    );
  }
}
