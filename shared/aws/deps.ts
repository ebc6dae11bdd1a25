/**
 * AWS wiring shared by every Lambda: each adapter reads and validates the environment it needs once
 * per cold start (failing loudly when something is missing) and SDK clients are created once, at
 * module scope of the function that uses them. A function only builds what it needs.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { CoreDeps } from '../app/deps';
import { FailureService } from '../app/failure-service';
import { systemClock } from '../clock';
import { ENV, readEnv } from '../env';
import { ConfigError } from '../errors';
import { randomIds } from '../ids';
import { DEADLINE_RETRY } from '../pipeline-settings';
import type {
  ClaimStore,
  ConfigSource,
  ConfigWriter,
  DeadLetterReader,
  EmailSender,
  FailureStore,
  QueueName,
  Redriver,
  SendPacer,
  SmsSender,
  TimerService,
  TokenStore,
  WorkQueue,
} from '../ports';
import { DynamoClaimStore } from './dynamo-claims';
import { putConfig, TableConfigSource } from './dynamo-config-source';
import { DynamoFailureStore } from './dynamo-failure-store';
import { DynamoLeadStore, makeDocumentClient } from './dynamo-lead-store';
import { DynamoSendPacer } from './dynamo-send-pacer';
import { DynamoTokenStore } from './dynamo-token-store';
import { PowertoolsMetricSink } from './powertools-metrics';
import { SchedulerTimers } from './scheduler-timers';
import { SnsEmailSender, SnsSmsSender } from './sns-messaging';
import { SqsDeadLetterReader, SqsRedriver } from './sqs-recovery';
import { SqsWorkQueue } from './sqs-work-queue';

export const dynamoClient = new DynamoDBClient({});
const documentClient = makeDocumentClient(dynamoClient);

const once = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
};

const sqsClient = once(() => new SQSClient({}));

const coreEnv = once(() =>
  readEnv({
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.CONFIG_CACHE_SECONDS]: z.coerce.number().int().min(0).default(60),
  }),
);

export const tableName = (): string => coreEnv()[ENV.TABLE_NAME];

const configSource = once(
  (): ConfigSource =>
    new TableConfigSource(documentClient, tableName(), systemClock, coreEnv()[ENV.CONFIG_CACHE_SECONDS]),
);

/** Store, config, clock and ids over DynamoDB. */
export const awsCoreDeps = once(
  (): CoreDeps => ({
    store: new DynamoLeadStore(documentClient, tableName()),
    config: configSource(),
    clock: systemClock,
    ids: randomIds,
  }),
);

/** Business metrics as CloudWatch EMF; handlers publish at the end of each invocation. */
export const awsMetrics = once(() => new PowertoolsMetricSink());

/** The queues this function may send to (only those whose URL its environment carries). */
export const awsQueue = once((): WorkQueue => {
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

/**
 * Timers in the app's schedule group. Functions that only delete timers (links) get the group alone;
 * creating one then fails loudly instead of building a half-configured schedule.
 */
export const awsTimers = once((): TimerService => {
  const env = readEnv({
    [ENV.SCHEDULE_GROUP]: z.string().min(1),
    [ENV.SCHEDULER_ROLE_ARN]: z.string().startsWith('arn:').optional(),
    [ENV.DEADLINE_FUNCTION_ARN]: z.string().startsWith('arn:').optional(),
    [ENV.SCHEDULER_DLQ_ARN]: z.string().startsWith('arn:').optional(),
  });
  const client = new SchedulerClient({});
  const roleArn = env[ENV.SCHEDULER_ROLE_ARN];
  const targetArn = env[ENV.DEADLINE_FUNCTION_ARN];
  const deadLetterArn = env[ENV.SCHEDULER_DLQ_ARN];
  const groupName = env[ENV.SCHEDULE_GROUP];
  if (roleArn && targetArn && deadLetterArn) {
    return new SchedulerTimers(client, {
      groupName,
      roleArn,
      targetArn,
      deadLetterArn,
      maxRetries: DEADLINE_RETRY.schedulerMaxRetries,
      maxEventAgeSeconds: DEADLINE_RETRY.schedulerMaxEventAgeSeconds,
    });
  }
  const deleteOnly = new SchedulerTimers(client, {
    groupName,
    roleArn: 'arn:none',
    targetArn: 'arn:none',
    deadLetterArn: 'arn:none',
  });
  return {
    schedule: async () => {
      throw new ConfigError('This function may only delete timers (no scheduler role/target configured)');
    },
    cancel: (name) => deleteOnly.cancel(name),
  };
});

export const awsTokens = once((): TokenStore => new DynamoTokenStore(documentClient, tableName()));

/** Standard-lane SMS pacing from the business settings (which ops may change without a redeploy). */
export const awsPacer = once((): SendPacer => {
  const pacer = async () => {
    const { messaging } = (await configSource().load()).business;
    return new DynamoSendPacer(documentClient, tableName(), {
      perSecond: messaging.smsPerSecond,
      share: messaging.standardLaneShare,
    });
  };
  return {
    tryAcquire: async (now) => (await pacer()).tryAcquire(now),
    reserve: async (now, maxWaitMs) => (await pacer()).reserve(now, maxWaitMs),
  };
});

export const awsMessaging = once((): { sms: SmsSender; email: EmailSender; publicBaseUrl: string } => {
  const env = readEnv({
    [ENV.EMAIL_TOPIC_ARN]: z.string().startsWith('arn:'),
    [ENV.SMS_ORIGINATION_NUMBER]: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .optional(),
    [ENV.PUBLIC_BASE_URL]: z.url(),
  });
  const client = new SNSClient({});
  const origination = env[ENV.SMS_ORIGINATION_NUMBER];
  return {
    sms: new SnsSmsSender(client, origination ? { originationNumber: origination } : {}),
    email: new SnsEmailSender(client, env[ENV.EMAIL_TOPIC_ARN]),
    publicBaseUrl: env[ENV.PUBLIC_BASE_URL].replace(/\/+$/, ''),
  };
});

export const awsFailureStore = once((): FailureStore => new DynamoFailureStore(documentClient, tableName()));

/** Failed-handoff reporting (records, metric, timeline). */
export const awsFailures = once(
  () =>
    new FailureService({
      store: awsCoreDeps().store,
      clock: systemClock,
      metrics: awsMetrics(),
      failures: awsFailureStore(),
    }),
);

export const awsDeadLetters = once((): DeadLetterReader => {
  const env = readEnv({ [ENV.DEADLINE_FAILURES_QUEUE_URL]: z.url(), [ENV.SCHEDULER_DLQ_URL]: z.url() });
  return new SqsDeadLetterReader(sqsClient(), {
    'deadline-failures': env[ENV.DEADLINE_FAILURES_QUEUE_URL],
    'scheduler-dlq': env[ENV.SCHEDULER_DLQ_URL],
  });
});

const redriveTargets = z.record(
  z.enum(['dispatch', 'notify-urgent', 'notify-standard']),
  z.strictObject({ deadLetterArn: z.string().startsWith('arn:'), sourceArn: z.string().startsWith('arn:') }),
);

export const awsRedriver = once((): Redriver => {
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

/** Config changes by ops go to the table item every function reads (validated before they are stored). */
export const awsConfigWriter = once(
  (): ConfigWriter => ({
    put: (business, roster) => putConfig(documentClient, tableName(), business, roster, systemClock.now()),
  }),
);

/** One-time claims (the daily review and weekly report send once). */
export const awsClaims = once((): ClaimStore => new DynamoClaimStore(documentClient, tableName()));
