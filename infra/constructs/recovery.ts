import { Aws, Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { INDEXES, QUEUES, RECONCILER } from '../../shared/settings';
import type { HandoffTimers } from './handoff-timers';
import { SCHEDULER_SERVICE } from './handoff-timers';
import { LeadHandoffFunction } from './lead-handoff-function';
import type { PipelineQueues } from './pipeline-queues';
import { deadLetterQueue } from './secure-queue';

/**
 * Delivery of the recurring reconciler invocation by EventBridge Scheduler: a few quick retries, and an
 * event is worthless once the next run is due, so it expires after one interval.
 */
export const RECONCILER_SCHEDULE_RETRY = {
  retryAttempts: 3,
  maxEventAge: Duration.minutes(RECONCILER.everyMinutes),
} as const;

/** Under API Gateway's 29-second integration timeout: a retry-all that runs longer is cut off anyway. */
export const OPS_TIMEOUT = Duration.seconds(25);

/** A reconciler run looks at up to `RECONCILER.maxLeadsPerRun` leads and drains the failure queues. */
export const RECONCILER_TIMEOUT = Duration.seconds(60);

/** The recurring schedule lives in Scheduler's default group, out of reach of the per-handoff grants. */
export const RECONCILER_SCHEDULE_GROUP = 'default';

/** What the ops and reconciler functions work on. */
export interface RecoveryProps {
  table: ITable;
  queues: PipelineQueues;
  timers: HandoffTimers;
}

/**
 * Failures made recoverable (docs/product-rules.md §9):
 * - the `ops` function behind the `/ops/...` routes lists failed handoffs and retries them: it puts the
 *   work back on the pipeline queues, redrives their dead-letter queues (`StartMessageMoveTask`) and
 *   runs the deadline logic inline, so it gets the table (the `open` index), sends to the three queues
 *   and redrive rights on their three dead-letter queues only;
 * - the `reconciler` function runs every `RECONCILER.everyMinutes` minutes: it re-queues stuck
 *   dispatches, escalates handoffs whose timer was lost, and turns the messages of the two failure
 *   queues (scheduler DLQ, `deadline-failures`) into failed-handoff records. It gets the table (the
 *   `open` index), sends to `dispatch`, and reads and deletes on those two queues only;
 * - the recurring schedule (stable `aws-scheduler` L2), invoking the reconciler with `{}` through a role
 *   of its own, with a retry policy and a dead-letter queue of its own. It sits in the default group,
 *   so the dispatcher's and links' `DeleteSchedule` on the app's handoff group cannot remove it.
 */
export class Recovery extends Construct {
  readonly ops: LeadHandoffFunction;
  readonly reconciler: LeadHandoffFunction;
  readonly schedule: Schedule;
  /** The role Scheduler invokes the reconciler with: invoke it, dead-letter the event, nothing else. */
  readonly scheduleRole: Role;
  /** Reconciler invocations Scheduler could not deliver after its retries. */
  readonly scheduleDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, { table, queues, timers }: RecoveryProps) {
    super(scope, id);

    this.ops = new LeadHandoffFunction(this, 'Ops', { name: 'ops', timeout: OPS_TIMEOUT });
    // The open index (failures, reports) and byDay (the weekly report's leads).
    this.ops.bindTable({
      table,
      accessMode: 'readWrite',
      indexNames: [INDEXES.open.name, INDEXES.byDay.name],
    });
    // Redrive needs `sqs:SendMessage` on each queue, which is also what a retry sends with.
    queues.grantRedrive(this.ops, ...QUEUES);

    this.reconciler = new LeadHandoffFunction(this, 'Reconciler', {
      name: 'reconciler',
      timeout: RECONCILER_TIMEOUT,
    });
    this.reconciler.bindTable({ table, accessMode: 'readWrite', indexNames: [INDEXES.open.name] });
    queues.grantSend(this.reconciler, 'dispatch');
    timers.grantReadFailures(this.reconciler);
    // A failed run is not retried: the next one is minutes away and repeats the same work; the
    // function's Errors alarm tells ops.
    this.reconciler.fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: RECONCILER_SCHEDULE_RETRY.maxEventAge,
    });

    this.scheduleDeadLetterQueue = deadLetterQueue(this, 'ReconcilerScheduleDlq');
    const { role, policy } = this.createScheduleRole();
    this.scheduleRole = role;
    this.schedule = new Schedule(this, 'ReconcilerSchedule', {
      description: `Lead Handoff: runs the reconciler every ${RECONCILER.everyMinutes} minutes`,
      schedule: ScheduleExpression.rate(Duration.minutes(RECONCILER.everyMinutes)),
      // The role's policy is written below; the target must not add its own to it.
      target: new LambdaInvoke(this.reconciler.fn, {
        role: this.scheduleRole.withoutPolicyUpdates(),
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: RECONCILER_SCHEDULE_RETRY.retryAttempts,
        maxEventAge: RECONCILER_SCHEDULE_RETRY.maxEventAge,
      }),
    });
    // Scheduler may invoke as soon as the schedule exists: let the role's policy exist first.
    this.schedule.node.addDependency(policy);

    NagSuppressions.addResourceSuppressions(this.scheduleDeadLetterQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "This is a dead-letter queue: the target DeadLetterConfig of the reconciler's recurring schedule, " +
          'which no redrive policy in the template can show.',
      },
    ]);
  }

  /** Assumable only by Scheduler for schedules of this account's default group. */
  private createScheduleRole(): { role: Role; policy: Policy } {
    const role = new Role(this, 'ReconcilerScheduleRole', {
      description: 'Lead Handoff: EventBridge Scheduler invokes the reconciler with this role',
      assumedBy: new ServicePrincipal(SCHEDULER_SERVICE, {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/${RECONCILER_SCHEDULE_GROUP}`,
          },
        },
      }),
    });
    // One explicit policy rather than grant helpers: grantInvoke also allows every version (`<arn>:*`).
    const policy = new Policy(this, 'ReconcilerSchedulePolicy', {
      statements: [
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.reconciler.fn.functionArn],
        }),
        new PolicyStatement({
          actions: ['sqs:SendMessage'],
          resources: [this.scheduleDeadLetterQueue.queueArn],
        }),
      ],
    });
    role.attachInlinePolicy(policy);
    return { role, policy };
  }
}
