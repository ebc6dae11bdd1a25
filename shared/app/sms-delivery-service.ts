/**
 * Carrier delivery reports of our SMS (docs/product-rules.md §12), as AWS End User Messaging SMS
 * publishes them for messages sent with the stack's configuration set. A failure report is matched to
 * the message through the context it was sent with (lead, step, purpose, person) and the message id the
 * lead recorded when it was sent; then:
 * - the lead's timeline says, in plain words, that the SMS could not be delivered and why;
 * - if the message still matters (`stillWanted`: for a handoff request, the step still waits on that
 *   person), it is a failed handoff, and a handoff request falls over at once (`SmsFailovers`);
 * - a report for a step that moved on (reports come up to 72 hours late) is on the timeline only.
 * A report seen again (a redelivery, a duplicate) finds the message already marked and changes nothing.
 * Reports that are not failures (delivered, queued, pending) are only counted.
 */
import type { AppConfig } from '../domain/config';
import { CUSTOMER_RECIPIENT, type Lead } from '../domain/lead';
import { markUndelivered, messageRecord } from '../domain/notification-delivery';
import { notificationOfKey } from '../domain/notification-state';
import { personById } from '../domain/roster';
import { type SmsContext, smsContextFrom } from '../domain/sms-context';
import { type Undelivered, undeliveredOf } from '../domain/sms-delivery';
import { TransientError } from '../errors';
import { logger } from '../observability';
import type { NotifyMessage, SmsDeliveryEvent } from '../ports';
import { METRICS } from '../settings';
import type { FailureReports, SmsFailovers } from './collaborators';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';
import { describe, retryOf, stillWanted, WHAT } from './notification-rules';

export type SmsDeliveryDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'metrics'> & {
  failures: Pick<FailureReports, 'report'>;
  failover: SmsFailovers;
};

/** What became of a report (for the handler's log and tests). */
export type DeliveryOutcome =
  /** Not a failure: counted only. */
  | 'ignored'
  /** Not a message of ours we can find (no context, an unknown lead, another message id). */
  | 'unmatched'
  /** Already recorded: nothing changed. */
  | 'duplicate'
  /** On the timeline only: the step it was about has moved on. */
  | 'recorded'
  /** On the timeline and the failed list. */
  | 'reported';

export class SmsDeliveryService {
  constructor(private readonly deps: SmsDeliveryDeps) {}

  async onEvent(event: SmsDeliveryEvent): Promise<DeliveryOutcome> {
    const { metrics } = this.deps;
    const failure = undeliveredOf(event.eventType, event.status);
    if (!failure) {
      metrics.count(METRICS.SmsDeliveryReports, 1, { status: event.status ?? event.eventType });
      return 'ignored';
    }
    metrics.count(METRICS.SmsUndelivered, 1, { status: failure.status });
    const context = smsContextFrom(event.context);
    const matched = context ? await this.record(event.messageId, context, failure) : undefined;
    if (!matched) {
      logger.warn('SMS delivery failure for no message of ours', { status: failure.status });
      return 'unmatched';
    }
    if (matched === 'duplicate') return 'duplicate';
    return this.followUp(matched, failure);
  }

  /**
   * Marks the message undelivered on its lead: the message the lead recorded under `messageId`, which
   * must be the one the context names. Undefined when there is none.
   */
  private async record(
    messageId: string,
    context: SmsContext,
    failure: Undelivered,
  ): Promise<NotifyMessage | 'duplicate' | undefined> {
    const { store, clock } = this.deps;
    const lead = await store.get(context.leadId);
    if (!lead) return undefined;
    const who = whoIs(await this.deps.config.load(), context.recipientId);
    let message: NotifyMessage | undefined;
    let duplicate = false;
    let sending = false;
    await mutateLead(
      store,
      lead.id,
      (current) => {
        const found = messageRecord(current, messageId);
        const sent = found ? notificationOfKey(found.key) : undefined;
        message = found && sent && matches(sent, context) ? messageOf(context, sent) : undefined;
        sending = !found && isBeingSent(current.notifications, context);
        if (!found || !message) return undefined;
        duplicate = found.state.state === 'failed';
        const facts = {
          seq: context.seq,
          channel: 'sms' as const,
          purpose: context.purpose,
          recipientId: context.recipientId,
          ...(message.followUp ? { sequence: message.followUp.sequence, n: message.followUp.n } : {}),
        };
        const summary = `SMS ${WHAT[context.purpose]} to ${who} could not be delivered: ${failure.words}`;
        return markUndelivered(current, found.key, failure.reason, summary, facts, clock.now());
      },
      () => clock.now(),
    );
    // The report overtook the record of its send: try again once the send is recorded.
    if (sending) throw new TransientError('SMS delivery report before its send was recorded');
    return duplicate ? 'duplicate' : message;
  }

  /** A failed handoff when the message still matters; a handoff request then falls over. */
  private async followUp(message: NotifyMessage, failure: Undelivered): Promise<DeliveryOutcome> {
    const lead = await this.deps.store.get(message.leadId);
    if (!lead?.handoff || !stillWanted(message, lead, lead.handoff)) return 'recorded';
    const who = whoIs(await this.deps.config.load(), message.recipientId);
    await this.deps.failures.report({
      leadId: message.leadId,
      seq: message.seq,
      kind: 'notification',
      what: `SMS ${WHAT[message.purpose]} to ${who}`,
      reason: failure.reason,
      attempts: 1,
      retry: retryOf(message),
    });
    if (message.purpose === 'handoff') {
      const { leadId, seq, recipientId } = message;
      await this.deps.failover.afterSmsFailure({ leadId, seq, recipientId }, failure.words);
    }
    return 'reported';
  }
}

type SentKey = NonNullable<ReturnType<typeof notificationOfKey>>;

/** Whom a message was for, as timelines and the failed list name them. */
const whoIs = (config: AppConfig, recipientId: string): string =>
  recipientId === CUSTOMER_RECIPIENT ? 'the customer' : describe(personById(config, recipientId), 'them');

/** Whether the recorded message is the one the context names (the acknowledgement's key has step 0). */
const matches = (sent: SentKey, context: SmsContext): boolean =>
  sent.channel === 'sms' &&
  sent.purpose === context.purpose &&
  sent.recipientId === context.recipientId &&
  (sent.seq === context.seq || (context.purpose === 'acknowledgement' && sent.seq === 0));

/** Whether an SMS the context names is still being sent (claimed, its message id not recorded yet). */
const isBeingSent = (notifications: Lead['notifications'], context: SmsContext): boolean =>
  Object.entries(notifications ?? {}).some(([key, state]) => {
    const sent = notificationOfKey(key);
    return state.state === 'sending' && sent !== undefined && matches(sent, context);
  });

/** The notify message that sent it (what a retry sends again). */
const messageOf = (context: SmsContext, sent: SentKey): NotifyMessage => ({
  type: 'notify',
  leadId: context.leadId,
  seq: context.seq,
  recipientId: context.recipientId,
  channel: 'sms',
  purpose: context.purpose,
  ...(sent.followUp ? { followUp: sent.followUp } : {}),
  ...(sent.idleRound !== undefined ? { idleRound: sent.idleRound } : {}),
});
