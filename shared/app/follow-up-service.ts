/**
 * A follow-up timer fired: write what it does to the lead (`onFollowUpTimer` of
 * `shared/domain/follow-up-timer.ts`; the sequence and its rules are `follow-ups.ts`), then queue the reminder to
 * the owner or the missed-follow-up notice to the operations lead. Every step is idempotent (timers
 * may fire twice, late, or be retried after a partial failure). Creating and deleting the timers is
 * `FollowUpTimers`.
 */

import { type FollowUpEffect, onFollowUpTimer } from '../domain/follow-up-timer';
import type { Lead, PersonRef } from '../domain/lead';
import { operationsLead } from '../domain/roster';
import type { FollowUpPayload } from '../domain/timer-payloads';
import { logger } from '../observability';
import { METRICS } from '../settings';
import type { FollowUpOutcome } from './collaborators';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';
import { queuePersonNotices } from './person-notices';

export type { FollowUpOutcome } from './collaborators';

export type FollowUpDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'queue' | 'metrics'>;

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
    await queuePersonNotices(this.deps, { lead, to, purpose, ref: { followUp }, lane: 'notify-standard' });
  }
}
