/**
 * Sends one notification (SPEC §5, §10): a handoff request with its own link, or a "lead moved" note.
 *
 * Claim → (link token) → send → record. The claim on the lead item means a duplicate or retried
 * message never reaches the same person twice for the same step. Permanent failures (opted-out or
 * invalid number) are recorded, reported as failed handoffs and not retried; transient ones
 * (throttling, outages) release the claim and throw, so the queue retries, and the last attempt
 * before the dead-letter queue reports the failed handoff.
 */
import type { AppConfig, Person } from '../domain/config';
import { failureId } from '../domain/failures';
import { handoffNote } from '../domain/handoff-note';
import type { Handoff, Lead } from '../domain/lead';
import { notificationKey } from '../domain/lead';
import { handoffEmail, handoffSms, movedEmail, movedSms } from '../domain/messages';
import { laneOf } from '../domain/timer-names';
import { claimNotification, recordDelivery, releaseNotification } from '../domain/transitions';
import { DeliveryError, TransientError } from '../errors';
import { hashToken, newLinkToken } from '../link-tokens';
import { logger } from '../observability';
import { METRICS, QUEUE_SETTINGS } from '../pipeline-settings';
import type { NotifyMessage } from '../ports';
import type { PipelineDeps } from './deps';
import { notifyQueue, personById } from './dispatch-service';
import type { FailureService } from './failure-service';
import { mutateLead } from './lead-writes';

/** How long a claim protects a send in progress before another attempt may take it over. */
export const CLAIM_LEASE_SECONDS = 60;

/** Attempts at recording a delivery that already happened: giving up there could mean a second message. */
const RECORD_ATTEMPTS = 10;

export type NotifyOutcome = 'sent' | 'failed' | 'skipped';

export type NotificationDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'sms' | 'email' | 'tokens' | 'pacer' | 'metrics' | 'publicBaseUrl'
> & { failures: FailureService };

const label = (channel: 'sms' | 'email'): string => (channel === 'sms' ? 'SMS' : 'Email');
const describe = (person: Person | undefined, fallback: string) =>
  person ? `${person.name} (${person.role})` : fallback;

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
      const lane = current?.handoff ? notifyQueue(current.handoff) : 'notify-standard';
      if (delivery.attempt >= QUEUE_SETTINGS[lane].maxReceiveCount) {
        const reason = error instanceof DeliveryError ? error.reason : (error as Error).name;
        await this.reportFailure(message, `${reason} after ${delivery.attempt} attempt(s)`, delivery.attempt);
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
    const { leadId, seq, recipientId, channel, purpose } = message;
    return failureId({
      leadId,
      seq,
      kind: 'notification',
      retry: { type: 'notify', leadId, seq, recipientId, channel, purpose },
    });
  }

  private async attempt(
    message: NotifyMessage,
    read: (lead: Lead | undefined) => void,
  ): Promise<NotifyOutcome> {
    const { store, clock } = this.deps;
    const lead = await store.get(message.leadId);
    read(lead);
    const handoff = lead?.handoff;
    if (!lead || !handoff || !this.stillWanted(message, handoff)) return 'skipped';
    const config = await this.deps.config.load();
    const person = personById(config, message.recipientId);
    const address = message.channel === 'sms' ? person?.phone : person?.email;
    const key = notificationKey(message.seq, message.recipientId, message.channel, message.purpose);
    const facts = {
      seq: message.seq,
      channel: message.channel,
      purpose: message.purpose,
      recipientId: message.recipientId,
    };
    const who = describe(person, message.recipientId);

    if (!person || !address) {
      if (lead.notifications?.[key] && !message.retryOf) return 'skipped';
      await this.record(
        lead.id,
        key,
        { sent: false, reason: 'no_address' },
        `No ${message.channel} address for ${who}`,
        facts,
      );
      await this.reportFailure(message, 'no_address', 1);
      return 'failed';
    }
    const lane = laneOf(handoff.ladder);
    if (
      message.channel === 'sms' &&
      lane === 'standard' &&
      !(await this.deps.pacer.tryAcquire(clock.now()))
    ) {
      throw new TransientError('Standard-lane SMS paced: no send slot free now');
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
    if (!claimed.changed) return 'skipped';

    try {
      const messageId = await this.send(message, claimed.lead, handoff, config, person, address);
      const what = message.purpose === 'handoff' ? 'handoff request' : 'lead-moved note';
      await this.recordDelivered(
        lead.id,
        key,
        messageId,
        `${label(message.channel)} ${what} sent to ${who}`,
        facts,
      );
      this.deps.metrics.count(METRICS.NotificationsSent, 1, { channel: message.channel });
      return 'sent';
    } catch (error) {
      if (error instanceof DeliveryError && error.permanent) {
        const summary = `${label(message.channel)} to ${who} failed: ${error.reason.replaceAll('_', ' ')}`;
        await this.record(lead.id, key, { sent: false, reason: error.reason }, summary, facts);
        this.deps.metrics.count(METRICS.NotificationsFailed, 1, { channel: message.channel });
        logger.warn('Notification failed permanently', { leadId: lead.id, ...facts, reason: error.reason });
        await this.reportFailure(message, error.reason, 1);
        return 'failed';
      }
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
    person: Person,
    address: string,
  ): Promise<string> {
    const link =
      message.purpose === 'handoff' ? await this.issueLink(lead, handoff, message.recipientId) : '';
    const note = handoffNote(lead, handoff, config);
    const { timezone: timeZone, name: businessName } = config.business;
    const ref = { leadId: lead.id, seq: message.seq, purpose: message.purpose };
    const request = { note, link, timeZone, businessName, kind: handoff.kind, step: handoff.step };
    const moved = { leadId: lead.id, note, to: handoff.to, reason: handoff.reason, businessName };
    if (message.channel === 'sms') {
      const body = message.purpose === 'handoff' ? handoffSms(request) : movedSms(moved);
      return (
        await this.deps.sms.send({
          to: address,
          recipientId: person.id,
          lane: laneOf(handoff.ladder),
          body,
          ref,
        })
      ).messageId;
    }
    const text = message.purpose === 'handoff' ? handoffEmail(request) : movedEmail(moved);
    return (await this.deps.email.send({ recipientId: person.id, to: address, ref, ...text })).messageId;
  }

  /** A handoff request is only worth sending while that step still waits on that person. */
  private stillWanted(message: NotifyMessage, handoff: Handoff): boolean {
    if (message.purpose === 'moved') return true;
    return (
      handoff.seq === message.seq &&
      handoff.state === 'awaiting_acceptance' &&
      handoff.to.id === message.recipientId
    );
  }

  /** A fresh link for this step and person; only the token's hash is stored. */
  private async issueLink(lead: Lead, handoff: Handoff, recipientId: string): Promise<string> {
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    const token = newLinkToken();
    await this.deps.tokens.put({
      tokenHash: hashToken(token),
      leadId: lead.id,
      seq: handoff.seq,
      recipientId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.business.messaging.linkTtlHours * 3_600_000).toISOString(),
    });
    return `${this.deps.publicBaseUrl}/h/${token}`;
  }

  private async reportFailure(message: NotifyMessage, reason: string, attempts: number): Promise<void> {
    const config = await this.deps.config.load().catch(() => undefined);
    const who = describe(config ? personById(config, message.recipientId) : undefined, message.recipientId);
    const { leadId, seq, recipientId, channel, purpose } = message;
    await this.deps.failures.report({
      leadId,
      seq,
      kind: 'notification',
      what: `${label(channel)} ${purpose === 'handoff' ? 'handoff request' : 'lead-moved note'} to ${who}`,
      reason,
      attempts,
      retry: { type: 'notify', leadId, seq, recipientId, channel, purpose },
    });
  }

  /** The message went out: recording it must not give up easily, or a retry would send it again. */
  private async recordDelivered(
    leadId: string,
    key: string,
    messageId: string,
    summary: string,
    facts: Record<string, string | number>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.record(leadId, key, { sent: true, messageId }, summary, facts);
        return;
      } catch (error) {
        if (!(error instanceof TransientError) || attempt >= RECORD_ATTEMPTS) {
          logger.error('Delivered notification not recorded', { leadId, key, error: error as Error });
          return;
        }
      }
    }
  }

  private async record(
    leadId: string,
    key: string,
    outcome: { sent: true; messageId: string } | { sent: false; reason: string },
    summary: string,
    facts: Record<string, string | number>,
  ): Promise<void> {
    const { store, clock } = this.deps;
    const data = outcome.sent ? facts : { ...facts, reason: outcome.reason };
    await mutateLead(
      store,
      leadId,
      (current) => recordDelivery(current, key, outcome, summary, data, clock.now()),
      () => clock.now(),
    );
  }
}
