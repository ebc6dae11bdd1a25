import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DEADLINE_RETRY, ENV } from '../../shared/settings';
import type { LeadHandoffFunction } from './lead-handoff-function';
import { deadLetterQueue } from './secure-queue';

/** The service that assumes the scheduler role and to which the dispatcher may pass it. */
export const SCHEDULER_SERVICE = 'scheduler.amazonaws.com';

/** The scheduler ARN prefix as cdk-nag renders it in finding ids. */
const NAG_SCHEDULER_ARN = 'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>';

/** What a reader of the failure queues may do with them: read messages and delete the ones it recorded. */
export const FAILURE_QUEUE_READ_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/** What the timers invoke and what their group is called. */
export interface HandoffTimersProps {
  /** The app's own schedule group, `leadhandoff-<stage>`: per-handoff schedules live only there. */
  groupName: string;
  /** The deadline function: every schedule's target. Its event is the schedule's `TimerPayload` input. */
  deadline: LeadHandoffFunction;
}

/**
 * Everything the per-handoff acceptance timers (docs/product-rules.md §6) need, except the schedules themselves, which the
 * dispatcher creates at runtime through the SDK:
 * - the app's schedule group;
 * - the role EventBridge Scheduler assumes (only for this account's group) to invoke the deadline function
 *   and, when it cannot, to dead-letter the event: those two permissions and nothing else;
 * - the scheduler's dead-letter queue, for events Scheduler could not deliver after its retries;
 * - the deadline function's asynchronous-invocation settings: two retries, then the `deadline-failures`
 *   queue (Scheduler invokes Lambda asynchronously, so a handler that keeps failing lands there).
 *
 * `grantCreateAndDelete` / `grantDelete` give functions access to this group's schedules only.
 */
export class HandoffTimers extends Construct {
  readonly group: ScheduleGroup;
  readonly groupName: string;
  /** The role every schedule's target runs with. */
  readonly role: Role;
  /** Scheduler's dead-letter queue: events it could not deliver to the deadline function. */
  readonly deadLetterQueue: Queue;
  /** The deadline function's on-failure destination: invocations that failed after Lambda's retries. */
  readonly deadlineFailures: Queue;
  /** `arn:<partition>:scheduler:<region>:<account>:schedule/<group>/*`: every schedule of the group. */
  readonly scheduleArnPattern: string;
  /** `arn:<partition>:scheduler:<region>:<account>:schedule-group/<group>`: what Scheduler names as source. */
  readonly groupArn: string;

  private readonly deadline: LeadHandoffFunction;

  constructor(scope: Construct, id: string, { groupName, deadline }: HandoffTimersProps) {
    super(scope, id);
    this.groupName = groupName;
    this.deadline = deadline;
    const schedulerArn = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    this.scheduleArnPattern = `${schedulerArn}:schedule/${groupName}/*`;
    this.groupArn = `${schedulerArn}:schedule-group/${groupName}`;

    // Deleting the group deletes its schedules: a removed stage leaves no timer behind to fire.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: groupName,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.deadLetterQueue = deadLetterQueue(this, 'SchedulerDlq');
    this.deadlineFailures = deadLetterQueue(this, 'DeadlineFailures');

    this.role = new Role(this, 'SchedulerRole', {
      description: 'Lead Handoff: EventBridge Scheduler invokes the deadline function with this role',
      // Only for schedules of this account's own group: another account's schedule, or one of another
      // group here, cannot make Scheduler act with this role (the confused-deputy guard AWS documents
      // for Scheduler execution roles).
      assumedBy: new ServicePrincipal(SCHEDULER_SERVICE, {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': this.groupArn,
          },
        },
      }),
    });
    // One explicit policy rather than grant helpers: grantInvoke and grantSendMessages add more actions.
    this.role.attachInlinePolicy(
      new Policy(this, 'SchedulerTargetPolicy', {
        statements: [
          new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [deadline.fn.functionArn] }),
          new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
        ],
      }),
    );

    deadline.fn.configureAsyncInvoke({
      retryAttempts: DEADLINE_RETRY.lambdaAsyncRetries,
      maxEventAge: Duration.seconds(DEADLINE_RETRY.lambdaMaxEventAgeSeconds),
      onFailure: new SqsDestination(this.deadlineFailures),
    });

    // Both are dead-letter queues themselves, which cdk-nag recognizes only through redrive policies.
    NagSuppressions.addResourceSuppressions(this.deadLetterQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This is the dead-letter queue of every handoff schedule (the target DeadLetterConfig the ' +
          'dispatcher sets at runtime), which no redrive policy in the template can show.',
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.deadlineFailures, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "This is a dead-letter queue: the on-failure destination of the deadline function's asynchronous " +
          'invocations (after Lambda retried them twice).',
      },
    ]);
  }

  /**
   * Lets `fn` create and delete this group's schedules (and nothing else of Scheduler), pass the
   * scheduler role to Scheduler only, and tells it the group, the role, the target and the DLQ.
   */
  grantCreateAndDelete(fn: LeadHandoffFunction): void {
    this.grantSchedules(fn, ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': SCHEDULER_SERVICE } },
      }),
    );
    fn.fn.addEnvironment(ENV.SCHEDULER_ROLE_ARN, this.role.roleArn);
    fn.fn.addEnvironment(ENV.DEADLINE_FUNCTION_ARN, this.deadline.fn.functionArn);
    fn.fn.addEnvironment(ENV.SCHEDULER_DLQ_ARN, this.deadLetterQueue.queueArn);
  }

  /**
   * Lets `fn` read and delete the messages of the two failure queues (the scheduler DLQ and
   * `deadline-failures`), which it turns into failed-handoff records, and tells it their URLs.
   * Receive, delete and read attributes only: it never sends to them or purges them.
   */
  grantReadFailures(fn: LeadHandoffFunction): void {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...FAILURE_QUEUE_READ_ACTIONS],
        resources: [this.deadlineFailures.queueArn, this.deadLetterQueue.queueArn],
      }),
    );
    fn.fn.addEnvironment(ENV.DEADLINE_FAILURES_QUEUE_URL, this.deadlineFailures.queueUrl);
    fn.fn.addEnvironment(ENV.SCHEDULER_DLQ_URL, this.deadLetterQueue.queueUrl);
  }

  /** Lets `fn` delete this group's schedules (acceptance cancels the timer) and tells it the group. */
  grantDelete(fn: LeadHandoffFunction): void {
    this.grantSchedules(fn, ['scheduler:DeleteSchedule']);
  }

  private grantSchedules(fn: LeadHandoffFunction, actions: string[]): void {
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [this.scheduleArnPattern] }));
    fn.fn.addEnvironment(ENV.SCHEDULE_GROUP, this.groupName);
    // The group must exist before the function can put a schedule in it (first deploy).
    fn.fn.node.addDependency(this.group);
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Per-handoff schedules are named at runtime (one per lead and handoff step), so the resource ' +
            `is every schedule of the app's own group ${this.groupName} and of no other group; ` +
            `actions: ${actions.join(', ')}.`,
          appliesTo: [`Resource::${NAG_SCHEDULER_ARN}:schedule/${this.groupName}/*`],
        },
      ],
      true,
    );
  }
}
