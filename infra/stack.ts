import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ENV, INDEXES, QUEUES } from '../shared/settings';
import type { DeployConfig } from './config';
import { pascalCase } from './constructs/api-keys';
import { HandoffMessaging } from './constructs/handoff-messaging';
import { HandoffTimers } from './constructs/handoff-timers';
import { LeadHandoffApi } from './constructs/lead-handoff-api';
import { LeadHandoffFunction } from './constructs/lead-handoff-function';
import { LeadSources } from './constructs/lead-sources';
import { LeadTable } from './constructs/lead-table';
import { OpsAlarms, type WatchedDeadLetterQueue } from './constructs/ops-alarms';
import { OpsDashboard } from './constructs/ops-dashboard';
import { PipelineQueues } from './constructs/pipeline-queues';
import { OPS_TIMEOUT, Recovery } from './constructs/recovery';
import { Reviews } from './constructs/reviews';
import { SmsInbound } from './constructs/sms-inbound';
import { SmsSending } from './constructs/sms-sending';

/** The app's functions, by their folder under `functions/`. */
export type AppFunctionName =
  | 'authorizer'
  | 'intake'
  | 'leads'
  | 'dispatcher'
  | 'notifier'
  | 'deadline'
  | 'links'
  | 'board'
  | 'hooks'
  | 'ops'
  | 'reconciler'
  | 'review'
  | 'sms-inbound';

/** The validated deploy settings. */
export interface LeadHandoffStackProps extends StackProps {
  config: DeployConfig;
}

/**
 * Lead Handoff: the lead table (its config is pushed after deploy), the intake/leads functions and their
 * REST API behind a REQUEST authorizer with per-source API keys, and the handoff pipeline:
 * intake/leads/deadline/links → `dispatch` queue → dispatcher (creates the acceptance timer, queues the
 * notifications) → `notify-urgent` / `notify-standard` → notifier (SMS, email with the link) → links
 * (accept/reject, cancels the timer); a timer that fires runs the deadline function (escalation).
 * Failures are visible and recoverable: alarms on every dead-letter queue, every function and the
 * failure metrics notify the ops topic; a dashboard graphs them; the ops function (behind `/ops/...`)
 * lists and retries failed handoffs; the reconciler repairs what fell through every few minutes.
 * Environment-agnostic: deploys to whatever account and region the CLI credentials point at.
 */
export class LeadHandoffStack extends Stack {
  readonly table: LeadTable;
  readonly leadSources: LeadSources;
  readonly api: LeadHandoffApi;
  readonly functions: Readonly<Record<AppFunctionName, LeadHandoffFunction>>;
  readonly queues: PipelineQueues;
  readonly timers: HandoffTimers;
  readonly messaging: HandoffMessaging;
  readonly smsInbound: SmsInbound;
  readonly smsSending: SmsSending;
  readonly recovery: Recovery;
  readonly reviews: Reviews;
  readonly alarms: OpsAlarms;
  /** Undefined when deployed with `-c dashboard=false`. */
  readonly dashboard: OpsDashboard | undefined;

  constructor(scope: Construct, id: string, props: LeadHandoffStackProps) {
    super(scope, id, props);
    const { config } = props;

    // Nothing is seeded: the roster (people's phones and emails) is pushed after deploy, never templated.
    this.table = new LeadTable(this, 'Leads');

    const authorizer = new LeadHandoffFunction(this, 'Authorizer', {
      name: 'authorizer',
      timeout: Duration.seconds(5),
    });
    const intake = new LeadHandoffFunction(this, 'Intake', { name: 'intake' });
    // Writes leads, phone markers and Powertools Idempotency records (get, put, update, delete); queries
    // only `open` (routing: capacity, round-robin). The same-phone rule reads the marker, not `byPhone`.
    intake.bindTable({ table: this.table.table, accessMode: 'readWrite', indexNames: [INDEXES.open.name] });
    const leads = new LeadHandoffFunction(this, 'LeadsFn', { name: 'leads' });
    leads.bindTable({ table: this.table.table, accessMode: 'readWrite' });

    // Pipeline workers. Only routing (capacity, round-robin) queries an index: the deadline function
    // (escalation), the dispatcher (a failed handoff SMS falls over to the next step) and links (a
    // rejection goes back to intake) query `open`; the others query none.
    const dispatcher = new LeadHandoffFunction(this, 'Dispatcher', {
      name: 'dispatcher',
      timeout: Duration.seconds(30),
    });
    dispatcher.bindTable({
      table: this.table.table,
      accessMode: 'readWrite',
      indexNames: [INDEXES.open.name],
    });
    const notifier = new LeadHandoffFunction(this, 'Notifier', {
      name: 'notifier',
      timeout: Duration.seconds(10),
    });
    notifier.bindTable({ table: this.table.table, accessMode: 'readWrite', indexNames: [] });
    const deadline = new LeadHandoffFunction(this, 'Deadline', {
      name: 'deadline',
      timeout: Duration.seconds(30),
    });
    deadline.bindTable({ table: this.table.table, accessMode: 'readWrite', indexNames: [INDEXES.open.name] });
    const links = new LeadHandoffFunction(this, 'Links', { name: 'links' });
    links.bindTable({ table: this.table.table, accessMode: 'readWrite', indexNames: [INDEXES.open.name] });

    // The board and its sign-in: sessions, sign-in links and request counters are items of the table;
    // the board lists open leads and failed handoffs through `open` and finds leads by phone through
    // `byPhone`; a sign-in link is queued for the notifier to send. Its actions are the ops API's use
    // cases: completing or transferring a lead queues a dispatch, and Retry / Retry all put the work back
    // on the pipeline queues and redrive their dead-letter queues, as `/ops/failed-handoffs/...` does; a
    // close deletes the timers it supersedes.
    const board = new LeadHandoffFunction(this, 'Board', { name: 'board', timeout: OPS_TIMEOUT });
    board.bindTable({
      table: this.table.table,
      accessMode: 'readWrite',
      indexNames: [INDEXES.open.name, INDEXES.byPhone.name],
    });

    // Lead source webhooks capture leads as intake does; their credentials are in one secret.
    this.leadSources = new LeadSources(this, 'LeadSources', { table: this.table.table });
    const hooks = this.leadSources.fn;

    this.queues = new PipelineQueues(this, 'Queues');
    this.queues.grantRedrive(board, ...QUEUES);
    for (const fn of [intake, hooks, leads, deadline, links]) this.queues.grantSend(fn, 'dispatch');
    this.queues.grantSend(dispatcher, 'dispatch', 'notify-urgent', 'notify-standard');
    this.queues.addConsumer(dispatcher, 'dispatch');
    // The urgent lane is never capped; the standard lane runs at most two at a time (the minimum),
    // paced below the SMS rate so urgent messages always find a free send slot (QUEUE_SETTINGS).
    this.queues.addConsumer(notifier, 'notify-urgent');
    this.queues.addConsumer(notifier, 'notify-standard');
    // A handoff SMS that failed for good falls over at once: the notifier asks the dispatcher, which
    // routes the next step (the `open` index) and queues its dispatch, or the person's email (§12).
    this.queues.grantSend(notifier, 'dispatch');

    this.timers = new HandoffTimers(this, 'Timers', { groupName: config.scheduleGroupName, deadline });
    this.timers.grantDelete(board);
    this.timers.grantCreateAndDelete(dispatcher);
    // Links create and delete follow-up and idle next-action timers; firing ones (deadline) never creates any.
    this.timers.grantCreateAndDelete(links);
    // A follow-up reminder or missed notice, an idle next-action reminder or notice: the standard lane.
    this.queues.grantSend(deadline, 'notify-standard');
    // An acceptance tells the others of its chain who took the lead, on the lane of the lead's ladder.
    this.queues.grantSend(links, 'notify-urgent', 'notify-standard');

    // Failures made recoverable: the ops API function and the recurring reconciler.
    this.recovery = new Recovery(this, 'Recovery', {
      table: this.table.table,
      queues: this.queues,
      timers: this.timers,
    });
    const { ops, reconciler } = this.recovery;
    this.queues.grantSend(reconciler, 'notify-standard');

    // The SOP after acceptance: the end-of-day review at closing time and the weekly numbers.
    this.reviews = new Reviews(this, 'Reviews', {
      table: this.table.table,
      business: config.business,
    });
    const review = this.reviews.fn;

    // Texts to the origination number (accept by reply code, STOP/START/HELP) and the carriers' delivery
    // reports of our SMS (a failure falls over at once): docs/product-rules.md §12.
    this.smsInbound = new SmsInbound(this, 'SmsInbound', { table: this.table.table });
    const smsInbound = this.smsInbound.fn;
    // Accept and send back as the links do: timers, the dispatch and notification queues.
    this.timers.grantCreateAndDelete(smsInbound);
    this.queues.grantSend(smsInbound, 'dispatch', 'notify-urgent', 'notify-standard');
    this.functions = {
      authorizer,
      intake,
      leads,
      dispatcher,
      notifier,
      deadline,
      links,
      board,
      hooks,
      ops,
      reconciler,
      review,
      'sms-inbound': smsInbound,
    };

    // Email through SNS; SMS through End User Messaging SMS with the configuration set whose event
    // destination (the inbound SMS topic) carries the delivery reports back.
    this.messaging = new HandoffMessaging(this, 'Messaging');
    this.messaging.bindEmailSender(notifier);
    this.messaging.bindEmailSender(review);
    this.smsSending = new SmsSending(this, 'SmsSending', {
      eventTopic: this.smsInbound.topic,
      ...(config.smsOriginationNumberId === undefined
        ? {}
        : { originationNumberId: config.smsOriginationNumberId }),
    });
    for (const fn of [notifier, review, smsInbound]) this.smsSending.grantSend(fn);

    this.api = new LeadHandoffApi(this, 'Api', {
      apiKeyPrefix: config.apiKeyPrefix,
      sources: config.sources,
      authorizer,
      functions: {
        intake: intake.fn,
        leads: leads.fn,
        links: links.fn,
        ops: ops.fn,
        board: board.fn,
        hooks: hooks.fn,
      },
      cloudWatchRole: config.apiGatewayCloudWatchRole,
      waf: config.waf,
    });
    // Not an API integration, so no dependency cycle: the notifier only needs the URL links start with.
    notifier.fn.addEnvironment(ENV.PUBLIC_BASE_URL, this.api.publicBaseUrl);
    hooks.fn.addEnvironment(ENV.PUBLIC_BASE_URL, this.api.publicBaseUrl);
    review.fn.addEnvironment(ENV.PUBLIC_BASE_URL, this.api.publicBaseUrl);

    // Failures made visible: every dead-letter queue and every function is alarmed on and graphed.
    const watched: Record<string, WatchedDeadLetterQueue> = {
      ...Object.fromEntries(
        QUEUES.map((name) => [`${name}-dlq`, { queue: this.queues.deadLetterQueues[name], feed: 'redrive' }]),
      ),
      'scheduler-dlq': { queue: this.timers.deadLetterQueue, feed: 'sent' },
      'deadline-failures': { queue: this.timers.deadlineFailures, feed: 'sent' },
      'reconciler-schedule-dlq': { queue: this.recovery.scheduleDeadLetterQueue, feed: 'sent' },
      'review-schedule-dlq': { queue: this.reviews.scheduleDeadLetterQueue, feed: 'sent' },
      'sms-inbound-dlq': { queue: this.smsInbound.deadLetterQueue, feed: 'redrive' },
    };
    const deadLetterQueues = Object.fromEntries(
      Object.entries(watched).map(([name, { queue }]) => [name, queue]),
    );
    const functions = Object.fromEntries(Object.entries(this.functions).map(([name, fn]) => [name, fn.fn]));
    this.alarms = new OpsAlarms(this, 'Alarms', {
      deadLetterQueues: watched,
      functions: config.functionAlarms ? functions : {},
      ...(config.opsEmail === undefined ? {} : { opsEmail: config.opsEmail }),
    });
    this.dashboard = config.dashboard
      ? new OpsDashboard(this, 'Dashboard', { deadLetterQueues, functions, alarms: this.alarms.alarms })
      : undefined;

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API (stage v1)' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    const howToRead = 'read the value with: aws apigateway get-api-key --include-value --api-key <id>';
    for (const [source, key] of this.api.keys.intakeKeys) {
      new CfnOutput(this, `IntakeApiKeyId${pascalCase(source)}`, {
        value: key.keyId,
        description: `Id of the intake API key for source ${source}; ${howToRead}`,
      });
    }
    new CfnOutput(this, 'OpsAlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description:
        'Every alarm notifies this topic. Subscribe an address with: aws sns subscribe --protocol email ' +
        '--topic-arn <this ARN> --notification-endpoint <email> (or deploy with -c opsEmail=<email>), then ' +
        'confirm from the email SNS sends',
    });
    new CfnOutput(this, 'InboundSmsTopicArn', {
      value: this.smsInbound.topic.topicArn,
      description:
        'Turn on two-way SMS on the origination number with this topic as its destination (docs/operations.md, Two-way SMS); the delivery reports of the configuration set arrive here too',
    });
    new CfnOutput(this, 'SmsConfigurationSetName', {
      value: this.smsSending.configurationSetName,
      description:
        'SMS are sent with this configuration set; its event destination reports failed deliveries',
    });
    if (config.smsOriginationNumberId !== undefined) {
      new CfnOutput(this, 'SmsOriginationNumberId', {
        value: config.smsOriginationNumberId,
        description: 'The origination number SMS are sent from (npm run doctor checks its two-way settings)',
      });
    }
    new CfnOutput(this, 'EmailTopicArn', {
      value: this.messaging.emailTopic.topicArn,
      description:
        'Handoff emails are published here. After each roster push, subscribe each roster email: aws sns subscribe ' +
        '--topic-arn <this ARN> --protocol email --notification-endpoint <email> with the filter policy ' +
        '{"recipientId":["<person id>"]}, then confirm it (docs/operations.md, Email)',
    });
    if (this.dashboard)
      new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
    new CfnOutput(this, 'ConnectorSecretArn', {
      value: this.leadSources.secret.secretArn,
      description:
        "Put each lead source's credentials here as JSON keyed by connector name (docs/connectors.md): " +
        'aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string file://connectors.json',
    });
    new CfnOutput(this, 'OpsApiKeyId', {
      value: this.api.keys.opsKey.keyId,
      description: `Id of the ops API key; ${howToRead}`,
    });
  }
}
