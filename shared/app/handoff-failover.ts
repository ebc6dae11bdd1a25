/**
 * A handoff request's SMS did not reach its recipient (docs/product-rules.md §12): the handoff falls over
 * at once, without waiting for its acceptance deadline: an email to the person when they have an
 * address this step has not used, else the next step of the ladder (`sms-failover.ts`). The escalation
 * is the deadline's own conditional write, so it races an acceptance or the deadline to exactly one
 * outcome, and a second call for the same failure finds the step moved on and changes nothing.
 *
 * The superseded step's acceptance timer is deleted (it would find the step moved on and do nothing).
 */
import { laneOf } from '../domain/lanes';
import { personById } from '../domain/roster';
import { type FailedSms, failoverRoute, handToNextStep, stillAwaits } from '../domain/sms-failover';
import { timerName } from '../domain/timer-names';
import { logger } from '../observability';
import { METRICS, NOTIFY_QUEUES } from '../settings';
import type { FailoverOutcome, SmsFailovers } from './collaborators';
import type { PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { currentLoads, mutateLead } from './lead-writes';

export type HandoffFailoverDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'queue' | 'timers' | 'metrics'
> & {
  dispatches: DispatchRequester;
};

export class HandoffFailover implements SmsFailovers {
  constructor(private readonly deps: HandoffFailoverDeps) {}

  async afterSmsFailure(failed: FailedSms & { leadId: string }, why: string): Promise<FailoverOutcome> {
    const { store, clock, metrics } = this.deps;
    const lead = await store.get(failed.leadId);
    if (!lead?.handoff || !stillAwaits(lead, failed)) return 'no_change';
    const config = await this.deps.config.load();
    if (failoverRoute(lead, failed, personById(config, failed.recipientId)) === 'email') {
      await this.deps.queue.send(NOTIFY_QUEUES[laneOf(lead.handoff.ladder)], [
        {
          type: 'notify',
          leadId: lead.id,
          seq: failed.seq,
          recipientId: failed.recipientId,
          channel: 'email',
          purpose: 'handoff',
        },
      ]);
      metrics.count(METRICS.SmsFailovers, 1, { route: 'email' });
      logger.info('SMS not delivered: handoff emailed instead', { leadId: lead.id, seq: failed.seq });
      return 'email';
    }
    const loads = await currentLoads(store);
    const written = await mutateLead(
      store,
      lead.id,
      (current) => handToNextStep({ lead: current, failed, config, loads, now: clock.now(), why }),
      () => clock.now(),
    );
    if (!written.changed) return 'no_change';
    metrics.count(METRICS.Escalations, 1, { step: String(written.lead.handoff?.step ?? 0) });
    metrics.count(METRICS.SmsFailovers, 1, { route: 'escalated' });
    logger.info('SMS not delivered: handoff moved to the next step', { leadId: lead.id, seq: failed.seq });
    await this.deps.dispatches.request(written.lead, { strict: true });
    await this.deps.timers.cancel(timerName(lead.id, failed.seq));
    return 'escalated';
  }
}
