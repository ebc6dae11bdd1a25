/**
 * The acceptance deadline of a handoff passed (docs/product-rules.md §5, §6). Idempotent and re-checking: a timer that
 * fires late, twice, or after acceptance changes nothing; otherwise the lead climbs its ladder. Accept
 * racing the deadline resolves to exactly one outcome because both write conditionally on the version
 * they read.
 *
 * Hours (§5): a held handoff's timer is its start, which messages its recipient then. A non-urgent
 * ladder step due while the business is closed (a window that ended at closing time) is decided as of
 * the next opening and held until then, so nobody on the staff is messaged at night.
 */

import { acceptanceWindow } from '../domain/acceptance-window';
import { earliestStart, holdIfLater, startHeldHandoff } from '../domain/after-hours';
import { nextEscalation } from '../domain/escalation';
import type { HandoffTimerPayload } from '../domain/timer-payloads';
import { escalateHandoff, isUnowned, restartLadder, triedRecipients } from '../domain/transitions';
import { describePerson } from '../domain/wording';
import { logger } from '../observability';
import { METRICS } from '../settings';
import type { DeadlineOutcome, FailureReports } from './collaborators';
import type { PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { currentLoads, mutateLead } from './lead-writes';

export type { DeadlineOutcome } from './collaborators';

export type DeadlineDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'metrics'> & {
  failures: FailureReports;
  dispatches: DispatchRequester;
};

export class DeadlineService {
  constructor(private readonly deps: DeadlineDeps) {}

  /** Either timer of a handoff: its deadline, or (held) its start; a held handoff's timer always starts it. */
  async onDeadline(payload: HandoffTimerPayload): Promise<DeadlineOutcome> {
    const { store, clock, metrics } = this.deps;
    const before = await store.get(payload.leadId);
    if (!before) {
      logger.warn('Deadline for an unknown lead', { leadId: payload.leadId, seq: payload.seq });
      return 'no_change';
    }
    // A start timer never escalates; a deadline run for a held handoff (a repair, an ops retry) starts it.
    const held = before.handoff?.seq === payload.seq && before.handoff.startsAt !== undefined;
    if (payload.kind === 'opening' || held) return this.start(payload.leadId, payload.seq);
    const due = (lead: typeof before) =>
      lead.handoff?.seq === payload.seq && lead.handoff.state === 'awaiting_acceptance' && !isUnowned(lead);
    if (!due(before)) {
      // A retry of an invocation that escalated but could not queue the new handoff's dispatch.
      await this.deps.dispatches.request(before, { strict: true });
      return 'no_change';
    }
    const [config, loads] = await Promise.all([this.deps.config.load(), currentLoads(store)]);
    let outcome = 'no_change' as DeadlineOutcome;
    const { lead, changed } = await mutateLead(
      store,
      payload.leadId,
      (current) => {
        const handoff = current.handoff;
        if (!handoff || !due(current) || handoff.startsAt !== undefined) return undefined;
        const now = clock.now();
        // A non-urgent step is decided as of when it can start (the next opening when closed).
        const start = earliestStart(current.urgency, config.business, now);
        const step = nextEscalation({
          lead: current,
          handoff,
          config,
          loads,
          triedIds: triedRecipients(current),
          now: start,
        });
        outcome =
          step.kind === 'escalate' ? 'escalated' : step.kind === 'renotify' ? 'renotified' : 'exhausted';
        const next = escalateHandoff(current, step, now, config.business.timezone);
        return step.kind === 'exhausted' ? next : holdIfLater(next, start, config.business, now);
      },
      () => clock.now(),
    );
    if (!changed) return 'no_change';
    if (outcome === 'escalated')
      metrics.count(METRICS.Escalations, 1, { step: String(lead.handoff?.step ?? 0) });
    if (outcome === 'renotified' || outcome === 'exhausted') metrics.count(METRICS.UnownedLead);
    logger.info('Acceptance deadline passed', { leadId: lead.id, seq: payload.seq, outcome });
    if (outcome === 'exhausted' && lead.handoff) {
      const { to, seq } = lead.handoff;
      await this.deps.failures.report({
        leadId: lead.id,
        seq,
        kind: 'unowned',
        what: `acceptance of the lead: the whole ladder up to ${describePerson(to)} was tried`,
        reason: 'nobody accepted after every escalation step and every re-notification',
        attempts: 1,
        retry: { type: 'restart_ladder', leadId: lead.id, seq },
      });
    }
    await this.deps.dispatches.request(lead, { strict: true });
    return outcome;
  }

  /**
   * Ops retry of an unowned lead: the last person gets a fresh handoff and the re-notification budget
   * starts again; the ladder's alarms follow as before.
   */
  async restartLadder(leadId: string, seq: number): Promise<'restarted' | 'no_change'> {
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const { lead, changed } = await mutateLead(
      store,
      leadId,
      (current) => {
        const handoff = current.handoff;
        if (
          !handoff ||
          handoff.seq !== seq ||
          handoff.state !== 'awaiting_acceptance' ||
          !isUnowned(current)
        ) {
          return undefined;
        }
        const now = clock.now();
        const start = earliestStart(current.urgency, config.business, now);
        const windows = acceptanceWindow(config, current.urgency, start, handoff.ladder);
        const chainLength = config.business.escalation.chains[handoff.ladder].length;
        const next = restartLadder(current, {
          ...windows,
          step: chainLength,
          now,
          timeZone: config.business.timezone,
        });
        return holdIfLater(next, start, config.business, now);
      },
      () => clock.now(),
    );
    if (!changed) return 'no_change';
    await this.deps.dispatches.request(lead, { strict: true });
    return 'restarted';
  }

  /** A held handoff's start came: its recipient gets a fresh window and is messaged (dispatch again). */
  private async start(leadId: string, seq: number): Promise<DeadlineOutcome> {
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const { lead, changed } = await mutateLead(
      store,
      leadId,
      (current) => startHeldHandoff(current, seq, config, clock.now()),
      () => clock.now(),
    );
    // A retry of an invocation that started the handoff but could not queue its dispatch.
    await this.deps.dispatches.request(lead, { strict: true });
    if (!changed) return 'no_change';
    const started = lead.handoff?.startsAt === undefined;
    logger.info('Held handoff reached its start', { leadId, seq, started });
    return started ? 'started' : 'no_change';
  }
}
