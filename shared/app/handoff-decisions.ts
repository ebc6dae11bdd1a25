/**
 * A recipient's decision on their handoff step, whoever carries it: the link page's Accept and Send
 * back buttons (`LinkService`) and an SMS reply (`InboundSmsService`) both come here, so both take the
 * same transition (`acceptHandoff` / `rejectHandoff`) with the same conditional write, and the same
 * follow-through: the acceptance timer deleted, the idle check armed, the others of the chain told who
 * took it, moot failures resolved; a send-back returns the lead to intake and dispatches it.
 */
import type { AppConfig } from '../domain/config';
import { armIdleCheck, type IdleTimerChange, NO_IDLE_CHANGE } from '../domain/idle-next-action';
import type { Lead, RejectReason } from '../domain/lead';
import { returnToIntake } from '../domain/route-and-hand';
import { timerName } from '../domain/timer-names';
import { acceptHandoff, type Refusal, rejectHandoff, type TransitionResult } from '../domain/transitions';
import { logger } from '../observability';
import type { FailureReports } from './collaborators';
import type { PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { applyIdleTimers } from './idle-timers';
import { currentLoads, mutateLead } from './lead-writes';
import { queueTakenBy } from './taken-by-notices';

export type DecisionDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'timers' | 'metrics' | 'queue'
> & {
  dispatches: DispatchRequester;
  /** Closes failed-handoff records whose cause an acceptance removed. */
  failures: Pick<FailureReports, 'resolveStale'>;
};

/** Which step, and whose decision. */
export interface StepRef {
  leadId: string;
  seq: number;
  recipientId: string;
}

/** The lead after the decision; `refusal` when the step could not take it (moved on, resolved, not theirs). */
export interface Decision {
  lead: Lead;
  changed: boolean;
  refusal?: Refusal;
  config: AppConfig;
}

const isRefused = (result: TransitionResult): result is Refusal => 'refused' in result;

export class HandoffDecisions {
  constructor(private readonly deps: DecisionDeps) {}

  /** Accepts the step (a repeat by the same person changes nothing but repairs the follow-through). */
  async accept(step: StepRef, confirmations: readonly string[], via?: 'sms_reply'): Promise<Decision> {
    const { clock, store } = this.deps;
    const config = await this.deps.config.load();
    let result: TransitionResult | undefined;
    let idle: IdleTimerChange = NO_IDLE_CHANGE;
    const written = await mutateLead(
      store,
      step.leadId,
      (current) => {
        const now = clock.now();
        const { seq, recipientId } = step;
        result = acceptHandoff(current, { seq, recipientId, confirmations, now, ...(via ? { via } : {}) });
        if (!('lead' in result) || !result.changed) return undefined;
        // Accepted but idle (docs/product-rules.md §5): the next action it was accepted with is watched.
        const armed = armIdleCheck(result.lead, now, config.business);
        idle = armed.change;
        return armed.lead;
      },
      () => clock.now(),
    );
    if (result && isRefused(result)) return { ...written, refusal: result, config };
    if (written.changed) {
      await this.cancelTimer(step);
      await applyIdleTimers(this.deps.timers, step.leadId, idle);
      const handoff = written.lead.handoff;
      this.deps.metrics.count('HandoffsAccepted');
      if (handoff?.resolvedAt) {
        this.deps.metrics.seconds(
          'AcceptanceLatency',
          (Date.parse(handoff.resolvedAt) - Date.parse(handoff.createdAt)) / 1000,
        );
      }
      logger.info('Handoff accepted', { leadId: step.leadId, seq: step.seq, ...(via ? { via } : {}) });
    }
    await this.closeTheLoop(written.lead, step, config);
    return { ...written, config };
  }

  /** Sends the step back to intake with a missing-data reason; the lead is dispatched again. */
  async reject(step: StepRef, reason: RejectReason, text: string | undefined): Promise<Decision> {
    const { clock, store } = this.deps;
    const [config, loads] = await Promise.all([this.deps.config.load(), currentLoads(store)]);
    let result: TransitionResult | undefined;
    const written = await mutateLead(
      store,
      step.leadId,
      (current) => {
        const now = clock.now();
        const { seq, recipientId } = step;
        result = rejectHandoff(current, { seq, recipientId, reason, ...(text ? { text } : {}), now });
        if (!('lead' in result) || !result.changed) return undefined;
        return returnToIntake(result.lead, config, loads, now);
      },
      () => clock.now(),
    );
    if (result && isRefused(result)) return { ...written, refusal: result, config };
    if (written.changed) {
      await this.cancelTimer(step);
      await this.deps.dispatches.request(written.lead);
      logger.info('Handoff rejected', { leadId: step.leadId, seq: step.seq, reason });
    }
    return { ...written, config };
  }

  /**
   * Once this step is accepted (now, or by an earlier accept of the same person): the others of its
   * chain are told who took it, and failed-handoff records it made moot resolve themselves. Both are
   * idempotent, so a repeated accept repairs what a failure left undone.
   */
  private async closeTheLoop(lead: Lead, step: StepRef, config: AppConfig): Promise<void> {
    const handoff = lead.handoff;
    if (handoff?.seq !== step.seq || handoff.state !== 'accepted' || handoff.to.id !== step.recipientId)
      return;
    await queueTakenBy(this.deps.queue, lead, step.seq, config);
    if (lead.openFailures?.length) await this.deps.failures.resolveStale(lead);
  }

  /** Acceptance deletes the timer; one already gone is fine, and a late fire would change nothing anyway. */
  private async cancelTimer(step: StepRef): Promise<void> {
    try {
      await this.deps.timers.cancel(timerName(step.leadId, step.seq));
    } catch (error) {
      logger.warn('Timer not deleted; its deadline will find the handoff resolved', {
        leadId: step.leadId,
        seq: step.seq,
        error: error as Error,
      });
    }
  }
}
