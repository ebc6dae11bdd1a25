/**
 * Failures are visible (docs/product-rules.md §9): alarms on every dead-letter queue, every function and the failure
 * metrics, all notifying the ops topic; one service name for every function; the ops dashboard.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { LeadHandoffStack } from '../../infra/stack';
import { METRICS_NAMESPACE as EMITTED_NAMESPACE } from '../../shared/aws/powertools-metrics';
import { METRICS, METRICS_NAMESPACE, type QueueName, SERVICE_NAME } from '../../shared/settings';
import { type Inspector, inspect, type Json, NO_BUNDLING, props, render } from './support';

let stack: LeadHandoffStack;
let t: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  t = inspect(stack);
});

const dlqOf = (name: QueueName) => t.logicalIdOf(stack.queues.deadLetterQueues[name]);
const topicId = () => t.logicalIdOf(stack.alarms.topic);

/** The seven dead-letter queues, by the name the stack gives them. */
const deadLetterQueues = (): Record<string, string> => ({
  'dispatch-dlq': dlqOf('dispatch'),
  'notify-urgent-dlq': dlqOf('notify-urgent'),
  'notify-standard-dlq': dlqOf('notify-standard'),
  'scheduler-dlq': t.logicalIdOf(stack.timers.deadLetterQueue),
  'deadline-failures': t.logicalIdOf(stack.timers.deadlineFailures),
  'reconciler-schedule-dlq': t.logicalIdOf(stack.recovery.scheduleDeadLetterQueue),
  'review-schedule-dlq': t.logicalIdOf(stack.reviews.scheduleDeadLetterQueue),
  'sms-inbound-dlq': t.logicalIdOf(stack.smsInbound.deadLetterQueue),
});

const alarms = (): Json[] => t.resources('AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));

/** Every app function (the stack has no other: no custom-resource provider since the config seed went). */
const appFunctionIds = (): string[] => Object.values(stack.functions).map((fn) => t.logicalIdOf(fn.fn));

/** `>= 1` in one period, missing data not breaching, notifying the ops topic on ALARM and OK. */
const firesOnFirstOccurrence = () => ({
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
  AlarmActions: [{ Ref: topicId() }],
  OKActions: [{ Ref: topicId() }],
});

/** The queue an SQS alarm watches: its own dimension, or the dimension of the metric its math reads. */
const queueOfAlarm = (alarm: Json): string => {
  const metricDimensions = ((alarm.Metrics ?? []) as Json[]).flatMap(
    (metric) =>
      (((metric.MetricStat as Json | undefined)?.Metric as Json | undefined)?.Dimensions ?? []) as Json[],
  );
  const [dimension] = [...((alarm.Dimensions ?? []) as Json[]), ...metricDimensions];
  return dimension === undefined ? '' : render(dimension.Value);
};

const isSqsAlarm = (alarm: Json): boolean =>
  alarm.Namespace === 'AWS/SQS' ||
  ((alarm.Metrics ?? []) as Json[]).some(
    (metric) =>
      ((metric.MetricStat as Json | undefined)?.Metric as Json | undefined)?.Namespace === 'AWS/SQS',
  );

const alarmsOnQueue = (queueId: string): Json[] =>
  alarms().filter((alarm) => isSqsAlarm(alarm) && queueOfAlarm(alarm) === `<${queueId}.QueueName>`);

const queueDimension = (queueId: string) => [
  { Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } },
];

describe('dead-letter queue alarms', () => {
  it('alarm on exactly the queues that receive failures', () => {
    // Prepare
    const found = t.deadLetterQueueIds();

    // Act
    const alarmed = alarms().filter(isSqsAlarm).map(queueOfAlarm);

    // Assess
    expect([...found].toSorted()).toEqual(Object.values(deadLetterQueues()).toSorted());
    expect(alarmed.toSorted()).toEqual(
      Object.values(deadLetterQueues())
        .map((id) => `<${id}.QueueName>`)
        .toSorted(),
    );
  });

  it.each(['scheduler-dlq', 'deadline-failures', 'reconciler-schedule-dlq', 'review-schedule-dlq'])(
    'fire on the first message sent to %s in a minute and notify the ops topic',
    (name) => {
      // Prepare
      const queueId = deadLetterQueues()[name] ?? '';

      // Act
      const matching = alarmsOnQueue(queueId);

      // Assess
      expect(matching).toEqual([
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'NumberOfMessagesSent',
          Dimensions: queueDimension(queueId),
          Statistic: 'Sum',
          Period: 60,
          DatapointsToAlarm: 1,
          ...firesOnFirstOccurrence(),
        }),
      ]);
      expect(matching[0]).not.toHaveProperty('Metrics');
    },
  );

  it.each(['dispatch-dlq', 'notify-urgent-dlq', 'notify-standard-dlq', 'sms-inbound-dlq'])(
    'fire when the depth of %s grows from one minute to the next (redrive is not counted as sent) and notify the ops topic',
    (name) => {
      // Prepare
      const queueId = deadLetterQueues()[name] ?? '';

      // Act
      const matching = alarmsOnQueue(queueId);

      // Assess
      expect(matching).toEqual([
        expect.objectContaining({
          Metrics: [
            {
              // The id CDK gives the expression is not part of the design.
              Id: expect.any(String),
              Expression: 'DIFF(FILL(depth, 0))',
              Label: 'messages arrived',
              ReturnData: true,
            },
            {
              Id: 'depth',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SQS',
                  MetricName: 'ApproximateNumberOfMessagesVisible',
                  Dimensions: queueDimension(queueId),
                },
                Period: 60,
                Stat: 'Maximum',
              },
              ReturnData: false,
            },
          ],
          DatapointsToAlarm: 1,
          ...firesOnFirstOccurrence(),
        }),
      ]);
      for (const single of ['Namespace', 'MetricName', 'Dimensions', 'Statistic', 'Period']) {
        expect(matching[0]).not.toHaveProperty(single);
      }
    },
  );
});

describe('function alarms', () => {
  it.each(['Errors', 'Throttles'])(
    'alarm on %s of every app function, summed over five minutes',
    (metric) => {
      // Prepare
      const functions = appFunctionIds();

      // Act
      const byFunction = functions.map((id) =>
        alarms().filter(
          (alarm) =>
            alarm.MetricName === metric &&
            JSON.stringify(alarm.Dimensions) ===
              JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]),
        ),
      );

      // Assess
      expect(functions).toHaveLength(13);
      expect(functions).toContain(t.logicalIdOf(stack.reviews.fn.fn));
      for (const matching of byFunction) {
        expect(matching).toEqual([
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Statistic: 'Sum',
            Period: 300,
            ...firesOnFirstOccurrence(),
          }),
        ]);
      }
    },
  );
});

describe('business metric alarms', () => {
  it.each([
    METRICS.UnownedLead,
    METRICS.FailedHandoffs,
    METRICS.DispatchEnqueueFailed,
    METRICS.CustomerSmsBudgetReached,
  ])('alarm on the first %s of the lead-handoff service, summed over five minutes', (metric) => {
    // Prepare / Act
    const matching = alarms().filter((alarm) => alarm.MetricName === metric);

    // Assess
    expect(matching).toEqual([
      expect.objectContaining({
        Namespace: 'LeadHandoff',
        Dimensions: [{ Name: 'service', Value: 'lead-handoff' }],
        Statistic: 'Sum',
        Period: 300,
        ...firesOnFirstOccurrence(),
      }),
    ]);
  });

  it('watch the namespace and service the functions emit with', () => {
    // Prepare / Act
    const emitted = { namespace: EMITTED_NAMESPACE, service: SERVICE_NAME };

    // Assess
    expect(emitted).toEqual({ namespace: METRICS_NAMESPACE, service: 'lead-handoff' });
    expect(METRICS_NAMESPACE).toBe('LeadHandoff');
  });

  it('are the only alarms besides the dead-letter and function alarms', () => {
    // Prepare / Act
    const count = alarms().length;

    // Assess
    expect(count).toBe(8 + 2 * 13 + 4);
  });
});

describe('service name', () => {
  it('is lead-handoff on every app function, so every business metric has the same service dimension', () => {
    // Prepare
    const functions = appFunctionIds();

    // Act
    const services = functions.map((id) => t.variablesOf(id).POWERTOOLS_SERVICE_NAME);

    // Assess
    expect(functions).toHaveLength(13);
    expect(t.resources('AWS::Lambda::Function')).toHaveLength(functions.length);
    expect(services).toEqual(functions.map(() => 'lead-handoff'));
    for (const id of functions) expect(t.variablesOf(id).POWERTOOLS_METRICS_NAMESPACE).toBe('LeadHandoff');
  });
});

/** The confused-deputy guard: CloudWatch acting for an alarm of this stack (`<stack name>-*`) in this account. */
const ourAlarmsOnly = () => ({
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: {
    'aws:SourceArn': {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudwatch:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:alarm:${stack.stackName}-*`,
        ],
      ],
    },
  },
});

describe('ops topic', () => {
  it('is encrypted with a rotated customer managed key that only this stack’s alarms may use through CloudWatch', () => {
    // Prepare
    const topic = props(t.resource(topicId()));
    const keyId = t.logicalIdOf(stack.alarms.key);

    // Act
    const key = props(t.resource(keyId));
    const statements = (key.KeyPolicy as { Statement: Json[] }).Statement;

    // Assess
    expect(topic.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.EnableKeyRotation).toBe(true);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          AWS: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
            ],
          },
        },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: ourAlarmsOnly(),
      },
    ]);
  });

  it('denies publishing without TLS and lets only this stack’s alarms in this account publish', () => {
    // Prepare
    const [policy] = t
      .resources('AWS::SNS::TopicPolicy')
      .map(([, p]) => props(p))
      .filter((p) => (p.Topics as Json[]).some((topic) => topic.Ref === topicId()));

    // Act
    const statements = ((policy?.PolicyDocument ?? { Statement: [] }) as { Statement: Json[] }).Statement;

    // Assess
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topicId() },
        Condition: ourAlarmsOnly(),
      },
    ]);
  });

  it('has no subscription when no ops email is given, and says how to subscribe later', () => {
    // Prepare
    const outputs = t.template.toJSON().Outputs as Record<string, { Description?: string; Value: unknown }>;

    // Act
    const subscriptions = t
      .resources('AWS::SNS::Subscription')
      .map(([, subscription]) => props(subscription))
      .filter((subscription) => (subscription.TopicArn as Json).Ref === topicId());

    // Assess
    expect(subscriptions).toEqual([]);
    expect(outputs.OpsAlarmTopicArn?.Value).toEqual({ Ref: topicId() });
    expect(outputs.OpsAlarmTopicArn?.Description).toContain('aws sns subscribe');
    expect(outputs.OpsAlarmTopicArn?.Description).toContain('opsEmail');
  });

  it('subscribes the ops email when one is given', () => {
    // Prepare
    const { stack: withEmail } = buildApp({ context: { ...NO_BUNDLING, opsEmail: 'ops@example.com' } });
    const built = inspect(withEmail);
    const topic = built.logicalIdOf(withEmail.alarms.topic);

    // Act
    const subscriptions = built
      .resources('AWS::SNS::Subscription')
      .map(([, subscription]) => props(subscription))
      .filter((subscription) => (subscription.TopicArn as Json).Ref === topic);

    // Assess
    expect(subscriptions).toEqual([
      { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topic } },
    ]);
  });
});

describe('dashboard', () => {
  const body = (): string => {
    const dashboards = t.resources('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    return render(props(dashboards[0]?.[1] ?? {}).DashboardBody);
  };
  const widgets = (): Json[] => (JSON.parse(body()) as { widgets: Json[] }).widgets;
  const metricsOf = (widget: Json): unknown[] => ((widget.properties as Json).metrics ?? []) as unknown[];

  it.each([
    METRICS.HandoffsAccepted,
    METRICS.FailedHandoffs,
    METRICS.UnownedLead,
    METRICS.DispatchEnqueueFailed,
  ])('graphs %s of the lead-handoff service', (metric) => {
    // Prepare / Act
    const lines = widgets().flatMap(metricsOf);

    // Assess
    expect(lines).toContainEqual(['LeadHandoff', metric, 'service', 'lead-handoff', expect.any(Object)]);
  });

  it('graphs acceptance latency at p50 and p90', () => {
    // Prepare / Act
    const stats = widgets()
      .flatMap(metricsOf)
      .filter((line) => Array.isArray(line) && line[1] === METRICS.AcceptanceLatency)
      .map((line) => ((line as unknown[]).at(-1) as Json).stat);

    // Assess
    expect(stats).toEqual(['p50', 'p90']);
  });

  it.each([
    [METRICS.LeadsReceived, 'source'],
    [METRICS.HandoffsCreated, 'kind'],
    [METRICS.Escalations, 'step'],
    [METRICS.NotificationsSent, 'channel'],
    [METRICS.NotificationsFailed, 'channel'],
  ])('graphs %s by %s with a search over the service’s metrics', (metric, dimension) => {
    // Prepare / Act
    const expressions = widgets()
      .flatMap(metricsOf)
      .flatMap((line) => (line as Json[]).map((part) => (part as Json).expression))
      .filter((expression) => typeof expression === 'string');

    // Assess
    expect(expressions).toContain(
      `SEARCH('{LeadHandoff,service,${dimension}} service="lead-handoff" MetricName="${metric}"', 'Sum', 300)`,
    );
  });

  it('graphs the depth of every dead-letter queue', () => {
    // Prepare / Act
    const depths = widgets()
      .flatMap(metricsOf)
      .filter((line) => Array.isArray(line) && line[1] === 'ApproximateNumberOfMessagesVisible')
      .map((line) => (line as unknown[])[3]);

    // Assess
    expect(depths.toSorted()).toEqual(
      Object.values(deadLetterQueues())
        .map((id) => `<${id}.QueueName>`)
        .toSorted(),
    );
  });

  it.each(['Errors', 'Throttles'])('graphs %s of every app function', (metric) => {
    // Prepare / Act
    const graphed = widgets()
      .flatMap(metricsOf)
      .filter((line) => Array.isArray(line) && line[0] === 'AWS/Lambda' && line[1] === metric)
      .map((line) => (line as unknown[])[3]);

    // Assess
    expect(graphed.toSorted()).toEqual(
      appFunctionIds()
        .map((id) => `<${id}>`)
        .toSorted(),
    );
  });

  it('explains the retry path and shows every alarm', () => {
    // Prepare / Act
    const [text = {}, status = {}] = widgets();

    // Assess
    const markdown = String((text.properties as Json).markdown);
    expect(markdown).toContain('npm run ops -- failed list');
    expect(markdown).toContain('npm run ops -- failed retry <id>');
    expect(markdown).toContain('npm run ops -- failed retry-all');
    expect(markdown).toContain('POST /ops/failed-handoffs/{id}/retry');
    expect(((status.properties as Json).alarms as unknown[]).length).toBe(alarms().length);
  });
});
