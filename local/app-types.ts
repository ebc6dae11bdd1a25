/**
 * The local composition root's shapes: its options, the deps every local service runs on, what it
 * returns, and the static API keys the local runner accepts.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PipelineDeps } from '../shared/app/deps';
import type { DispatchRequester } from '../shared/app/dispatch-requester';
import type { FailureService } from '../shared/app/failure-service';
import type { FollowUpTimers } from '../shared/app/follow-up-timers';
import type { LinkIssuer } from '../shared/app/link-issuer';
import type { ReconcilerService } from '../shared/app/reconciler-service';
import type { ReviewService } from '../shared/app/review-service';
import type { MemoryMetricSink } from '../shared/aws/powertools-metrics';
import type { SmsFailureStatus } from '../shared/domain/sms-delivery';
import type { IdSource } from '../shared/ids';
import type { ApiClient, AvailabilityStore, Clock, ConfigSource, FailureStore } from '../shared/ports';
import type { FaultPlan } from './faults';
import type { LocalGateway } from './gateway';
import type { LocalOutbox, LocalSmsSender, OutboxMessage } from './outbox';
import type { LocalQueue, LocalQueues } from './queues';
import type { LocalRuntime } from './runtime';
import type { LocalScheduler } from './scheduler';

/** The keys the local runner accepts, one per source plus ops (printed at start). */
export const LOCAL_KEYS: Readonly<Record<string, ApiClient>> = {
  'local-web-form-key': { keyId: 'local-web-form', scope: 'intake', source: 'web_form' },
  'local-phone-key': { keyId: 'local-phone', scope: 'intake', source: 'phone' },
  'local-ops-key': { keyId: 'local-ops', scope: 'ops' },
};

export interface LocalAppOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Directory with business/roster JSON (default `config`). */
  configDir?: string;
  config?: ConfigSource;
  clock?: Clock;
  ids?: IdSource;
  /** Base URL links point at; settable later (the server's port may only be known after listening). */
  publicBaseUrl?: string;
  /** Make the AWS-facing ports fail (scripted or at random): fault-injection tests. */
  faults?: FaultPlan;
}

/** Everything the local pipeline runs on (the deps of every service, and the collaborators they share). */
export type LocalDeps = PipelineDeps & {
  failures: FailureService;
  failureStore: FailureStore;
  dispatches: DispatchRequester;
  linkIssuer: LinkIssuer;
  followUpTimers: FollowUpTimers;
  /** Who is away (in the table, as on AWS); `config` reads it at every load. */
  availability: AvailabilityStore;
  /** Waits in simulated time while the manual clock advances (see `LocalRuntime.sleep`). */
  sleep: (ms: number) => Promise<void>;
  pacedWaitMs: () => number;
};

export interface LocalApp {
  deps: LocalDeps;
  gateway: LocalGateway;
  runtime: LocalRuntime;
  queues: LocalQueues;
  scheduler: LocalScheduler;
  /** The deadline function's on-failure destination (`deadline-failures`). */
  schedulerDeadLetter: LocalQueue;
  /** Scheduler's own DLQ for invocations it could not deliver (stays empty locally unless a test fills it). */
  schedulerDlq: LocalQueue;
  reconciler: ReconcilerService;
  /** The end-of-day review and weekly report (also run by the runtime at their times). */
  reviews: ReviewService;
  outbox: LocalOutbox;
  sms: LocalSmsSender;
  /**
   * Inbound SMS: `deliver` queues one as AWS would (`POST /_local/sms/inbound`); `report` queues the
   * delivery report of an outbox SMS (`POST /_local/sms/delivery`) and answers its event type.
   */
  smsInbound: {
    deliver(input: { from: string; body: string; to?: string }): string;
    report(message: OutboxMessage, input: { messageId: string; status: SmsFailureStatus }): string;
    queue: LocalQueue;
    deadLetter: LocalQueue;
  };
  metrics: MemoryMetricSink;
  setPublicBaseUrl(url: string): void;
}
