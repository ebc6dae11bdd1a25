/**
 * What one use case asks of another, as small interfaces: the services implement them, the
 * composition roots (`functions/*\/handler.ts`, `local/app.ts`) pass them in, and no service imports
 * another service.
 */
import type { FailedHandoff, FailureReport } from '../domain/failures';
import type { Actor, Lead } from '../domain/lead';
import type { DeadlinePayload, FollowUpPayload } from '../domain/timer-payloads';

/** Reporting and closing failed handoffs (`FailureService`). */
export interface FailureReports {
  /** Records the failure; returns the record, or undefined if even that could not be written. */
  report(report: FailureReport): Promise<FailedHandoff | undefined>;
  /** Closes the record; false when it was not open. */
  resolve(id: string, resolution: string): Promise<boolean>;
  /** Closes the record if the lead says it is open: what a worker calls after its work succeeded. */
  resolveIfOpen(lead: Lead, id: string, resolution: string): Promise<void>;
}

export type DeadlineOutcome = 'escalated' | 'renotified' | 'exhausted' | 'no_change';

/** Running acceptance deadlines (`DeadlineService`): for ops retries and the reconciler. */
export interface DeadlineRuns {
  onDeadline(payload: DeadlinePayload): Promise<DeadlineOutcome>;
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
