/**
 * Failed handoffs: any step that could not complete — a notification that could not be
 * delivered, a timer that could not be created, a dispatch or a deadline that kept failing, a ladder
 * that ran out. Each is recorded with the lead, the step and the reason, shown on the lead's timeline,
 * alarmed on, and can be retried (one, or all). A record's id is deterministic, so the same failure
 * seen twice is one record with more attempts.
 */
import type { FollowUpRef } from './contact-log';
import type { Channel, NotificationPurpose } from './notification-state';

export const FAILURE_KINDS = [
  'notification',
  'timer',
  'dispatch',
  'deadline',
  'unowned',
  'unmapped',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** How a failure is retried: put the same work back into the pipeline. */
export type RetryAction =
  | {
      type: 'notify';
      leadId: string;
      seq: number;
      recipientId: string;
      channel: Channel;
      purpose: NotificationPurpose;
      followUp?: FollowUpRef;
      idleRound?: number;
    }
  | { type: 'dispatch'; leadId: string; seq: number }
  | { type: 'follow_up'; leadId: string; seq: number; sequence: number; n: number; step: 'remind' | 'due' }
  | { type: 'deadline'; leadId: string; seq: number }
  | { type: 'restart_ladder'; leadId: string; seq: number }
  /** A webhook payload no connector could read (kept in the hook inbox): a person reads it and enters the lead. */
  | { type: 'review'; inboxId: string; connector: string };

export interface FailedHandoff {
  id: string;
  leadId: string;
  /** The handoff step (seq) that failed. */
  seq: number;
  kind: FailureKind;
  /** What could not complete, in words (staff names and roles only; never customer data). */
  what: string;
  /** Why: an error code or a short explanation (no personal data). */
  reason: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
  status: 'open' | 'resolved';
  resolvedAt?: string;
  /** How it ended: `retried`, `repaired by the reconciler`, `no longer needed`... */
  resolution?: string;
  retry: RetryAction;
}

/** A failure as it is reported, before it is merged into its record. */
export interface FailureReport {
  leadId: string;
  seq: number;
  kind: FailureKind;
  what: string;
  reason: string;
  /** Attempts this report stands for (e.g. the receives of a dead-lettered message). */
  attempts: number;
  retry: RetryAction;
}

/** The record id: one per lead, step, kind (and recipient/channel/purpose for notifications). */
export const failureId = (report: Pick<FailureReport, 'leadId' | 'seq' | 'kind' | 'retry'>): string => {
  const base = `${report.leadId}.${report.seq}.${report.kind}`;
  const { retry } = report;
  if (retry.type === 'notify') {
    const followUp = retry.followUp ? `.f${retry.followUp.sequence}-${retry.followUp.n}` : '';
    const idle = retry.idleRound !== undefined ? `.i${retry.idleRound}` : '';
    return `${base}.${retry.recipientId}.${retry.channel}.${retry.purpose}${followUp}${idle}`;
  }
  if (retry.type === 'follow_up') return `${base}.f${retry.sequence}-${retry.n}-${retry.step}`;
  return base;
};

/** Merges a new report into the existing record (or starts one); a resolved record reopens. */
export const mergeFailure = (
  existing: FailedHandoff | undefined,
  report: FailureReport,
  now: Date,
): FailedHandoff => {
  const at = now.toISOString();
  return {
    id: failureId(report),
    leadId: report.leadId,
    seq: report.seq,
    kind: report.kind,
    what: report.what,
    reason: report.reason,
    attempts: (existing?.attempts ?? 0) + report.attempts,
    firstSeenAt: existing?.firstSeenAt ?? at,
    lastSeenAt: at,
    status: 'open',
    retry: report.retry,
  };
};

export const FAILURE_ID_PATTERN =
  /^[0-9A-Z]{26}\.\d{1,6}\.(notification|timer|dispatch|deadline|unowned|unmapped)(\.[a-z0-9-]{1,40}\.(sms|email)\.(handoff|moved|acknowledgement|follow_up|follow_up_missed|taken|idle_reminder|idle_escalation)(\.f\d{1,6}-\d{1,2})?(\.i\d{1,6})?|\.f\d{1,6}-\d{1,2}-(remind|due))?$/;
