/**
 * The reconciler (docs/product-rules.md §9), run on a recurring schedule: it repairs what slipped through.
 *
 * 1. The deadline function's failures (its on-failure destination) and Scheduler's dead letters become
 *    failed-handoff records, each with its reason.
 * 2. Handoffs whose dispatch never completed are queued again (and recorded once they are late).
 * 3. Acceptance deadlines that passed without the lead moving (a lost timer, or a deadline invocation
 *    that failed) are recorded and run now; the record closes when that works. So are held handoffs
 *    whose start passed without starting (a lost opening timer). Follow-up and idle next-action timers
 *    that did not fire are run now too.
 * 4. Once an hour (`staleSweepEveryMinutes`), failed-handoff records whose cause has gone (the lead
 *    was accepted or closed...) are resolved.
 *
 * It reads the sparse `open` index for what is overdue, never the whole table.
 */

import { failureId } from '../domain/failures';
import { nextFollowUpEvent } from '../domain/follow-up-timer';
import { nextIdleTimer } from '../domain/idle-check';
import type { Lead } from '../domain/lead';
import type { FollowUpPayload, TimerPayload } from '../domain/timer-payloads';
import { isUnowned } from '../domain/transitions';
import { MINUTE_MS } from '../domain/wording';
import { logger } from '../observability';
import type { DeadLetterMessage, DeadLetterReader } from '../ports';
import { FAILURE_QUEUES, type FailureQueueName, METRICS, RECONCILER } from '../settings';
import type { DeadlineRuns, FailureReports, FollowUpRuns, IdleRuns } from './collaborators';
import type { PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { timerPayloadSchema } from './message-schemas';

export type ReconcilerDeps = Pick<PipelineDeps, 'store' | 'clock' | 'metrics'> & {
  failures: FailureReports;
  deadlines: DeadlineRuns;
  followUps: FollowUpRuns;
  idles: IdleRuns;
  dispatches: DispatchRequester;
  deadLetters: DeadLetterReader;
};

export interface ReconcileSummary {
  failuresRecorded: number;
  dispatchesRequeued: number;
  deadlinesRepaired: number;
  followUpsRepaired: number;
  idleChecksRepaired: number;
  /** Failed-handoff records closed because their cause has gone. */
  staleFailuresResolved: number;
  /** Repairs that failed this time (their records stay open for the next run or for ops). */
  errors: number;
}

/** What a failure-queue message says: the timer it was about, and why it failed. */
export const parseDeadLetter = (
  queue: FailureQueueName,
  message: DeadLetterMessage,
): { payload: TimerPayload; reason: string; attempts: number } | undefined => {
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch {
    return undefined;
  }
  if (queue === 'deadline-failures') {
    // A Lambda on-failure destination record: the invocation's payload and the function's error.
    const record = body as {
      requestPayload?: unknown;
      requestContext?: { approximateInvokeCount?: number; condition?: string };
      responsePayload?: { errorType?: string; errorMessage?: string };
    };
    const payload = timerPayloadSchema.safeParse(record.requestPayload);
    if (!payload.success) return undefined;
    const errorType =
      record.responsePayload?.errorType ?? record.requestContext?.condition ?? 'DeadlineFailed';
    return {
      payload: payload.data,
      reason: `deadline function failed: ${errorType}`,
      attempts: record.requestContext?.approximateInvokeCount ?? 1,
    };
  }
  // Scheduler's DLQ: the target input as the body, the error in message attributes.
  const payload = timerPayloadSchema.safeParse(body);
  if (!payload.success) return undefined;
  const code = message.attributes.ERROR_CODE ?? 'SchedulerDeliveryFailed';
  const attempts = Number(message.attributes.RETRY_ATTEMPTS ?? '0') + 1;
  return { payload: payload.data, reason: `scheduler could not invoke the deadline: ${code}`, attempts };
};

/** The one run of each `staleSweepEveryMinutes` period (runs are `everyMinutes` apart) that sweeps. */
const isSweepRun = (now: Date): boolean =>
  now.getTime() % (RECONCILER.staleSweepEveryMinutes * MINUTE_MS) < RECONCILER.everyMinutes * MINUTE_MS;

export class ReconcilerService {
  constructor(private readonly deps: ReconcilerDeps) {}

  async run(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = {
      failuresRecorded: 0,
      dispatchesRequeued: 0,
      deadlinesRepaired: 0,
      followUpsRepaired: 0,
      idleChecksRepaired: 0,
      staleFailuresResolved: 0,
      errors: 0,
    };
    for (const queue of FAILURE_QUEUES) await this.readFailureQueue(queue, summary);
    await this.repairOverdue(summary);
    try {
      if (isSweepRun(this.deps.clock.now()))
        summary.staleFailuresResolved = await this.deps.failures.sweepStale();
    } catch (error) {
      summary.errors += 1;
      logger.error('Reconciler could not sweep the failed list', { error: error as Error });
    }
    const repairs = {
      dispatch: summary.dispatchesRequeued,
      deadline: summary.deadlinesRepaired,
      follow_up: summary.followUpsRepaired,
      idle: summary.idleChecksRepaired,
    };
    for (const [kind, count] of Object.entries(repairs)) {
      if (count) this.deps.metrics.count(METRICS.ReconcilerRepairs, count, { kind });
    }
    logger.info('Reconciler ran', { ...summary });
    return summary;
  }

  private async readFailureQueue(queue: FailureQueueName, summary: ReconcileSummary): Promise<void> {
    const { deadLetters, failures } = this.deps;
    let seen = 0;
    while (seen < RECONCILER.maxDeadLettersPerRun) {
      const messages = await deadLetters.receive(queue, 10);
      if (messages.length === 0) return;
      seen += messages.length;
      for (const message of messages) {
        const parsed = parseDeadLetter(queue, message);
        if (!parsed) {
          // Left in place: its queue's alarm keeps ops looking at it.
          logger.warn('Unreadable message in a failure queue', { queue });
          continue;
        }
        const payload = parsed.payload;
        if (payload.kind === 'idle_next_action') {
          // Its lead's `timerAt` stays overdue on the `open` index until it runs: `repairIdle` runs it.
          await deadLetters.delete(queue, message.id);
          continue;
        }
        const recorded =
          payload.kind !== 'follow_up'
            ? await failures.report({
                leadId: payload.leadId,
                seq: payload.seq,
                kind: 'deadline',
                what: `${payload.kind === 'opening' ? 'start at opening' : 'acceptance deadline'} of handoff #${payload.seq}`,
                reason: parsed.reason,
                attempts: parsed.attempts,
                retry: { type: 'deadline', leadId: payload.leadId, seq: payload.seq },
              })
            : await this.reportFollowUp(payload, parsed.reason, parsed.attempts);
        if (!recorded) continue;
        await deadLetters.delete(queue, message.id);
        summary.failuresRecorded += 1;
      }
    }
  }

  private async repairOverdue(summary: ReconcileSummary): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now().getTime();
    const grace = Math.min(RECONCILER.dispatchGraceSeconds, RECONCILER.deadlineGraceSeconds) * 1000;
    let cursor: string | undefined;
    let looked = 0;
    do {
      const page = await store.listOpen({
        dueBefore: new Date(now - grace).toISOString(),
        ...(cursor ? { cursor } : {}),
      });
      for (const ref of page.items) {
        if (looked >= RECONCILER.maxLeadsPerRun) continue;
        const lostFollowUp =
          ref.timerAt !== undefined && Date.parse(ref.timerAt) < now - RECONCILER.deadlineGraceSeconds * 1000;
        if (ref.handoffState !== 'awaiting_acceptance' && !lostFollowUp) continue;
        looked += 1;
        try {
          const lead = await store.get(ref.leadId);
          if (lead) await this.repair(lead, now, summary);
        } catch (error) {
          summary.errors += 1;
          logger.error('Reconciler could not repair a lead', { leadId: ref.leadId, error: error as Error });
        }
      }
      cursor = looked < RECONCILER.maxLeadsPerRun ? page.cursor : undefined;
    } while (cursor);
  }

  /** A follow-up timer that never fired (or failed): recorded, run now, and the record closed. */
  private async repairFollowUp(lead: Lead, now: number, summary: ReconcileSummary): Promise<void> {
    const event = nextFollowUpEvent(lead);
    if (!event || Date.parse(event.at) >= now - RECONCILER.deadlineGraceSeconds * 1000) return;
    const payload: FollowUpPayload = {
      kind: 'follow_up',
      leadId: lead.id,
      sequence: event.followUp.sequence,
      n: event.followUp.n,
      step: event.step,
    };
    const late = Math.round((now - Date.parse(event.at)) / MINUTE_MS);
    const failure = await this.reportFollowUp(
      payload,
      `did not fire: ${late} min late (timer lost or failed)`,
      1,
    );
    await this.deps.followUps.onTimer(payload);
    if (failure) await this.deps.failures.resolve(failure.id, 'repaired by the reconciler');
    summary.followUpsRepaired += 1;
  }

  /** An idle next-action timer that never fired (or failed): run now (the timeline says what it did). */
  private async repairIdle(lead: Lead, now: number, summary: ReconcileSummary): Promise<void> {
    const timer = nextIdleTimer(lead.idleCheck);
    if (!timer || Date.parse(timer.at) >= now - RECONCILER.deadlineGraceSeconds * 1000) return;
    await this.deps.idles.onTimer({ kind: 'idle_next_action', leadId: lead.id, ...timer });
    summary.idleChecksRepaired += 1;
  }

  private async reportFollowUp(payload: FollowUpPayload, reason: string, attempts: number) {
    const lead = await this.deps.store.get(payload.leadId);
    const seq = lead?.handoff?.seq ?? 1;
    const report = {
      leadId: payload.leadId,
      seq,
      kind: 'timer' as const,
      what: `follow-up ${payload.sequence}-${payload.n} ${payload.step === 'remind' ? 'reminder' : 'due check'}`,
      reason,
      attempts,
      retry: {
        type: 'follow_up' as const,
        leadId: payload.leadId,
        seq,
        sequence: payload.sequence,
        n: payload.n,
        step: payload.step,
      },
    };
    const recorded = await this.deps.failures.report(report);
    return recorded ? { id: failureId(report) } : undefined;
  }

  private async repair(lead: Lead, now: number, summary: ReconcileSummary): Promise<void> {
    if (lead.status === 'accepted') {
      await this.repairFollowUp(lead, now, summary);
      return this.repairIdle(lead, now, summary);
    }
    const handoff = lead.handoff;
    if (handoff?.state !== 'awaiting_acceptance') return;
    const { failures } = this.deps;
    const { seq } = handoff;
    if (handoff.dispatch === 'pending') {
      const late = now - Date.parse(handoff.createdAt);
      if (late < RECONCILER.dispatchGraceSeconds * 1000) return;
      if (late >= RECONCILER.dispatchFailureSeconds * 1000) {
        await failures.report({
          leadId: lead.id,
          seq,
          kind: 'dispatch',
          what: `dispatch of handoff #${seq}`,
          reason: `still not dispatched ${Math.round(late / MINUTE_MS)} min after the handoff`,
          attempts: 1,
          retry: { type: 'dispatch', leadId: lead.id, seq },
        });
      }
      await this.deps.dispatches.request(lead, { strict: true });
      summary.dispatchesRequeued += 1;
      return;
    }
    // A held handoff's timer is its start (docs/product-rules.md §5, Hours), else its deadline.
    const held = handoff.startsAt !== undefined;
    const overdue = now - Date.parse(handoff.startsAt ?? handoff.acceptBy);
    if (overdue < RECONCILER.deadlineGraceSeconds * 1000 || isUnowned(lead)) return;
    const retry = { type: 'deadline' as const, leadId: lead.id, seq };
    await failures.report({
      leadId: lead.id,
      seq,
      kind: 'deadline',
      what: `${held ? 'start at opening' : 'acceptance deadline'} of handoff #${seq}`,
      reason: `passed ${Math.round(overdue / MINUTE_MS)} min ago without ${held ? 'starting' : 'escalation'} (timer lost or deadline failed)`,
      attempts: 1,
      retry,
    });
    await this.deps.deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: lead.id, seq });
    await failures.resolve(
      failureId({ leadId: lead.id, seq, kind: 'deadline', retry }),
      'repaired by the reconciler',
    );
    summary.deadlinesRepaired += 1;
  }
}
