import { Duration, Stack } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTES } from '../../shared/http/routes';
import { METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/settings';
import { businessMetric, RETRY_COMMANDS } from './ops-alarms';

/** The period of every graph: the alarms' business-metric period. */
const PERIOD = Duration.minutes(5);

/**
 * The `metric` split by the values of `dimension` (`LeadsReceived` by `source`...): a CloudWatch SEARCH
 * over the metrics of this service that have exactly that extra dimension, one line per value.
 */
export const metricBy = (metric: string, dimension: string, statistic = 'Sum'): MathExpression =>
  new MathExpression({
    expression:
      `SEARCH('{${METRICS_NAMESPACE},service,${dimension}} service="${SERVICE_NAME}" ` +
      `MetricName="${metric}"', '${statistic}', ${PERIOD.toSeconds()})`,
    label: `${metric} \${PROP('Dim.${dimension}')}`,
    period: PERIOD,
  });

/** The markdown at the top of the dashboard: what a failure looks like and how ops recovers it. */
export const RETRY_PATH_MARKDOWN = [
  '## Failed handoffs: how to recover',
  'A step that could not complete (a notification, a timer, a dispatch, a deadline, a ladder that ran out) ' +
    'is recorded as a **failed handoff** with the lead, the step and the reason, and raises an alarm. ' +
    'The reconciler re-queues stuck dispatches and records what lands on the scheduler and deadline ' +
    'dead-letter queues every few minutes; the rest waits for ops:',
  RETRY_COMMANDS.map((command) => `* \`${command}\``).join('\n'),
  `Over HTTP with the ops key (header \`x-api-key\`): ${ROUTES.filter((route) =>
    route.path.startsWith('/ops/'),
  )
    .map((route) => `\`${route.method} ${route.path}\``)
    .join(', ')}. A retry puts the work back into the pipeline, and pipeline dead-letter queues are ` +
    'redriven to their queues.',
].join('\n\n');

/** What the dashboard shows. */
export interface OpsDashboardProps {
  deadLetterQueues: Readonly<Record<string, IQueue>>;
  functions: Readonly<Record<string, IFunction>>;
  alarms: readonly Alarm[];
}

/**
 * The ops dashboard (docs/product-rules.md §8, §9): the retry path, every alarm's state, the business numbers (leads,
 * handoffs created and accepted, acceptance latency p50/p90, escalations by step, notifications by
 * channel, failed handoffs, unowned leads), the depth of every dead-letter queue, and the errors and
 * throttles of every function.
 */
export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, { deadLetterQueues, functions, alarms }: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], width = 8): IWidget =>
      new GraphWidget({ title, left, width, height: 6, period: PERIOD });
    const named = <T>(items: Readonly<Record<string, T>>) => Object.entries(items);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(1),
      widgets: [
        [new TextWidget({ markdown: RETRY_PATH_MARKDOWN, width: 24, height: 5 })],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24, height: 4 })],
        [
          graph('Leads received by source', [metricBy(METRICS.LeadsReceived, 'source')]),
          graph('Handoffs created (by kind) and accepted', [
            metricBy(METRICS.HandoffsCreated, 'kind'),
            businessMetric(METRICS.HandoffsAccepted).with({ label: METRICS.HandoffsAccepted }),
          ]),
          graph('Acceptance latency (seconds)', [
            businessMetric(METRICS.AcceptanceLatency, Stats.p(50)).with({ label: 'p50' }),
            businessMetric(METRICS.AcceptanceLatency, Stats.p(90)).with({ label: 'p90' }),
          ]),
        ],
        [
          graph('Escalations by step', [metricBy(METRICS.Escalations, 'step')]),
          graph('Notifications sent and failed, by channel', [
            metricBy(METRICS.NotificationsSent, 'channel'),
            metricBy(METRICS.NotificationsFailed, 'channel'),
          ]),
          graph(
            'Failed handoffs, unowned leads, dispatch enqueue failures',
            [METRICS.FailedHandoffs, METRICS.UnownedLead, METRICS.DispatchEnqueueFailed].map((name) =>
              businessMetric(name).with({ label: name }),
            ),
          ),
        ],
        [
          graph(
            'After acceptance: acknowledgements, missed follow-ups, idle next actions, end-of-day reviews',
            [
              METRICS.AcknowledgementsSent,
              METRICS.FollowUpsMissed,
              METRICS.IdleNextActions,
              METRICS.DailyReviewsSent,
            ].map((name) => businessMetric(name).with({ label: name })),
            24,
          ),
        ],
        [
          graph(
            'Dead-letter queue depth (messages visible)',
            named(deadLetterQueues).map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, label: name }),
            ),
            24,
          ),
        ],
        [
          graph(
            'Function errors',
            named(functions).map(([name, fn]) => fn.metricErrors({ statistic: Stats.SUM, label: name })),
            12,
          ),
          graph(
            'Function throttles',
            named(functions).map(([name, fn]) => fn.metricThrottles({ statistic: Stats.SUM, label: name })),
            12,
          ),
        ],
      ],
    });
  }
}
