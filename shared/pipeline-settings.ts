/**
 * Queue and timer settings shared by the CDK stack and the local runner, so local runs retry and
 * dead-letter exactly as the deployed pipeline does.
 */
import type { QueueName } from './ports';

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
} as const;

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
  AcknowledgementsSent: 'AcknowledgementsSent',
  DailyReviewsSent: 'DailyReviewsSent',
} as const;
