import { Aws, Duration, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { BusinessSettings } from '../../shared/domain/config';
import { dailyReviewCrons, weeklyReportCron } from '../../shared/domain/review-schedule';
import { INDEXES } from '../../shared/settings';
import { SCHEDULER_SERVICE } from './handoff-timers';
import { LeadHandoffFunction } from './lead-handoff-function';
import { RECONCILER_SCHEDULE_GROUP } from './recovery';
import { deadLetterQueue } from './secure-queue';

/** A digest event is worth delivering for a few hours; the claim in the table keeps it to one send. */
export const REVIEW_SCHEDULE_RETRY = { retryAttempts: 5, maxEventAge: Duration.hours(3) } as const;

/** What the review function works on. */
export interface ReviewsProps {
  table: ITable;
  /** The deployed business settings: their closing times and time zone become the cron schedules. */
  business: BusinessSettings;
}

/**
 * The end-of-day review and the weekly report (docs/product-rules.md §8):
 * - the `review` function reads open leads (`open` index) and the week's leads (`byDay` index) with
 *   batch gets, writes review-link tokens and a once-per-day claim, and sends email/SMS (its messaging
 *   rights are bound by `HandoffMessaging`);
 * - one EventBridge Scheduler cron schedule per distinct closing time of the week, in the business time
 *   zone (Scheduler applies DST), invoking it with `{"kind":"daily_review"}`; the function skips holidays;
 * - a Monday-morning schedule with `{"kind":"weekly_report"}`.
 * They sit in the default group with a role and a dead-letter queue of their own. The times are read
 * from the business settings at deploy: changing the hours through `PUT /ops/config` needs a deploy to
 * move them (the README says so).
 */
export class Reviews extends Construct {
  readonly fn: LeadHandoffFunction;
  readonly schedules: Schedule[] = [];
  readonly scheduleRole: Role;
  readonly scheduleDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, { table, business }: ReviewsProps) {
    super(scope, id);

    this.fn = new LeadHandoffFunction(this, 'Review', { name: 'review', timeout: Duration.seconds(120) });
    this.fn.bindTable({
      table,
      accessMode: 'readWrite',
      indexNames: [INDEXES.open.name, INDEXES.byDay.name],
    });
    // Scheduler retries delivery; a failing run is retried by Lambda twice, then left to the Errors alarm.
    this.fn.fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: REVIEW_SCHEDULE_RETRY.maxEventAge });

    this.scheduleDeadLetterQueue = deadLetterQueue(this, 'ReviewScheduleDlq');
    const { role, policy } = this.createScheduleRole();
    this.scheduleRole = role;
    const target = (kind: 'daily_review' | 'weekly_report') =>
      new LambdaInvoke(this.fn.fn, {
        role: this.scheduleRole.withoutPolicyUpdates(),
        input: ScheduleTargetInput.fromObject({ kind }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: REVIEW_SCHEDULE_RETRY.retryAttempts,
        maxEventAge: REVIEW_SCHEDULE_RETRY.maxEventAge,
      });
    const timeZone = TimeZone.of(business.timezone);
    dailyReviewCrons(business).forEach((expression, index) => {
      this.schedules.push(
        new Schedule(this, `DailyReview${index + 1}`, {
          description: `Lead Handoff: end-of-day review at closing time (${business.timezone})`,
          schedule: ScheduleExpression.expression(expression, timeZone),
          target: target('daily_review'),
        }),
      );
    });
    this.schedules.push(
      new Schedule(this, 'WeeklyReport', {
        description: `Lead Handoff: weekly numbers, Monday at opening (${business.timezone})`,
        schedule: ScheduleExpression.expression(weeklyReportCron(business), timeZone),
        target: target('weekly_report'),
      }),
    );
    for (const schedule of this.schedules) schedule.node.addDependency(policy);

    NagSuppressions.addResourceSuppressions(this.scheduleDeadLetterQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "This is a dead-letter queue: the target DeadLetterConfig of the review's recurring schedules, " +
          'which no redrive policy in the template can show.',
      },
    ]);
  }

  /** Assumable only by Scheduler for schedules of this account's default group. */
  private createScheduleRole(): { role: Role; policy: Policy } {
    const role = new Role(this, 'ReviewScheduleRole', {
      description: 'Lead Handoff: EventBridge Scheduler invokes the review function with this role',
      assumedBy: new ServicePrincipal(SCHEDULER_SERVICE, {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/${RECONCILER_SCHEDULE_GROUP}`,
          },
        },
      }),
    });
    const policy = new Policy(this, 'ReviewSchedulePolicy', {
      statements: [
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.fn.functionArn] }),
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
