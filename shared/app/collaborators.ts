/**
 * What one use case asks of another, as small interfaces: the services implement them, the
 * composition roots (`functions/*\/handler.ts`, `local/app.ts`) pass them in, and no service imports
 * another service.
 */
import type { FailedHandoff, FailureReport } from '../domain/failures';
import type { Actor, Lead } from '../domain/lead';
import type { FollowUpPayload, HandoffTimerPayload, IdlePayload } from '../domain/timer-payloads';

/** Reporting and closing failed handoffs (`FailureService`). */
export interface FailureReports {
  /** Records the failure; returns the record, or undefined if even that could not be written. */
  report(report: FailureReport): Promise<FailedHandoff | undefined>;
  /** Closes the record; false when it was not open. */
  resolve(id: string, resolution: string): Promise<boolean>;
  /** Closes the record if the lead says it is open: what a worker calls after its work succeeded. */
  resolveIfOpen(lead: Lead, id: string, resolution: string): Promise<void>;
  /** Closes the lead's open records whose cause has gone (`staleReason`); returns how many it closed. */
  resolveStale(lead: Lead): Promise<number>;
  /** Walks the open records and closes those whose cause has gone (the reconciler's sweep). */
  sweepStale(): Promise<number>;
}

export type DeadlineOutcome = 'escalated' | 'renotified' | 'exhausted' | 'started' | 'no_change';

/** Running acceptance deadlines (`DeadlineService`): for ops retries and the reconciler. */
export interface DeadlineRuns {
  /** A handoff's deadline passed, or (a held handoff) its start came: either timer of the handoff. */
  onDeadline(payload: HandoffTimerPayload): Promise<DeadlineOutcome>;
  restartLadder(leadId: string, seq: number): Promise<'restarted' | 'no_change'>;
}

export type FollowUpOutcome = 'reminded' | 'missed' | 'no_change';

/** Running a follow-up timer (`FollowUpService`): for ops retries and the reconciler. */
export interface FollowUpRuns {
  onTimer(payload: FollowUpPayload): Promise<FollowUpOutcome>;
}

/** Completing, correcting and transferring a lead (`LeadsService`): for the board's actions. */
export interface LeadRepairs {
  update(id: string, body: unknown, actor: Actor): Promise<Lead>;
  transfer(id: string, body: unknown, actor: Actor): Promise<Lead>;
}

/** Retrying failed handoffs (`OpsService`): for the board's Retry and Retry all buttons. */
export interface FailedHandoffRetries {
  retry(id: string): Promise<{ id: string; outcome: string }>;
  retryAll(
    cursor?: string,
  ): Promise<{ results: readonly { id: string; outcome: string }[]; cursor?: string }>;
}

export type IdleOutcome = 'reminded' | 'escalated' | 'no_change';

/** Running an idle next-action timer (`IdleService`): for the reconciler. */
export interface IdleRuns {
  onTimer(payload: IdlePayload): Promise<IdleOutcome>;
}

/**
 * What a failover did: emailed the person, handed the lead to the next step, nothing (moved on), or
 * (`FailoverRequests`) queued it for the dispatcher.
 */
export type FailoverOutcome = 'email' | 'escalated' | 'no_change' | 'queued';

/**
 * A handoff request's SMS did not reach its recipient: the send failed for good, or the carrier reported
 * it undelivered. `HandoffFailover` falls over; `FailoverRequests` queues that for the dispatcher (what
 * the notifier and the delivery reports use on AWS, so neither carries the routing code).
 */
export interface SmsFailovers {
  /** Falls over at once if step `seq` still waits on the person; `why` is the failure in words. */
  afterSmsFailure(
    failed: { leadId: string; seq: number; recipientId: string },
    why: string,
  ): Promise<FailoverOutcome>;
}
