/**
 * Reporting and closing failed handoffs (docs/product-rules.md §9): the record (deterministic id, attempts, first and
 * last seen), a `FailedHandoffs` metric and an entry on the lead's timeline when a failure is first
 * seen, and a timeline entry when it is resolved. The lead also lists its open failure ids, so the
 * work that later succeeds (a retried dispatch, a redriven notification) closes the record without
 * an extra read. Reporting never hides the failure it reports: if the record cannot be written, the
 * error is logged and the caller's own failure path (retry, DLQ) goes on. A record whose cause has gone
 * (the lead was accepted or closed, the follow-up was logged: `staleReason`) resolves itself, so the
 * failed list shows only live problems.
 */
import type { FailedHandoff, FailureReport } from '../domain/failures';
import type { Lead } from '../domain/lead';
import { staleReason } from '../domain/stale-failures';
import { timelineEvent } from '../domain/timeline';
import { failureReasonLabel } from '../domain/wording';
import { logger } from '../observability';
import type { FailureStore } from '../ports';
import { METRICS } from '../settings';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';

/** Open records read per page by `sweepStale`, and at most per call. */
const STALE_SWEEP_PAGE = 100;
const STALE_SWEEP_MAX = 500;

export type FailureDeps = Pick<PipelineDeps, 'store' | 'clock' | 'metrics'> & { failures: FailureStore };

export class FailureService {
  constructor(private readonly deps: FailureDeps) {}

  /** Records the failure; returns the record, or undefined if even that could not be written. */
  async report(report: FailureReport): Promise<FailedHandoff | undefined> {
    const { clock, failures, metrics } = this.deps;
    try {
      const { failure, created } = await failures.record(report, clock.now());
      logger.warn('Failed handoff recorded', {
        leadId: report.leadId,
        seq: report.seq,
        kind: report.kind,
        reason: report.reason,
        attempts: failure.attempts,
      });
      if (created) {
        metrics.count(METRICS.FailedHandoffs);
        // An unreadable webhook payload has no lead yet: its record is all there is.
        if (failure.kind !== 'unmapped') {
          await this.onLead(
            failure,
            'failed_handoff',
            `Failed handoff: ${failure.what} (${failureReasonLabel(failure.reason)})`,
          );
        }
      }
      return failure;
    } catch (error) {
      logger.error('Failed handoff could not be recorded', {
        leadId: report.leadId,
        kind: report.kind,
        error: error as Error,
      });
      return undefined;
    }
  }

  /** Closes the record and says so on the lead's timeline; false when it was not open. */
  async resolve(id: string, resolution: string): Promise<boolean> {
    const { clock, failures } = this.deps;
    const failure = await failures.get(id);
    if (failure?.status !== 'open') return false;
    const closed = await failures.resolve(id, resolution, clock.now());
    if (closed) {
      logger.info('Failed handoff resolved', { leadId: failure.leadId, failureId: id, resolution });
      await this.onLead(failure, 'retried', `Failed handoff resolved (${resolution}): ${failure.what}`);
    }
    return closed;
  }

  /** Closes the record if the lead says it is open: what a worker calls after its work succeeded. */
  async resolveIfOpen(lead: Lead, id: string, resolution: string): Promise<void> {
    if (lead.openFailures?.includes(id)) await this.resolve(id, resolution);
  }

  /** Closes the lead's open records whose cause has gone, each with its reason; returns how many. */
  async resolveStale(lead: Lead): Promise<number> {
    let closed = 0;
    for (const id of lead.openFailures ?? []) {
      const failure = await this.deps.failures.get(id);
      const reason = failure?.status === 'open' ? staleReason(failure, lead) : undefined;
      if (reason && (await this.resolve(id, reason))) closed += 1;
    }
    return closed;
  }

  /**
   * Walks the open records (at most `STALE_SWEEP_MAX` per call, a page at a time, one batch read of
   * their leads per page) and closes those whose cause has gone: the reconciler's backstop for a cause
   * that went away without anyone calling `resolveStale`.
   */
  async sweepStale(): Promise<number> {
    const { failures, store } = this.deps;
    let closed = 0;
    let looked = 0;
    let cursor: string | undefined;
    do {
      const page = await failures.listOpen({ limit: STALE_SWEEP_PAGE, ...(cursor ? { cursor } : {}) });
      const leads = await store.getMany([...new Set(page.items.map((failure) => failure.leadId))]);
      const byId = new Map(leads.map((lead) => [lead.id, lead]));
      for (const failure of page.items) {
        const lead = byId.get(failure.leadId);
        const reason = lead ? staleReason(failure, lead) : undefined;
        if (reason && (await this.resolve(failure.id, reason))) closed += 1;
      }
      looked += page.items.length;
      cursor = page.cursor;
    } while (cursor && looked < STALE_SWEEP_MAX);
    return closed;
  }

  /** The timeline entry, and the lead's list of open failure ids (added on report, removed on resolve). */
  private async onLead(
    failure: FailedHandoff,
    type: 'failed_handoff' | 'retried',
    summary: string,
  ): Promise<void> {
    const { store, clock } = this.deps;
    const data = { failureId: failure.id, kind: failure.kind, seq: failure.seq };
    try {
      await mutateLead(
        store,
        failure.leadId,
        (lead) => {
          const others = (lead.openFailures ?? []).filter((open) => open !== failure.id);
          return {
            ...lead,
            openFailures: type === 'failed_handoff' ? [...others, failure.id] : others,
            timeline: [...lead.timeline, timelineEvent(clock.now(), type, { kind: 'system' }, summary, data)],
          };
        },
        () => clock.now(),
      );
    } catch (error) {
      logger.error('Failed handoff not noted on the lead', {
        leadId: failure.leadId,
        type,
        error: error as Error,
      });
    }
  }
}
