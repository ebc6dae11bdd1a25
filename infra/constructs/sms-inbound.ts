import { Aws, Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INDEXES, SMS_INBOUND_QUEUE } from '../../shared/settings';
import { LeadHandoffFunction } from './lead-handoff-function';
import { QUEUE_RETENTION } from './pipeline-queues';
import { deadLetterQueue, secureQueue } from './secure-queue';

/** The service principal of AWS End User Messaging SMS (two-way messages and event destinations). */
export const SMS_VOICE_SERVICE = 'sms-voice.amazonaws.com';

export interface SmsInboundProps {
  table: ITable;
}

/**
 * Inbound SMS (docs/product-rules.md §12): AWS End User Messaging SMS publishes each text sent to the
 * origination number (two-way enabled on the number, which is bought outside the stack: see
 * docs/operations.md) to the `InboundSmsTopic`, and so does the configuration set's event destination
 * with the carriers' reports of our SMS that were not delivered (`sms-sending.ts`); the topic delivers
 * to the `sms-inbound` queue (with its dead-letter queue), which the `sms-inbound` function consumes
 * with partial batch failures, telling texts and reports apart by their fields.
 *
 * The topic is encrypted with a customer managed key: End User Messaging must be allowed to use the key,
 * and the AWS managed SNS key's policy cannot be changed (End User Messaging SMS user guide, "Topic
 * policies for Amazon SNS topics"). Only that service, for this account, may publish to the topic or use
 * the key.
 */
export class SmsInbound extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly fn: LeadHandoffFunction;

  constructor(scope: Construct, id: string, { table }: SmsInboundProps) {
    super(scope, id);
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the inbound SMS topic (AWS End User Messaging SMS two-way)',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(SMS_VOICE_SERVICE)],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromThisAccount,
      }),
    );
    this.topic = new Topic(this, 'InboundSmsTopic', {
      displayName: 'Lead Handoff inbound SMS',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(SMS_VOICE_SERVICE)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccount,
      }),
    );
    // A role of ours with sns:Publish on "*" (the SMS senders) must not forge a text: only a service may.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { Bool: { 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );

    this.deadLetterQueue = deadLetterQueue(this, 'SmsInboundDlq');
    this.queue = secureQueue(this, 'SmsInboundQueue', {
      visibilityTimeout: Duration.seconds(SMS_INBOUND_QUEUE.visibilityTimeoutSeconds),
      retentionPeriod: QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SMS_INBOUND_QUEUE.maxReceiveCount },
    });
    this.topic.addSubscription(new SqsSubscription(this.queue));

    this.fn = new LeadHandoffFunction(this, 'SmsInboundFn', { name: 'sms-inbound' });
    // Open handoffs of the sender: the `open` index, then the leads; opt-outs and unknown texts: items.
    this.fn.bindTable({ table, accessMode: 'readWrite', indexNames: [INDEXES.open.name] });
    this.fn.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: SMS_INBOUND_QUEUE.batchSize,
        reportBatchItemFailures: true,
      }),
    );
  }
}
