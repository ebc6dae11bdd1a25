/**
 * Settings shared by `infra/` (which builds the resources) and the code (which uses them): names of the
 * service and its metrics, environment variables, the table layout, the queues and their retry
 * settings, the deadline retries and the reconciler's pace. One module, so the stack and the functions
 * cannot drift apart; the local runner reads the same values.
 */
import type { Lane } from './domain/lanes';

// ---- Service and metrics ------------------------------------------------------------------------

/** `POWERTOOLS_SERVICE_NAME` of every function: the `service` dimension of every business metric. */
export const SERVICE_NAME = 'lead-handoff';

/** `POWERTOOLS_METRICS_NAMESPACE` of every function: the CloudWatch namespace of the business metrics. */
export const METRICS_NAMESPACE = 'LeadHandoff';

/** Metric names (namespace `LeadHandoff`), shared by the code that emits them and the alarms/dashboard. */
export const METRICS = {
  LeadsReceived: 'LeadsReceived',
  HandoffsCreated: 'HandoffsCreated',
  HandoffsAccepted: 'HandoffsAccepted',
  AcceptanceLatency: 'AcceptanceLatency',
  Escalations: 'Escalations',
  NotificationsSent: 'NotificationsSent',
  NotificationsFailed: 'NotificationsFailed',
  FailedHandoffs: 'FailedHandoffs',
  UnownedLead: 'UnownedLead',
  DispatchEnqueueFailed: 'DispatchEnqueueFailed',
  ReconcilerRepairs: 'ReconcilerRepairs',
  FollowUpsMissed: 'FollowUpsMissed',
  /** Accepted leads whose next action stayed idle past the grace period (the operations lead was told). */
  IdleNextActions: 'IdleNextActions',
  AcknowledgementsSent: 'AcknowledgementsSent',
  DailyReviewsSent: 'DailyReviewsSent',
  /** A customer SMS was not sent because the day's customer SMS budget was used up (alarmed). */
  CustomerSmsBudgetReached: 'CustomerSmsBudgetReached',
  /** A customer SMS was not sent (dimension `reason`: country, number_type, recently_acknowledged...). */
  CustomerSmsSkipped: 'CustomerSmsSkipped',
  /** A carrier reported one of our SMS undelivered (dimension `status`: CARRIER_UNREACHABLE...). */
  SmsUndelivered: 'SmsUndelivered',
  /** A handoff fell over at once after its SMS failed (dimension `route`: email, escalated). */
  SmsFailovers: 'SmsFailovers',
  /** Delivery reports that are not failures (delivered, queued...): counted, nothing else. */
  SmsDeliveryReports: 'SmsDeliveryReports',
} as const;

// ---- Environment variables ------------------------------------------------------------------------

/**
 * Environment variables: names set by `infra/` and read by `functions/` once per cold start (through
 * `readEnv` of `shared/env.ts`).
 */
export const ENV = {
  TABLE_NAME: 'TABLE_NAME',
  /** API Gateway API keys whose name starts with this prefix belong to this app (`<prefix>.<scope>.<source>`). */
  API_KEY_PREFIX: 'API_KEY_PREFIX',
  /** Comma-separated ids of this app's API Gateway API keys: the only keys the authorizer reads. */
  API_KEY_IDS: 'API_KEY_IDS',
  /** Seconds a cached config (roster, settings) is trusted before it is read again. */
  CONFIG_CACHE_SECONDS: 'CONFIG_CACHE_SECONDS',
  /** Queue URLs, one per `QueueName`. */
  DISPATCH_QUEUE_URL: 'DISPATCH_QUEUE_URL',
  NOTIFY_URGENT_QUEUE_URL: 'NOTIFY_URGENT_QUEUE_URL',
  NOTIFY_STANDARD_QUEUE_URL: 'NOTIFY_STANDARD_QUEUE_URL',
  /** EventBridge Scheduler: the app's own schedule group, the role it invokes with, the target and its DLQ. */
  SCHEDULE_GROUP: 'SCHEDULE_GROUP',
  SCHEDULER_ROLE_ARN: 'SCHEDULER_ROLE_ARN',
  DEADLINE_FUNCTION_ARN: 'DEADLINE_FUNCTION_ARN',
  SCHEDULER_DLQ_ARN: 'SCHEDULER_DLQ_ARN',
  /** SNS topic for email; each person's subscription filters on the `recipientId` message attribute. */
  EMAIL_TOPIC_ARN: 'EMAIL_TOPIC_ARN',
  /** The origination number SMS are sent from: its ARN in AWS End User Messaging SMS. */
  SMS_ORIGINATION_IDENTITY: 'SMS_ORIGINATION_IDENTITY',
  /** The End User Messaging SMS configuration set SMS are sent with (its event destination: delivery reports). */
  SMS_CONFIGURATION_SET: 'SMS_CONFIGURATION_SET',
  /** Base URL of the API (links are `<base>/h/<token>`). */
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL',
  /** The Secrets Manager secret holding every lead source connector's credentials (JSON by connector name). */
  CONNECTORS_SECRET_ARN: 'CONNECTORS_SECRET_ARN',
  /** The failure queues the reconciler reads: the deadline function's on-failure destination and Scheduler's DLQ. */
  DEADLINE_FAILURES_QUEUE_URL: 'DEADLINE_FAILURES_QUEUE_URL',
  SCHEDULER_DLQ_URL: 'SCHEDULER_DLQ_URL',
  /** JSON `{"<queue name>": {"deadLetterArn": "...", "sourceArn": "..."}}` for the queues ops may redrive. */
  REDRIVE_QUEUES: 'REDRIVE_QUEUES',
} as const;

// ---- Table layout ------------------------------------------------------------------------------------

/**
 * The single-table layout, shared by the CDK table (`infra/`), the local runner's embedded table and
 * the store adapter, so the three cannot drift.
 *
 * | item            | PK                     | SK                 | notes                                   |
 * | --------------- | ---------------------- | ------------------ | --------------------------------------- |
 * | lead            | `LEAD#<leadId>`        | `LEAD`             | carries current handoff and timeline    |
 * | phone marker    | `PHONE#<e164>`         | `OPEN_LEAD`        | the lead a phone attaches to, TTL `ttl` |
 * | idempotency     | `idempotency#<fn>`     | `<hash>`           | Powertools Idempotency, TTL `ttl`       |
 * | config          | `CONFIG`               | `CURRENT`          | business settings + roster as JSON      |
 * | away            | `CONFIG`               | `AWAY`             | who is away until when: `away#<id>` each |
 * | link token      | `TOKEN#<sha256>`       | `TOKEN`            | a handoff link (hash only), TTL `ttl`   |
 * | SMS pacer       | `PACER#sms-standard`   | `PACER`            | standard-lane send slots per window     |
 * | sign-in link    | `SIGNIN#<sha256>`      | `SIGNIN`           | board sign-in link (hash only), TTL     |
 * | session         | `SESSION#<sha256>`     | `SESSION`          | a board session (hash only), TTL        |
 * | request count   | `SIGNIN_RATE#<sha256>` | `<window start>`   | sign-in requests per window, TTL        |
 * | SMS opt-out     | `SMSOPT#<sha256>`      | `SMSOPT`           | `optedOut` after STOP / START           |
 * | unknown SMS     | `SMSIN#UNKNOWN`        | `<at>#<messageId>` | an inbound SMS for ops, TTL `ttl`       |
 * | unknown answer  | `SMSIN#<sha256>`       | `<local day>`      | answered once a day, TTL `ttl`          |
 *
 * Indexes (sparse where noted), so that the questions the product asks are queries, never a Scan. Each
 * name carries a version (`open-v1`): DynamoDB cannot change a deployed index's projection, so a
 * changed projection is a new index under the next version (docs/operations.md, "Changing an index").
 * - `byPhone`  (`gsi1pk = PHONE#<e164>`, `gsi1sk = createdAt`): leads by phone since a time (intake's
 *   24-hour rule reads the phone marker instead: an index read is only eventually consistent).
 * - `open`     (`gsi2pk = OPEN`, `gsi2sk = <dueAt>#<leadId>`), sparse: only leads not closed; "open
 *   handoffs due before T", capacity and round-robin, daily review, reconciler.
 * - `byDay`    (`gsi3pk = DAY#<YYYY-MM-DD UTC>`, `gsi3sk = createdAt#leadId`): reports by period.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;
export const TTL_ATTRIBUTE = 'ttl';

/** The one config item: business settings and roster, seeded on deploy and changeable by ops. */
export const CONFIG_KEY = { [TABLE_KEYS.partitionKey]: 'CONFIG', [TABLE_KEYS.sortKey]: 'CURRENT' } as const;

/**
 * The one item of who is away (docs/product-rules.md §12), beside the config it is merged into: one
 * attribute per away person, so each is set or cleared by its own `UpdateItem` and read with one `GetItem`.
 */
export const AWAY_KEY = { [TABLE_KEYS.partitionKey]: 'CONFIG', [TABLE_KEYS.sortKey]: 'AWAY' } as const;

/**
 * Seconds a function trusts the away item it read (the one that wrote it reads afresh): an `AWAY` or
 * `BACK` reaches every routing decision within this long, at one `GetItem` per warm function per period.
 */
export const AWAY_CACHE_SECONDS = 10;

export interface IndexDesign {
  /** `<purpose>-v<version>`: a new projection or key is a new version, never an edit of a deployed one. */
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Non-key attributes copied into the index (INCLUDE projection). */
  include: string[];
}

export const INDEXES = {
  byPhone: {
    name: 'byPhone-v1',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    include: ['status', 'createdAt'],
  },
  open: {
    name: 'open-v1',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    include: [
      'status',
      'assigneeId',
      'assignedAt',
      'dueAt',
      'handoffSeq',
      'handoffState',
      'dispatch',
      'timerAt',
    ],
  },
  byDay: { name: 'byDay-v1', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: ['status', 'createdAt'] },
} as const satisfies Record<string, IndexDesign>;

/**
 * Index versions the deployed table builds but the functions do not read: the next version of an
 * `INDEXES` entry while it fills. Empty except between the two deploys of a change
 * (docs/operations.md, "Changing an index").
 */
export const TRANSITION_INDEXES: readonly IndexDesign[] = [];

// ---- Queues ------------------------------------------------------------------------------------------

/** The queues of the pipeline (SQS on AWS). Each has a dead-letter queue. */
export const QUEUES = ['dispatch', 'notify-urgent', 'notify-standard'] as const;
export type QueueName = (typeof QUEUES)[number];

/** The notification queue of each lane: urgent work never waits behind standard messages. */
export const NOTIFY_QUEUES: Readonly<Record<Lane, QueueName>> = {
  urgent: 'notify-urgent',
  standard: 'notify-standard',
};

/** Dead-letter queues whose messages are not retried by redrive but read into failure records. */
export const FAILURE_QUEUES = ['deadline-failures', 'scheduler-dlq'] as const;
export type FailureQueueName = (typeof FAILURE_QUEUES)[number];

export interface QueueSettings {
  /** At least six times the consumer function's timeout (AWS's guidance for Lambda consumers). */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
  /** Records per consumer invocation. */
  batchSize: number;
  /** Concurrent consumer invocations (2 to 1000); no cap when undefined. */
  maxConcurrency?: number;
}

/**
 * Dispatch fails fast (a timer that cannot be created is a failed handoff ops must see); urgent
 * notifications get a few more tries; standard ones are paced and throttled on purpose, so many
 * receives are normal before anyone calls it a failure, and the lane is capped at two consumers.
 */
export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  dispatch: { visibilityTimeoutSeconds: 180, maxReceiveCount: 5, batchSize: 10 },
  'notify-urgent': { visibilityTimeoutSeconds: 60, maxReceiveCount: 8, batchSize: 5 },
  'notify-standard': { visibilityTimeoutSeconds: 60, maxReceiveCount: 30, batchSize: 1, maxConcurrency: 2 },
};

/**
 * Inbound SMS (AWS End User Messaging two-way → SNS → this queue → `sms-inbound`), apart from the
 * pipeline's queues: it carries SNS notifications, not `QueueMessage`s. A reply is a few reads and one
 * write: a short visibility timeout, a few receives before its dead-letter queue.
 */
export const SMS_INBOUND_QUEUE = {
  name: 'sms-inbound',
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  batchSize: 10,
} as const;

/**
 * Deadline invocations: EventBridge Scheduler's retry policy (for delivering the invocation), then
 * Lambda's asynchronous retries of a failing deadline function, then its on-failure destination.
 */
export const DEADLINE_RETRY = {
  schedulerMaxRetries: 20,
  schedulerMaxEventAgeSeconds: 3600,
  lambdaAsyncRetries: 2,
  lambdaMaxEventAgeSeconds: 6 * 3600,
  /** Lambda waits about a minute before its first asynchronous retry. */
  lambdaRetryDelaySeconds: 60,
} as const;

/** The reconciler: how often it runs, and how late something must be before it repairs it. */
export const RECONCILER = {
  everyMinutes: 5,
  /** A dispatch still pending this long after its handoff was created is re-queued. */
  dispatchGraceSeconds: 120,
  /** ...and recorded as a failed handoff when it is this late. */
  dispatchFailureSeconds: 900,
  /** An acceptance deadline this far in the past without escalation means its timer was lost. */
  deadlineGraceSeconds: 120,
  /** Most leads looked at per run (the rest wait for the next run). */
  maxLeadsPerRun: 500,
  /** Most failure-queue messages turned into records per run. */
  maxDeadLettersPerRun: 500,
  /**
   * How often a run also sweeps the failed list for records whose cause has gone (a backstop: an
   * acceptance and the lead card resolve theirs at once). A multiple of `everyMinutes`.
   */
  staleSweepEveryMinutes: 60,
} as const;

// ---- The board: sign-in and sessions ---------------------------------------------------------------

/**
 * The board (docs/product-rules.md §8, §10): signing in with one-time links to a roster person's own
 * phone or email, sessions in the table, rate limits on link requests, and how its lists page. Shared by
 * the board function, the leads API, the notifier and the local runner.
 */
export const BOARD = {
  /** A sign-in link works this long, once. */
  signInLinkMinutes: 15,
  /** A session lasts this long (its item is deleted on sign-out, and by TTL after it ends). */
  sessionHours: 12,
  /** Sign-in link requests allowed per person and per typed address in one window... */
  signInRequestsPerWindow: 5,
  /** ...of this many minutes. */
  signInWindowMinutes: 15,
  /** The session cookie: `__Host-` pins it to this host, path `/`, Secure. */
  sessionCookie: '__Host-lh_session',
  /** The local runner's cookie over plain http (a `__Host-` cookie must be Secure). */
  localSessionCookie: 'lh_session',
  /** Entries read per `open` index page for the board's lists (followed by its cursor). */
  openPageSize: 100,
  /** Rows per page of a board view, and items per page of `GET /leads`. */
  pageSize: 25,
  /** The board's pages reload themselves this often (seconds). */
  refreshSeconds: 60,
} as const;
