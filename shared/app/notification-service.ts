/**
 * Sends one notification: a handoff request with its own link, a "lead moved" note, the customer's
 * acknowledgement, or a follow-up reminder or missed-follow-up notice. What it says is
 * `notification-content.ts`; its key, relevance and names are `notification-rules.ts`.
 *
 * Claim → (link token) → send → record. The claim on the lead item means a duplicate or retried
 * message never reaches the same person twice for the same step. Permanent failures (opted-out or
 * invalid number) are recorded, reported as failed handoffs and not retried, and a handoff request
 * whose SMS failed so falls over at once (`SmsFailovers`, docs/product-rules.md §12); transient ones
 * (throttling, outages) release the claim and throw, so the queue retries, and the last attempt
 * before the dead-letter queue reports the failed handoff.
 */
import type { AppConfig } from '../domain/config';
import { failureId } from '../domain/failures';
import { type Lane, messageLane } from '../domain/lanes';
import type { Handoff, Lead } from '../domain/lead';
import { CUSTOMER_RECIPIENT } from '../domain/lead';
import { claimNotification, releaseNotification } from '../domain/notification-delivery';
import { personById } from '../domain/roster';
import { failureReasonLabel, plural } from '../domain/wording';
import { DeliveryError, TransientError } from '../errors';
import { logger } from '../observability';
import type { CustomerSmsLimits, NotifyMessage } from '../ports';
import { METRICS, NOTIFY_QUEUES, QUEUE_SETTINGS } from '../settings';
import type { FailureReports, SmsFailovers } from './collaborators';
import { passCustomerSms } from './customer-sms-gate';
import type { PipelineDeps } from './deps';
import { mutateLead } from './lead-writes';
import type { LinkIssuer } from './link-issuer';
import { addressOf, messageContent } from './notification-content';
import { recordDelivered, recordOutcome } from './notification-records';
import { describe, keyOf, channelLabel as label, retryOf, stillWanted, WHAT } from './notification-rules';

/** How long a claim protects a send in progress before another attempt may take it over. */
export const CLAIM_LEASE_SECONDS = 60;

export type NotifyOutcome = 'sent' | 'failed' | 'skipped';

export type NotificationDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'sms' | 'email' | 'pacer' | 'metrics'
> & {
  customerSms: CustomerSmsLimits;
  failures: FailureReports;
  /** A handoff request's SMS that failed for good: its email, or the next step, at once. */
  failover: SmsFailovers;
  /** Issues the link a handoff request, a follow-up reminder or a missed-follow-up notice carries. */
  linkIssuer: LinkIssuer;
  /** Waits for a reserved send slot (a timer on AWS; simulated time in the local runner). */
  sleep?: (ms: number) => Promise<void>;
  /** How long `sleep` can wait now (default `MAX_PACED_WAIT_MS`; 0 where time cannot pass). */
  pacedWaitMs?: () => number;
};

/**
 * The longest a standard-lane SMS waits, inside one invocation, for the send slot it reserved (the
 * notifier's timeout is 10 s). With the lane's bounded concurrency the next slot is never further.
 */
export const MAX_PACED_WAIT_MS = 5_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class NotificationService {
  constructor(private readonly deps: NotificationDeps) {}

  /**
   * Sends the message. `attempt` is the queue's receive count: a failure on the last receive before
   * the dead-letter queue is also reported as a failed handoff. A retry by ops (`retryOf`) may send a
   * notification that failed before, and closes its record when it is delivered or no longer needed.
   */
  async notify(
    message: NotifyMessage,
    delivery: { attempt: number } = { attempt: 1 },
  ): Promise<NotifyOutcome> {
    let outcome: NotifyOutcome;
    let lead: Lead | undefined;
    try {
      outcome = await this.attempt(message, (read) => {
        lead = read;
      });
    } catch (error) {
      const current = await this.deps.store.get(message.leadId).catch(() => undefined);
      const lane = NOTIFY_QUEUES[messageLane(message.purpose, current?.handoff)];
      if (delivery.attempt >= QUEUE_SETTINGS[lane].maxReceiveCount) {
        const reason = error instanceof DeliveryError ? error.reason : (error as Error).name;
        await this.reportFailure(
          message,
          `${reason} after ${plural(delivery.attempt, 'attempt')}`,
          delivery.attempt,
        );
      }
      throw error;
    }
    if (outcome !== 'failed') {
      const resolution = outcome === 'sent' ? 'retried: delivered' : 'retried: no longer needed';
      if (message.retryOf) await this.deps.failures.resolve(message.retryOf, resolution);
      else if (lead) await this.deps.failures.resolveIfOpen(lead, this.failureIdOf(message), resolution);
    }
    return outcome;
  }

  private failureIdOf(message: NotifyMessage): string {
    const { leadId, seq } = message;
    return failureId({ leadId, seq, kind: 'notification', retry: retryOf(message) });
  }

  private async attempt(
    message: NotifyMessage,
    read: (lead: Lead | undefined) => void,
  ): Promise<NotifyOutcome> {
    const { store, clock } = this.deps;
    const lead = await store.get(message.leadId);
    read(lead);
    const handoff = lead?.handoff;
    if (!lead || !handoff || !stillWanted(message, lead, handoff)) return 'skipped';
    const config = await this.deps.config.load();
    const toCustomer = message.recipientId === CUSTOMER_RECIPIENT;
    const person = toCustomer ? undefined : personById(config, message.recipientId);
    const address = addressOf(message, lead, person);
    const key = keyOf(message);
    const facts = {
      seq: message.seq,
      channel: message.channel,
      purpose: message.purpose,
      recipientId: message.recipientId,
      ...(message.followUp ? { sequence: message.followUp.sequence, n: message.followUp.n } : {}),
    };
    const who = toCustomer ? 'the customer' : describe(person, message.recipientId);

    if ((!person && !toCustomer) || !address) {
      // Already recorded (a redelivered copy): report what happened then, so a failure stays open.
      const earlier = lead.notifications?.[key];
      if (earlier && !message.retryOf) return earlier.state === 'failed' ? 'failed' : 'skipped';
      await recordOutcome(
        this.deps,
        lead.id,
        key,
        { sent: false, reason: 'no_address' },
        `No ${message.channel} address for ${who}`,
        facts,
      );
      await this.reportFailure(message, 'no_address', 1);
      return 'failed';
    }
    const lane = messageLane(message.purpose, handoff);
    if (message.channel === 'sms' && lane === 'standard') {
      // Book the next send slot and wait for it, rather than fail and come back a visibility timeout later.
      const slot = await this.deps.pacer.reserve(clock.now(), this.deps.pacedWaitMs?.() ?? MAX_PACED_WAIT_MS);
      if (!slot) throw new TransientError('Standard-lane SMS paced: no send slot free in the next seconds');
      const wait = slot.getTime() - clock.now().getTime();
      if (wait > 0) await (this.deps.sleep ?? sleepFor)(wait);
    }
    let skip: 'sent' | 'failed' | 'in_flight' | undefined;
    const claimed = await mutateLead(
      store,
      lead.id,
      (current) => {
        const claim = claimNotification(current, key, clock.now(), CLAIM_LEASE_SECONDS, {
          retryFailed: message.retryOf !== undefined,
        });
        skip = 'skip' in claim ? claim.skip : undefined;
        return 'lead' in claim ? claim.lead : undefined;
      },
      () => clock.now(),
    );
    // Another attempt holds the claim (or a lost response hid our own): try again after its lease.
    if (skip === 'in_flight') throw new TransientError('Notification is being sent by another attempt');
    // A redelivered copy of a message that failed for good is still a failure: its record stays open.
    if (!claimed.changed) return skip === 'failed' ? 'failed' : 'skipped';
    const pass = await passCustomerSms(this.deps, message, address, lead.id, config.business, clock.now());
    if (!pass.send) {
      await recordOutcome(this.deps, lead.id, key, { sent: false, reason: pass.reason }, pass.summary, facts);
      return 'skipped';
    }
    try {
      const sent = await this.send(message, claimed.lead, handoff, config, address, lane);
      const what = WHAT[message.purpose];
      await recordDelivered(
        this.deps,
        lead.id,
        key,
        sent.messageId,
        toCustomer
          ? `${label(message.channel)} acknowledgement sent to the customer: "${sent.text}"`
          : `${label(message.channel)} ${what} sent to ${who}`,
        facts,
        toCustomer ? 'acknowledgement_sent' : 'notification_sent',
      );
      this.deps.metrics.count(METRICS.NotificationsSent, 1, { channel: message.channel });
      if (toCustomer) this.deps.metrics.count(METRICS.AcknowledgementsSent);
      return 'sent';
    } catch (error) {
      if (error instanceof DeliveryError && error.permanent) {
        const summary = `${label(message.channel)} to ${who} failed: ${failureReasonLabel(error.reason)}`;
        await recordOutcome(this.deps, lead.id, key, { sent: false, reason: error.reason }, summary, facts);
        this.deps.metrics.count(METRICS.NotificationsFailed, 1, { channel: message.channel });
        logger.warn('Notification failed permanently', { leadId: lead.id, ...facts, reason: error.reason });
        await this.reportFailure(message, error.reason, 1);
        if (message.channel === 'sms' && message.purpose === 'handoff') {
          const { leadId, seq, recipientId } = message;
          await this.deps.failover.afterSmsFailure(
            { leadId, seq, recipientId },
            failureReasonLabel(error.reason),
          );
        }
        return 'failed';
      }
      await pass.undo().catch(() => undefined);
      await mutateLead(
        store,
        lead.id,
        (current) => releaseNotification(current, key, clock.now()),
        () => clock.now(),
      );
      throw error instanceof DeliveryError || error instanceof TransientError
        ? error
        : new TransientError('Notification could not be sent', { cause: error });
    }
  }

  private async send(
    message: NotifyMessage,
    lead: Lead,
    handoff: Handoff,
    config: AppConfig,
    address: string,
    lane: Lane,
  ): Promise<{ messageId: string; text: string }> {
    const { business } = config;
    const ref = { leadId: lead.id, seq: message.seq, purpose: message.purpose };
    const recipientId = message.recipientId;
    const content = await messageContent(
      message,
      lead,
      handoff,
      config,
      this.deps.clock.now(),
      this.deps.linkIssuer,
    );
    if (message.channel === 'sms') {
      const { messageId } = await this.deps.sms.send({
        to: address,
        recipientId,
        lane,
        body: content.sms,
        ref,
      });
      return { messageId, text: content.sms };
    }
    const email = content.email ?? { subject: business.name, body: content.sms };
    const { messageId } = await this.deps.email.send({ recipientId, to: address, ref, ...email });
    return { messageId, text: email.subject };
  }

  private async reportFailure(message: NotifyMessage, reason: string, attempts: number): Promise<void> {
    const config = await this.deps.config.load().catch(() => undefined);
    const who = describe(config ? personById(config, message.recipientId) : undefined, message.recipientId);
    const { leadId, seq, channel, purpose } = message;
    await this.deps.failures.report({
      leadId,
      seq,
      kind: 'notification',
      what: `${label(channel)} ${WHAT[purpose]} to ${message.recipientId === CUSTOMER_RECIPIENT ? 'the customer' : who}`,
      reason,
      attempts,
      retry: retryOf(message),
    });
  }
}
