import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/settings';
import { pascalCase } from './api-keys';

/** The service that evaluates alarms and publishes their notifications. */
export const CLOUDWATCH_SERVICE = 'cloudwatch.amazonaws.com';

/** How ops lists and retries failed handoffs (the ops CLI over the `/ops/...` routes). */
export const RETRY_COMMANDS = [
  'npm run ops -- failed list',
  'npm run ops -- failed retry <id>',
  'npm run ops -- failed retry-all',
] as const;

/** Said in the alarm descriptions, which the notification emails quote. */
export const RETRY_HINT = `List and retry: ${RETRY_COMMANDS.join(' | ')}.`;

/**
 * The business metrics that page ops as soon as one data point appears (namespace `LeadHandoff`), with
 * what to do (default `RETRY_HINT`).
 */
export const ALARMED_BUSINESS_METRICS: readonly { name: string; what: string; hint?: string }[] = [
  { name: METRICS.UnownedLead, what: 'an escalation ladder ran out: a lead has no owner who accepted it' },
  { name: METRICS.FailedHandoffs, what: 'a handoff step failed and was recorded as a failed handoff' },
  {
    name: METRICS.DispatchEnqueueFailed,
    what: 'a stored lead could not be queued for dispatch (the reconciler re-queues it)',
  },
  {
    name: METRICS.CustomerSmsBudgetReached,
    what: "today's budget of customer SMS is used up: no customer is texted again until tomorrow",
    hint: 'Look for a flood of web-form leads (docs/product-rules.md §10); raise customerSmsDailyBudget in the business settings if the leads are real.',
  },
];

/**
 * A business metric as the functions emit it: namespace `LeadHandoff`, dimension `service=lead-handoff`
 * only (a metric emitted with more dimensions is a different metric, which this does not match).
 */
export const businessMetric = (name: string, statistic: string = Stats.SUM): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME },
    statistic,
    period: Duration.minutes(5),
  });

/**
 * How messages reach a dead-letter queue, which decides what can count them arriving:
 * - `sent`: a service calls SendMessage on it (Scheduler's target DLQs, Lambda's on-failure destination),
 *   counted by `NumberOfMessagesSent`;
 * - `redrive`: SQS moves them there after `maxReceiveCount` receives, which `NumberOfMessagesSent`
 *   does not count (AWS documents this for dead-letter queues), so the growth of
 *   `ApproximateNumberOfMessagesVisible` is watched instead.
 */
export type DeadLetterFeed = 'sent' | 'redrive';

/** A dead-letter queue and how messages reach it. */
export interface WatchedDeadLetterQueue {
  queue: IQueue;
  feed: DeadLetterFeed;
}

/**
 * Messages arriving on a dead-letter queue per minute. An alarm on this, rather than on the queue's
 * depth, goes back to OK one quiet minute after the last arrival even while earlier messages wait for a
 * retry, so each new failure notifies again (an alarm on depth would stay in ALARM and say nothing).
 */
export const deadLetterArrivals = ({ queue, feed }: WatchedDeadLetterQueue): IMetric =>
  feed === 'sent'
    ? queue.metricNumberOfMessagesSent({ statistic: Stats.SUM, period: Duration.minutes(1) })
    : new MathExpression({
        // The minute-to-minute growth of the depth; a missing minute counts as an empty queue.
        expression: 'DIFF(FILL(depth, 0))',
        usingMetrics: {
          depth: queue.metricApproximateNumberOfMessagesVisible({
            statistic: Stats.MAXIMUM,
            period: Duration.minutes(1),
          }),
        },
        label: 'messages arrived',
        period: Duration.minutes(1),
      });

/** What to watch, each keyed by a readable name (it names the alarm). */
export interface OpsAlarmsProps {
  /** Subscribed by email to the topic; undefined subscribes nobody. */
  opsEmail?: string;
  /** Every dead-letter queue of the app: each message arriving in any of them is a failure ops must see. */
  deadLetterQueues: Readonly<Record<string, WatchedDeadLetterQueue>>;
  /** Every function of the app. */
  /** The functions that get an errors and a throttles alarm (none: only dead-letter and business alarms). */
  functions: Readonly<Record<string, IFunction>>;
}

/**
 * What makes failures visible (docs/product-rules.md §9): one SNS topic for ops, and alarms that notify it when they
 * fire and when they clear. Every alarm fires on the first occurrence and treats missing data as
 * not breaching (no messages and no errors publish no data):
 * - each dead-letter queue with a message arriving (`deadLetterArrivals`, per minute), so a second failure
 *   notifies again once the first minute has passed, even while the first message still waits;
 * - each function with an error or a throttle (sum over five minutes);
 * - the business metrics `UnownedLead`, `FailedHandoffs` and `DispatchEnqueueFailed` (sum over five minutes).
 *
 * The topic is TLS-only and encrypted with a customer managed key: CloudWatch cannot publish to a topic
 * encrypted with the AWS managed `alias/aws/sns` key, whose policy does not let it use the key, and
 * the alarm actions would fail silently. The key policy lets CloudWatch use this key and nothing else
 * does without IAM permission; both the key policy and the topic policy let only this stack's alarms in
 * this account use them (`aws:SourceAccount` and `aws:SourceArn`, the confused-deputy guard).
 */
export class OpsAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly deadLetterAlarms: ReadonlyMap<string, Alarm>;
  readonly errorAlarms: ReadonlyMap<string, Alarm>;
  readonly throttleAlarms: ReadonlyMap<string, Alarm>;
  readonly businessAlarms: ReadonlyMap<string, Alarm>;

  private readonly action: SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    this.prefix = Stack.of(this).stackName;

    this.key = new Key(this, 'TopicKey', {
      description: 'Lead Handoff: encrypts the ops alarm topic (CloudWatch alarms may use it)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: {
        'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${this.prefix}-*`,
      },
    };
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(CLOUDWATCH_SERVICE)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Lead Handoff ops alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(CLOUDWATCH_SERVICE)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (props.opsEmail !== undefined) {
      new Subscription(this, 'OpsEmail', {
        topic: this.topic,
        protocol: SubscriptionProtocol.EMAIL,
        endpoint: props.opsEmail,
      });
    }
    this.action = new SnsAction(this.topic);

    this.deadLetterAlarms = this.each(props.deadLetterQueues, (name, watched) =>
      this.alarm(`DeadLetters${pascalCase(name)}`, {
        metric: deadLetterArrivals(watched),
        description: name.endsWith('-schedule-dlq')
          ? `Messages arrived in the ${name} dead-letter queue: Scheduler could not invoke a recurring function ` +
            '(reconciler or review); its next run repeats the work. Check the function and its role.'
          : `Messages arrived in the ${name} dead-letter queue: failed handoffs. ${RETRY_HINT}`,
      }),
    );
    this.errorAlarms = this.each(props.functions, (name, fn) =>
      this.alarm(`Errors${pascalCase(name)}`, {
        metric: fn.metricErrors({ statistic: Stats.SUM, period: Duration.minutes(5) }),
        description: `The ${name} function failed (see its log group); failures it could not complete are retried or dead-lettered.`,
      }),
    );
    this.throttleAlarms = this.each(props.functions, (name, fn) =>
      this.alarm(`Throttles${pascalCase(name)}`, {
        metric: fn.metricThrottles({ statistic: Stats.SUM, period: Duration.minutes(5) }),
        description: `The ${name} function was throttled: the account's or its own concurrency limit was reached.`,
      }),
    );
    this.businessAlarms = new Map(
      ALARMED_BUSINESS_METRICS.map(({ name, what, hint }) => [
        name,
        this.alarm(name, {
          metric: businessMetric(name),
          description: `${name}: ${what}. ${hint ?? RETRY_HINT}`,
        }),
      ]),
    );
  }

  /** Every alarm of the app. */
  get alarms(): Alarm[] {
    return [
      ...this.deadLetterAlarms.values(),
      ...this.errorAlarms.values(),
      ...this.throttleAlarms.values(),
      ...this.businessAlarms.values(),
    ];
  }

  private each<T>(
    items: Readonly<Record<string, T>>,
    make: (name: string, item: T) => Alarm,
  ): Map<string, Alarm> {
    return new Map(Object.entries(items).map(([name, item]) => [name, make(name, item)]));
  }

  /** `>= 1` over one period, missing data not breaching, notifying the topic on ALARM and on OK. */
  private alarm(id: string, { metric, description }: { metric: IMetric; description: string }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}
