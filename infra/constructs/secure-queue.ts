import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How long a dead-lettered message waits for a human (the SQS maximum): long enough to outlast a holiday. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * An SQS queue with the project's defaults: SSE-SQS encryption and a policy denying any request that is
 * not TLS (`enforceSSL`). SSE-SQS rather than a KMS key: encrypted at rest with no key policy to get
 * wrong, and the services that write to our dead-letter queues (EventBridge Scheduler, Lambda
 * destinations) and the functions need no `kms:*` grants.
 */
export const secureQueue = (
  scope: Construct,
  id: string,
  props: Omit<QueueProps, 'encryption'> = {},
): Queue => new Queue(scope, id, { ...props, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });

/** A `secureQueue` that holds failures: 14-day retention. */
export const deadLetterQueue = (scope: Construct, id: string): Queue =>
  secureQueue(scope, id, { retentionPeriod: DEAD_LETTER_RETENTION });
