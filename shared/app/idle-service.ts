/**
 * An idle next-action timer fired (docs/product-rules.md §5 "Accepted but idle"): write what it does to the lead
 * (`onIdleTimer` of `shared/domain/idle-next-action.ts`), then queue the reminder to the owner or the
 * notice to the operations lead. Every step is idempotent (timers may fire twice, late, or be run again
 * by the reconciler after a partial failure). Creating and deleting the timers is `idle-timers.ts`.
 */
import { type IdleEffect, onIdleTimer } from '../domain/idle-next-action';
import { messageLane } from '../domain/lanes';
import type { Lead, PersonRef } from '../domain/lead';
import type { IdlePayload } from '../domain/timer-payloads';
import { logger } from '../observability';
import { METRICS, NOTIFY_QUEUES } from '../settings';
import type { IdleOutcome } from './collaborators';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';
import { queuePersonNotices } from './person-notices';

export type { IdleOutcome } from './collaborators';

export type IdleDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'queue' | 'metrics'>;

export class IdleService {
  constructor(private readonly deps: IdleDeps) {}

  /** An idle timer fired (or the reconciler runs one that was lost). */
  async onTimer(payload: IdlePayload): Promise<IdleOutcome> {
    const { store, clock, metrics } = this.deps;
    const config = await this.deps.config.load();
    let effect = { kind: 'none' } as IdleEffect;
    const written = await mutateLead(
      store,
      payload.leadId,
      (current) => {
        const result = onIdleTimer(current, payload.round, payload.step, clock.now(), config);
        effect = result.effect;
        return result.changed ? result.lead : undefined;
      },
      () => clock.now(),
    );
    const lead = written.lead;
    const ref = { leadId: lead.id, round: payload.round, step: payload.step };
    if (!written.changed) {
      // A retry after the write but before the messages were queued: queue them again (deduplicated).
      await this.repeatEffects(lead, payload);
      return 'no_change';
    }
    if (effect.kind === 'remind') {
      await this.notify(lead, effect.owner, payload.round, 'idle_reminder');
      logger.info('Idle next action: owner reminded', ref);
      return 'reminded';
    }
    if (effect.kind === 'escalate') {
      metrics.count(METRICS.IdleNextActions);
      if (effect.escalateTo) await this.notify(lead, effect.escalateTo, payload.round, 'idle_escalation');
      logger.warn('Idle next action: escalated', ref);
      return 'escalated';
    }
    return 'no_change';
  }

  private async repeatEffects(lead: Lead, payload: IdlePayload): Promise<void> {
    const check = lead.idleCheck;
    if (!check || check.round !== payload.round || lead.status !== 'accepted' || !lead.owner) return;
    if (payload.step === 'remind' && check.state === 'reminded') {
      await this.notify(lead, lead.owner, check.round, 'idle_reminder');
    }
    if (payload.step === 'escalate' && check.state === 'escalated' && check.escalatedTo) {
      await this.notify(lead, check.escalatedTo, check.round, 'idle_escalation');
    }
  }

  /** Queues the message on every channel of the person (the notifier sends each once per round). */
  private async notify(
    lead: Lead,
    to: PersonRef,
    idleRound: number,
    purpose: 'idle_reminder' | 'idle_escalation',
  ): Promise<void> {
    await queuePersonNotices(this.deps, {
      lead,
      to,
      purpose,
      ref: { idleRound },
      lane: NOTIFY_QUEUES[messageLane(purpose, lead.handoff)],
    });
  }
}
