/**
 * The ops retry path (docs/product-rules.md §9): list open failed handoffs, retry one, retry all. Retrying puts the
 * same work back into the pipeline — a dispatch or a notification onto its queue (the worker closes the
 * record when it succeeds), a deadline run now — so a retry is as idempotent as the work itself.
 * "Retry all" also redrives the pipeline's dead-letter queues back to their queues.
 */
import { FAILURE_ID_PATTERN, type FailedHandoff } from '../domain/failures';
import { messageLane } from '../domain/lanes';
import { NotFoundError, ValidationError } from '../errors';
import { logger } from '../observability';
import type { FailureStore, Page, Redriver } from '../ports';
import { NOTIFY_QUEUES, QUEUES } from '../settings';
import type { DeadlineRuns, FailureReports, FollowUpRuns } from './collaborators';
import type { PipelineDeps } from './deps';

export type OpsDeps = Pick<PipelineDeps, 'store' | 'clock' | 'queue'> & {
  failureStore: FailureStore;
  failures: FailureReports;
  deadlines: DeadlineRuns;
  followUps: FollowUpRuns;
  redriver: Redriver;
};

/** `needs_a_person`: nothing to re-run (an unreadable webhook payload): a person reads it and enters the lead. */
export type RetryOutcome = 'queued' | 'resolved' | 'still_failing' | 'already_resolved' | 'needs_a_person';

export interface RetryResult {
  id: string;
  outcome: RetryOutcome;
  detail?: string;
}

/** Most records retried by one "retry all" call; the answer says whether more remain. */
export const RETRY_ALL_BATCH = 100;

export class OpsService {
  constructor(private readonly deps: OpsDeps) {}

  listFailures(options: { limit?: number; cursor?: string } = {}): Promise<Page<FailedHandoff>> {
    return this.deps.failureStore.listOpen(options);
  }

  async retry(id: string): Promise<RetryResult> {
    if (!FAILURE_ID_PATTERN.test(id)) {
      throw new ValidationError('Bad failed-handoff id', [
        { path: 'id', message: 'not a failed-handoff id' },
      ]);
    }
    const failure = await this.deps.failureStore.get(id);
    if (!failure) throw new NotFoundError(`Failed handoff ${id} not found`);
    if (failure.status === 'resolved') return { id, outcome: 'already_resolved' };
    try {
      return await this.run(failure);
    } catch (error) {
      logger.warn('Retry of a failed handoff failed', {
        leadId: failure.leadId,
        failureId: id,
        error: error as Error,
      });
      await this.deps.failures.report({
        leadId: failure.leadId,
        seq: failure.seq,
        kind: failure.kind,
        what: failure.what,
        reason: `retry failed: ${(error as Error).name}`,
        attempts: 1,
        retry: failure.retry,
      });
      return { id, outcome: 'still_failing', detail: (error as Error).name };
    }
  }

  /**
   * Redrives every pipeline DLQ (first call), then retries one page of open records. Retried records
   * stay open until their work succeeds, so the caller walks the pages with the returned `cursor`.
   */
  async retryAll(cursor?: string): Promise<{
    redrives: { queue: string; started: boolean; detail: string }[];
    results: RetryResult[];
    cursor?: string;
  }> {
    const redrives = [];
    if (!cursor) {
      for (const queue of QUEUES) {
        try {
          redrives.push({ queue, ...(await this.deps.redriver.redrive(queue)) });
        } catch (error) {
          redrives.push({ queue, started: false, detail: (error as Error).name });
        }
      }
    }
    const page = await this.deps.failureStore.listOpen({
      limit: RETRY_ALL_BATCH,
      ...(cursor ? { cursor } : {}),
    });
    const results: RetryResult[] = [];
    for (const failure of page.items) results.push(await this.retry(failure.id));
    return { redrives, results, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  private async run(failure: FailedHandoff): Promise<RetryResult> {
    const { id, retry } = failure;
    const { queue, deadlines, failures, store } = this.deps;
    switch (retry.type) {
      case 'dispatch':
        await queue.send('dispatch', [
          { type: 'dispatch', leadId: retry.leadId, seq: retry.seq, retryOf: id },
        ]);
        return { id, outcome: 'queued' };
      case 'notify': {
        const lead = await store.get(retry.leadId);
        const lane = NOTIFY_QUEUES[messageLane(retry.purpose, lead?.handoff)];
        await queue.send(lane, [
          {
            type: 'notify',
            leadId: retry.leadId,
            seq: retry.seq,
            recipientId: retry.recipientId,
            channel: retry.channel,
            purpose: retry.purpose,
            ...(retry.followUp ? { followUp: retry.followUp } : {}),
            ...(retry.idleRound !== undefined ? { idleRound: retry.idleRound } : {}),
            retryOf: id,
          },
        ]);
        return { id, outcome: 'queued' };
      }
      case 'deadline':
        await deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: retry.leadId, seq: retry.seq });
        await failures.resolve(id, 'retried: deadline ran');
        return { id, outcome: 'resolved' };
      case 'follow_up': {
        const { leadId, sequence, n, step } = retry;
        const outcome = await this.deps.followUps.onTimer({ kind: 'follow_up', leadId, sequence, n, step });
        await failures.resolve(id, `retried: follow-up ${step} ran`);
        return { id, outcome: 'resolved', detail: outcome };
      }
      case 'restart_ladder': {
        const outcome = await deadlines.restartLadder(retry.leadId, retry.seq);
        await failures.resolve(
          id,
          outcome === 'restarted' ? 'retried: ladder restarted' : 'retried: no longer needed',
        );
        return { id, outcome: 'resolved', detail: outcome };
      }
      case 'review':
        return {
          id,
          outcome: 'needs_a_person',
          detail: `a ${retry.connector} payload we could not read is kept as ${retry.inboxId}; enter the lead by hand`,
        };
    }
  }
}
