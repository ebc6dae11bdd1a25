/**
 * Follow-up timers (SPEC §7): each follow-up gets two one-time schedules, created when the status is
 * set: the reminder to the owner, and the due check, which tells the operations lead when the
 * follow-up is still not logged. Logging it (or leaving the status) deletes what has not fired.
 *
 * Timers are created after the lead is written. A timer that could not be created is not lost: the
 * lead's `timerAt` in the `open` index says when it should have fired, and the reconciler runs it.
 * Every step is idempotent (timers may fire twice, late, or be retried after a partial failure).
 */

import type { Lead, PersonRef } from '../domain/lead';
import type { FollowUpTimer } from '../domain/lead-card';
import { type FollowUpEffect, onFollowUpTimer, operationsLead } from '../domain/lead-card';
import { followUpTimerName } from '../domain/timer-names';
import { logger } from '../observability';
import type { FollowUpPayload, NotifyMessage } from '../ports';
import { METRICS } from '../settings';
import type { PipelineDeps } from './deps';
import { channelsOf, personById } from './dispatch-service';
import { mutateLead } from './lead-writes';

export type FollowUpOutcome = 'reminded' | 'missed' | 'no_change';

export type FollowUpDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'timers' | 'queue' | 'metrics'>;

export class FollowUpService {
  constructor(private readonly deps: FollowUpDeps) {}

  /** A follow-up timer fired (or the reconciler runs one that was lost). */
  async onTimer(payload: FollowUpPayload): Promise<FollowUpOutcome> {
    const { store, clock, metrics } = this.deps;
    const config = await this.deps.config.load();
    const escalateTo = operationsLead(config);
    const ref = { sequence: payload.sequence, n: payload.n };
    let effect = { kind: 'none' } as FollowUpEffect;
    const written = await mutateLead(
      store,
      payload.leadId,
      (current) => {
        const result = onFollowUpTimer(current, ref, payload.step, clock.now(), escalateTo, config);
        effect = result.effect;
        return result.changed ? result.lead : undefined;
      },
      () => clock.now(),
    );
    const lead = written.lead;
    if (!written.changed) {
      // A retry after the write but before the messages went out: ask again (both are idempotent).
      await this.repeatEffects(lead, payload);
      return 'no_change';
    }
    if (effect.kind === 'remind') {
      await this.notify(lead, effect.owner, ref, 'follow_up');
      logger.info('Follow-up reminder', { leadId: lead.id, ...ref });
      return 'reminded';
    }
    if (effect.kind === 'missed') {
      metrics.count(METRICS.FollowUpsMissed);
      if (effect.escalateTo) await this.notify(lead, effect.escalateTo, ref, 'follow_up_missed');
      logger.warn('Follow-up missed', { leadId: lead.id, ...ref });
      return 'missed';
    }
    return 'no_change';
  }

  /** Creates the timers; one that fails is logged and left to the reconciler (see the module comment). */
  async schedule(leadId: string, timers: readonly FollowUpTimer[]): Promise<void> {
    for (const timer of timers) {
      const ref = { sequence: timer.sequence, n: timer.n };
      try {
        await this.deps.timers.schedule({
          name: followUpTimerName(leadId, ref, timer.step),
          at: new Date(timer.at),
          payload: { kind: 'follow_up', leadId, ...ref, step: timer.step },
        });
      } catch (error) {
        logger.warn('Follow-up timer not created; the reconciler will run it', {
          leadId,
          ...ref,
          error: error as Error,
        });
      }
    }
  }

  /** Deletes the timers of cancelled or logged follow-ups; a late fire would change nothing anyway. */
  async cancel(leadId: string, timers: readonly FollowUpTimer[]): Promise<void> {
    for (const timer of timers) {
      const ref = { sequence: timer.sequence, n: timer.n };
      try {
        await this.deps.timers.cancel(followUpTimerName(leadId, ref, timer.step));
      } catch (error) {
        logger.warn('Follow-up timer not deleted; it will find nothing to do', {
          leadId,
          ...ref,
          error: error as Error,
        });
      }
    }
  }

  private async repeatEffects(lead: Lead, payload: FollowUpPayload): Promise<void> {
    const followUp = lead.followUps?.find((f) => f.sequence === payload.sequence && f.n === payload.n);
    if (!followUp || lead.status !== 'accepted' || !lead.owner) return;
    const ref = { sequence: followUp.sequence, n: followUp.n };
    if (payload.step === 'remind' && followUp.state === 'reminded') {
      await this.notify(lead, lead.owner, ref, 'follow_up');
    }
    if (payload.step === 'due' && followUp.state === 'missed' && followUp.escalatedTo) {
      await this.notify(lead, followUp.escalatedTo, ref, 'follow_up_missed');
    }
  }

  /** Queues the message on every channel of the person (the notifier dedupes per follow-up and channel). */
  private async notify(
    lead: Lead,
    to: PersonRef,
    followUp: { sequence: number; n: number },
    purpose: 'follow_up' | 'follow_up_missed',
  ): Promise<void> {
    const config = await this.deps.config.load();
    const person = personById(config, to.id);
    const seq = lead.handoff?.seq;
    if (!person || seq === undefined) return;
    const messages: NotifyMessage[] = channelsOf(person).map((channel) => ({
      type: 'notify',
      leadId: lead.id,
      seq,
      recipientId: person.id,
      channel,
      purpose,
      followUp,
    }));
    await this.deps.queue.send('notify-standard', messages);
  }
}
