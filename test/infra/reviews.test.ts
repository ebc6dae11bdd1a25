/**
 * The end-of-day review and the weekly report (docs/product-rules.md §8): the review function, its recurring schedules
 * at closing time in the business time zone, the role they invoke it with and their dead-letter queue,
 * each with exactly the access it needs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { projectPath } from '../../infra/config';
import type { LeadHandoffStack } from '../../infra/stack';
import { INDEXES } from '../../shared/settings';
import { grantsOf, type Inspector, idOfArn, inspect, type Json, NO_BUNDLING, props, render } from './support';

let stack: LeadHandoffStack;
let t: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  t = inspect(stack);
});

const example = (name: 'business' | 'roster'): Json =>
  JSON.parse(readFileSync(projectPath('config', `${name}.example.json`), 'utf8')) as Json;

const functionId = () => t.logicalIdOf(stack.reviews.fn.fn);
const functionRoleId = () => t.logicalIdOf(stack.reviews.fn.role);
const scheduleRoleId = () => t.logicalIdOf(stack.reviews.scheduleRole);
const dlqId = () => t.logicalIdOf(stack.reviews.scheduleDeadLetterQueue);
const arnOf = (logicalId: string) => `<${logicalId}.Arn>`;
const tableArn = () => arnOf(t.logicalIdOf(stack.table.table));

/** The schedules whose target is the review function, with their logical ids. */
const reviewSchedulesOf = (inspector: Inspector, built: LeadHandoffStack): Array<[string, Json]> =>
  inspector
    .resources('AWS::Scheduler::Schedule')
    .filter(
      ([, schedule]) =>
        idOfArn((props(schedule).Target as Json).Arn) === inspector.logicalIdOf(built.reviews.fn.fn),
    );

const reviewSchedules = (): Json[] => reviewSchedulesOf(t, stack).map(([, schedule]) => props(schedule));

/** `<expression> <input> <time zone>` of each review schedule, sorted. */
const timetableOf = (schedules: Json[]): string[] =>
  schedules
    .map(
      (schedule) =>
        `${schedule.ScheduleExpression} ${(schedule.Target as Json).Input} ${schedule.ScheduleExpressionTimezone}`,
    )
    .toSorted();

/** The identity policies attached to the role with this logical id, with their logical ids. */
const policiesOf = (roleId: string): Array<[string, Json]> =>
  t
    .resources('AWS::IAM::Policy')
    .filter(([, policy]) => ((props(policy).Roles ?? []) as Json[]).some((role) => role.Ref === roleId));

describe('review schedules', () => {
  it('run the end-of-day review at each distinct closing time and the weekly report on Monday at opening', () => {
    // Prepare / Act
    const timetable = timetableOf(reviewSchedules());

    // Assess
    expect(timetable).toEqual(
      [
        'cron(30 17 ? * MON,TUE,WED,THU,FRI *) {"kind":"daily_review"} America/Chicago',
        'cron(0 12 ? * SAT *) {"kind":"daily_review"} America/Chicago',
        'cron(30 7 ? * MON *) {"kind":"weekly_report"} America/Chicago',
      ].toSorted(),
    );
  });

  it('are in the business time zone of the deployed settings, so Scheduler applies daylight saving time', () => {
    // Prepare
    const business = example('business');

    // Act
    const zones = reviewSchedules().map((schedule) => schedule.ScheduleExpressionTimezone);

    // Assess
    expect(business.timezone).toBe('America/Chicago');
    expect(zones).toEqual(['America/Chicago', 'America/Chicago', 'America/Chicago']);
  });

  it('sit in the default group, enabled, with no flexible window', () => {
    // Prepare / Act
    const schedules = reviewSchedules();

    // Assess
    expect(schedules).toHaveLength(3);
    for (const schedule of schedules) {
      expect(schedule.GroupName).toBeUndefined();
      expect(schedule.State).toBe('ENABLED');
      expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    }
  });

  it('are the review’s three and the reconciler’s one: no other schedule is in the template', () => {
    // Prepare
    const expected = [...stack.reviews.schedules, stack.recovery.schedule].map((schedule) =>
      t.logicalIdOf(schedule),
    );

    // Act
    const found = t.resources('AWS::Scheduler::Schedule').map(([id]) => id);

    // Assess
    expect(found.toSorted()).toEqual(expected.toSorted());
    expect(
      reviewSchedulesOf(t, stack)
        .map(([id]) => id)
        .toSorted(),
    ).toEqual(stack.reviews.schedules.map((schedule) => t.logicalIdOf(schedule)).toSorted());
  });

  it('retry delivery five times for up to three hours, then dead-letter to a queue of their own', () => {
    // Prepare
    const otherDeadLetterQueues = [
      t.logicalIdOf(stack.recovery.scheduleDeadLetterQueue),
      t.logicalIdOf(stack.timers.deadLetterQueue),
    ];

    // Act
    const targets = reviewSchedules().map((schedule) => schedule.Target as Json);

    // Assess
    expect(targets).toHaveLength(3);
    for (const target of targets) {
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3 * 3600 });
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId(), 'Arn'] } });
    }
    expect(otherDeadLetterQueues).not.toContain(dlqId());
  });

  it('are created after the policy of their role, so the first invocation is allowed', () => {
    // Prepare
    const policies = policiesOf(scheduleRoleId()).map(([id]) => id);
    const [policyId] = policies;

    // Act
    const dependencies = reviewSchedulesOf(t, stack).map(([, schedule]) => schedule.DependsOn);

    // Assess
    expect(policies).toHaveLength(1);
    expect(dependencies).toEqual([[policyId], [policyId], [policyId]]);
  });

  it('follow the configured hours and time zone: a split day, an earlier Friday, a closed Saturday', () => {
    // Prepare
    const business = {
      ...example('business'),
      timezone: 'America/Denver',
      hours: {
        mon: ['08:00-12:00', '13:00-18:00'],
        tue: ['08:00-12:00', '13:00-18:00'],
        wed: ['08:00-12:00', '13:00-18:00'],
        thu: ['08:00-12:00', '13:00-18:00'],
        fri: ['08:00-16:00'],
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'lead-handoff-reviews-'));
    writeFileSync(join(dir, 'business.json'), JSON.stringify(business));
    writeFileSync(join(dir, 'roster.json'), JSON.stringify(example('roster')));

    // Act
    const { stack: built } = buildApp({ context: { ...NO_BUNDLING, configDir: dir } });
    const timetable = timetableOf(
      reviewSchedulesOf(inspect(built), built).map(([, schedule]) => props(schedule)),
    );

    // Assess
    expect(timetable).toEqual(
      [
        'cron(0 18 ? * MON,TUE,WED,THU *) {"kind":"daily_review"} America/Denver',
        'cron(0 16 ? * FRI *) {"kind":"daily_review"} America/Denver',
        'cron(0 8 ? * MON *) {"kind":"weekly_report"} America/Denver',
      ].toSorted(),
    );
  });
});

describe('review schedule role', () => {
  it('is the role of every review schedule', () => {
    // Prepare / Act
    const roles = reviewSchedules().map((schedule) => (schedule.Target as Json).RoleArn);

    // Assess
    expect(roles).toEqual(reviewSchedules().map(() => ({ 'Fn::GetAtt': [scheduleRoleId(), 'Arn'] })));
    expect(scheduleRoleId()).not.toBe(t.logicalIdOf(stack.recovery.scheduleRole));
    expect(scheduleRoleId()).not.toBe(t.logicalIdOf(stack.timers.role));
  });

  it('may only invoke the review function and dead-letter to its own queue', () => {
    // Prepare
    const role = props(t.resource(scheduleRoleId()));

    // Act
    const grants = grantsOf(t.roleStatements(scheduleRoleId()));

    // Assess
    expect(grants).toEqual([
      { effect: 'Allow', action: 'lambda:InvokeFunction', resource: arnOf(functionId()) },
      { effect: 'Allow', action: 'sqs:SendMessage', resource: arnOf(dlqId()) },
    ]);
    expect(role.Policies).toBeUndefined();
    expect(role.ManagedPolicyArns).toBeUndefined();
  });

  it('can be assumed only by EventBridge Scheduler for this account’s default group', () => {
    // Prepare / Act
    const trust = (props(t.resource(scheduleRoleId())).AssumeRolePolicyDocument as { Statement: Json[] })
      .Statement;

    // Assess
    expect(trust).toHaveLength(1);
    const [statement = {}] = trust;
    expect(statement.Action).toBe('sts:AssumeRole');
    expect(statement.Effect).toBe('Allow');
    expect(statement.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    const conditions = (statement.Condition as { StringEquals: Json }).StringEquals;
    expect(Object.keys(conditions).toSorted()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
    expect(conditions['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(render(conditions['aws:SourceArn'])).toBe(
      'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule-group/default',
    );
  });

  it('is the only role that may invoke the review function, which has no resource policy', () => {
    // Prepare
    const permissions = t
      .resources('AWS::Lambda::Permission')
      .filter(([, permission]) => idOfArn(props(permission).FunctionName) === functionId());

    // Act
    const invokers = t
      .grantsMatching((action) => action === 'lambda:InvokeFunction' || action === 'lambda:*')
      .filter((grant) => grant.resource.startsWith(arnOf(functionId())))
      .map((grant) => grant.role);

    // Assess
    expect(invokers).toEqual([scheduleRoleId()]);
    expect(permissions).toEqual([]);
  });
});

describe('review schedule dead-letter queue', () => {
  it('keeps undelivered reviews 14 days, encrypted', () => {
    // Prepare / Act
    const queue = props(t.resource(dlqId()));

    // Assess
    expect(queue.MessageRetentionPeriod).toBe(14 * 86400);
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.RedrivePolicy).toBeUndefined();
  });

  it('denies every request that does not use TLS', () => {
    // Prepare / Act
    const statements = t
      .resources('AWS::SQS::QueuePolicy')
      .map(([, policy]) => props(policy))
      .filter((policy) => (policy.Queues as Json[]).some((queue) => queue.Ref === dlqId()))
      .flatMap((policy) => (policy.PolicyDocument as { Statement: Json[] }).Statement);

    // Assess
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('may be sent to by the review schedule role only, and read by no function', () => {
    // Prepare / Act
    const grants = t
      .grantsMatching((action) => action.startsWith('sqs:'))
      .filter((grant) => grant.resource === arnOf(dlqId()))
      .map((grant) => `${grant.role} ${grant.action}`);

    // Assess
    expect(grants).toEqual([`${scheduleRoleId()} sqs:SendMessage`]);
  });

  it('raises an alarm on the first message Scheduler sends to it in a minute', () => {
    // Prepare
    const alarm = stack.alarms.deadLetterAlarms.get('review-schedule-dlq');

    // Act
    const alarmProps = props(t.resource(alarm === undefined ? 'none' : t.logicalIdOf(alarm)));

    // Assess
    expect(alarmProps).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'NumberOfMessagesSent',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(), 'QueueName'] } }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: t.logicalIdOf(stack.alarms.topic) }],
      OKActions: [{ Ref: t.logicalIdOf(stack.alarms.topic) }],
    });
  });
});

describe('review function', () => {
  it('runs on arm64 with Node.js 24, traced, for up to two minutes', () => {
    // Prepare / Act
    const fn = props(t.resource(functionId()));

    // Assess
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Runtime).toBe('nodejs24.x');
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Timeout).toBe(120);
    expect(stack.functions.review).toBe(stack.reviews.fn);
  });

  it('retries a failed run twice within three hours, with no destination (its Errors alarm tells ops)', () => {
    // Prepare / Act
    const configs = t
      .resources('AWS::Lambda::EventInvokeConfig')
      .map(([, config]) => props(config))
      .filter((config) => (config.FunctionName as Json).Ref === functionId());

    // Assess
    expect(configs).toEqual([
      {
        FunctionName: { Ref: functionId() },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3 * 3600,
      },
    ]);
  });

  it('may write its logs, trace, use the table with the open and byDay indexes, email and SMS, and nothing else', () => {
    // Prepare
    const logGroup = arnOf(t.logicalIdOf(stack.reviews.fn.logGroup));
    const topic = `<${t.logicalIdOf(stack.messaging.emailTopic)}>`;
    const table = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ];

    // Act
    const grants = grantsOf(t.roleStatements(functionRoleId())).map(
      (grant) => `${grant.effect} ${grant.action} ${grant.resource}`,
    );

    // Assess
    expect(grants.toSorted()).toEqual(
      [
        `Allow logs:CreateLogStream ${logGroup}`,
        `Allow logs:PutLogEvents ${logGroup}`,
        'Allow xray:PutTraceSegments *',
        'Allow xray:PutTelemetryRecords *',
        ...table.map((action) => `Allow ${action} ${tableArn()}`),
        `Allow dynamodb:Query ${tableArn()}/index/${INDEXES.open.name}`,
        `Allow dynamodb:Query ${tableArn()}/index/${INDEXES.byDay.name}`,
        `Allow sns:Publish ${topic}`,
        `Allow sms-voice:SendTextMessage <${stack.getLogicalId(stack.smsSending.configurationSet)}.Arn>`,
      ].toSorted(),
    );
  });

  it('knows the table, the email topic, the links’ base URL and the SMS configuration set, and nothing else', () => {
    // Prepare / Act
    const variables = t.variablesOf(functionId());

    // Assess
    expect(Object.keys(variables).toSorted()).toEqual([
      'EMAIL_TOPIC_ARN',
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'PUBLIC_BASE_URL',
      'SMS_CONFIGURATION_SET',
      'TABLE_NAME',
    ]);
    expect(variables.TABLE_NAME).toEqual({ Ref: t.logicalIdOf(stack.table.table) });
    expect(variables.EMAIL_TOPIC_ARN).toEqual({ Ref: t.logicalIdOf(stack.messaging.emailTopic) });
    expect(render(variables.PUBLIC_BASE_URL)).toBe(
      `https://<${t.logicalIdOf(stack.api.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/v1`,
    );
  });

  it.each(['Errors', 'Throttles'])('raises an alarm on its first %s', (metric) => {
    // Prepare / Act
    const alarms = t
      .resources('AWS::CloudWatch::Alarm')
      .map(([, alarm]) => props(alarm))
      .filter(
        (alarm) =>
          JSON.stringify(alarm.Dimensions) ===
          JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionId() } }]),
      );

    // Assess
    expect(alarms.map((alarm) => alarm.MetricName).toSorted()).toEqual(['Errors', 'Throttles']);
    expect(alarms.find((alarm) => alarm.MetricName === metric)).toMatchObject({
      Namespace: 'AWS/Lambda',
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [{ Ref: t.logicalIdOf(stack.alarms.topic) }],
    });
  });
});
