/**
 * Durable dispatch of a handoff: create its acceptance timer, queue its notifications on the
 * right lane, then mark it dispatched. Every step is idempotent (the timer name is deterministic, the
 * notifier dedupes per step/person/channel), so a retry after a failure half way completes it and
 * nobody is messaged twice. A handoff held until opening (docs/product-rules.md §5, Hours) gets a
 * one-time timer for its start instead, and only the customer's acknowledgement is queued: nobody on
 * the staff is messaged before it starts.
 */
import type { AppConfig } from '../domain/config';
import { failureId } from '../domain/failures';
import { laneOf } from '../domain/lanes';
import type { Handoff, Lead, NotificationPurpose } from '../domain/lead';
import { CUSTOMER_RECIPIENT, notificationKey } from '../domain/lead';
import { channelsOf, personById } from '../domain/roster';
import { openingTimerName, timerName } from '../domain/timer-names';
import { markDispatched } from '../domain/transitions';
import { DAY_MS, plural } from '../domain/wording';
import { logger } from '../observability';
import type { NotifyMessage } from '../ports';
import { METRICS, NOTIFY_QUEUES, QUEUE_SETTINGS } from '../settings';
import type { FailureReports } from './collaborators';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';
import { giveReplyCode } from './reply-code-giver';

export type DispatchDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'timers' | 'queue' | 'metrics'
> & {
  failures: FailureReports;
};

export class DispatchService {
  constructor(private readonly deps: DispatchDeps) {}

  /**
   * Dispatches the handoff. `attempt` is the queue's receive count: a failure on the last receive
   * before the dead-letter queue is reported as a failed handoff (`timer` when the schedule could not
   * be created). A retry by ops (`retryOf`) closes its record when the dispatch is done or moot.
   */
  async dispatch(
    leadId: string,
    seq: number,
    delivery: { attempt: number; retryOf?: string } = { attempt: 1 },
  ): Promise<'dispatched' | 'stale'> {
    let stage = 'dispatch' as 'timer' | 'dispatch';
    try {
      const { outcome, lead } = await this.run(leadId, seq, (next) => {
        stage = next;
      });
      const resolution = outcome === 'dispatched' ? 'retried: dispatched' : 'retried: no longer needed';
      if (delivery.retryOf) await this.deps.failures.resolve(delivery.retryOf, resolution);
      if (lead) {
        for (const kind of ['dispatch', 'timer'] as const) {
          const retry = { type: 'dispatch' as const, leadId, seq };
          await this.deps.failures.resolveIfOpen(lead, failureId({ leadId, seq, kind, retry }), resolution);
        }
      }
      return outcome;
    } catch (error) {
      if (delivery.attempt >= QUEUE_SETTINGS.dispatch.maxReceiveCount) {
        await this.deps.failures.report({
          leadId,
          seq,
          kind: stage,
          what: stage === 'timer' ? `acceptance timer of handoff #${seq}` : `dispatch of handoff #${seq}`,
          reason: `${(error as Error).name} after ${plural(delivery.attempt, 'attempt')}`,
          attempts: delivery.attempt,
          retry: { type: 'dispatch', leadId, seq },
        });
      }
      throw error;
    }
  }

  private async run(
    leadId: string,
    seq: number,
    at: (stage: 'timer' | 'dispatch') => void,
  ): Promise<{ outcome: 'dispatched' | 'stale'; lead: Lead | undefined }> {
    const { store, timers, queue, clock, metrics } = this.deps;
    const lead = await store.get(leadId);
    const handoff = lead?.handoff;
    if (!lead || !handoff || handoff.seq !== seq || handoff.state !== 'awaiting_acceptance')
      return { outcome: 'stale', lead };
    if (handoff.dispatch === 'done') return { outcome: 'stale', lead };
    const config = await this.deps.config.load();

    at('timer');
    await timers.schedule(
      handoff.startsAt === undefined
        ? {
            name: timerName(lead.id, seq),
            at: new Date(handoff.acceptBy),
            payload: { kind: 'acceptance_deadline', leadId: lead.id, seq },
          }
        : {
            name: openingTimerName(lead.id, seq),
            at: new Date(handoff.startsAt),
            payload: { kind: 'opening', leadId: lead.id, seq },
          },
    );
    // An escalation or re-notification follows a deadline that fired, and a fired schedule deletes
    // itself (ActionAfterCompletion DELETE); any other new step (transfer, back to intake) replaces a
    // deadline that is still pending.
    const previousFired = handoff.kind === 'escalation' || handoff.kind === 'renotify';
    if (seq > 1 && !previousFired) await timers.cancel(timerName(lead.id, seq - 1));
    at('dispatch');
    // The reply code its SMS ends with is on the handoff before the SMS is queued.
    const recipient = personById(config, handoff.to.id);
    if (handoff.startsAt === undefined && recipient && channelsOf(recipient).includes('sms'))
      await giveReplyCode(store, clock, lead);

    const messages = this.notifications(lead, handoff, config);
    if (messages.length > 0) await queue.send(NOTIFY_QUEUES[laneOf(handoff.ladder)], messages);

    const { changed } = await mutateLead(
      store,
      lead.id,
      (current) => markDispatched(current, seq),
      () => clock.now(),
    );
    // A held handoff is dispatched twice (its start timer, then at its start): counted once, at the start.
    if (changed && handoff.startsAt === undefined)
      metrics.count(METRICS.HandoffsCreated, 1, { kind: handoff.kind });
    logger.info('Handoff dispatched', {
      leadId: lead.id,
      seq,
      kind: handoff.kind,
      notifications: messages.length,
      held: handoff.startsAt !== undefined,
    });
    return { outcome: 'dispatched', lead };
  }

  /**
   * The recipient on each of their channels; for escalations and transfers, also the person it moved
   * from; none of them while the handoff is held. The customer's acknowledgement when wanted.
   */
  private notifications(lead: Lead, handoff: Handoff, config: AppConfig): NotifyMessage[] {
    const messages: NotifyMessage[] = [];
    const held = handoff.startsAt !== undefined;
    const add = (personId: string, purpose: NotificationPurpose) => {
      const person = personById(config, personId);
      if (!person) {
        logger.warn('Notification recipient is not on the roster', { leadId: lead.id, personId });
        return;
      }
      for (const channel of channelsOf(person)) {
        // The step's handoff SMS did not reach them (opted out, undelivered): its lead-moved note would not either.
        const failed = lead.notifications?.[notificationKey(handoff.seq - 1, personId, 'sms', 'handoff')];
        if (purpose === 'moved' && channel === 'sms' && failed?.state === 'failed') continue;
        messages.push({
          type: 'notify',
          leadId: lead.id,
          seq: handoff.seq,
          recipientId: person.id,
          channel,
          purpose,
        });
      }
    };
    if (!held) add(handoff.to.id, 'handoff');
    const moved = handoff.kind === 'escalation' || handoff.kind === 'transfer';
    if (!held && moved && handoff.from && handoff.from.id !== handoff.to.id) add(handoff.from.id, 'moved');
    if (wantsAcknowledgement(lead, config, this.deps.clock.now())) {
      messages.push({
        type: 'notify',
        leadId: lead.id,
        seq: handoff.seq,
        recipientId: CUSTOMER_RECIPIENT,
        channel: 'sms',
        purpose: 'acknowledgement',
      });
    }
    return messages;
  }
}

/** How long after intake a first acknowledgement still makes sense. */
const ACKNOWLEDGE_WITHIN_MS = DAY_MS;

/**
 * Whether the customer's acknowledgement SMS goes out with this dispatch: SMS consent and a
 * phone, not sent (or tried) yet, and the lead is fresh. The notifier sends it once, whatever the step.
 */
export const wantsAcknowledgement = (lead: Lead, config: AppConfig, now: Date): boolean =>
  config.business.acknowledgement.enabled &&
  lead.status !== 'closed' &&
  lead.consent?.sms === true &&
  lead.phone !== undefined &&
  lead.notifications?.[notificationKey(0, CUSTOMER_RECIPIENT, 'sms', 'acknowledgement')] === undefined &&
  now.getTime() - Date.parse(lead.createdAt) < ACKNOWLEDGE_WITHIN_MS;
