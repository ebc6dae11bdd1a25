/**
 * Environment variables: names shared by `infra/` (which sets them) and `functions/` (which read
 * them once per cold start through `readEnv`). A missing or malformed variable fails loudly.
 */
import * as z from 'zod';
import { ConfigError } from './errors';

export const ENV = {
  TABLE_NAME: 'TABLE_NAME',
  /** API Gateway API keys whose name starts with this prefix belong to this app (`<prefix>.<scope>.<source>`). */
  API_KEY_PREFIX: 'API_KEY_PREFIX',
  /** Comma-separated ids of this app's API Gateway API keys: the only keys the authorizer reads. */
  API_KEY_IDS: 'API_KEY_IDS',
  /** Seconds a cached config (roster, settings) is trusted before it is read again. */
  CONFIG_CACHE_SECONDS: 'CONFIG_CACHE_SECONDS',
  /** Queue URLs, one per `QueueName`. */
  DISPATCH_QUEUE_URL: 'DISPATCH_QUEUE_URL',
  NOTIFY_URGENT_QUEUE_URL: 'NOTIFY_URGENT_QUEUE_URL',
  NOTIFY_STANDARD_QUEUE_URL: 'NOTIFY_STANDARD_QUEUE_URL',
  /** EventBridge Scheduler: the app's own schedule group, the role it invokes with, the target and its DLQ. */
  SCHEDULE_GROUP: 'SCHEDULE_GROUP',
  SCHEDULER_ROLE_ARN: 'SCHEDULER_ROLE_ARN',
  DEADLINE_FUNCTION_ARN: 'DEADLINE_FUNCTION_ARN',
  SCHEDULER_DLQ_ARN: 'SCHEDULER_DLQ_ARN',
  /** SNS topic for email; each person's subscription filters on the `recipientId` message attribute. */
  EMAIL_TOPIC_ARN: 'EMAIL_TOPIC_ARN',
  /** Optional origination number (E.164) for SMS. */
  SMS_ORIGINATION_NUMBER: 'SMS_ORIGINATION_NUMBER',
  /** Base URL of the API (links are `<base>/h/<token>`). */
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL',
  /** The failure queues the reconciler reads: the deadline function's on-failure destination and Scheduler's DLQ. */
  DEADLINE_FAILURES_QUEUE_URL: 'DEADLINE_FAILURES_QUEUE_URL',
  SCHEDULER_DLQ_URL: 'SCHEDULER_DLQ_URL',
  /** JSON `{"<queue name>": {"deadLetterArn": "...", "sourceArn": "..."}}` for the queues ops may redrive. */
  REDRIVE_QUEUES: 'REDRIVE_QUEUES',
} as const;

/** Validates `source` (default `process.env`) against `shape`; every problem is listed. */
export const readEnv = <T extends z.ZodRawShape>(
  shape: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> => {
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      'Invalid environment',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
};
