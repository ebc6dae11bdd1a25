/**
 * Sends one notification (SPEC §5, §10): a handoff request with its own link, or a "lead moved" note.
 *
 * Claim → (link token) → send → record. The claim on the lead item means a duplicate or retried
 * message never reaches the same person twice for the same step. Permanent failures (opted-out or
 * invalid number) are recorded and not retried; transient ones (throttling, outages) release the
 * claim and throw, so the queue retries and finally dead-letters them.
 */
import { handoffNote } from '../domain/handoff-note';
import type { Handoff, Lead } from '../domain/lead';
import { notificationKey } from '../domain/lead';
import { handoffEmail, handoffSms, movedEmail, movedSms } from '../domain/messages';
import { laneOf } from '../domain/timer-names';
import { claimNotification, recordDelivery, releaseNotification } from '../domain/transitions';
import { DeliveryError, TransientError } from '../errors';
import { hashToken, newLinkToken } from '../link-tokens';
import { logger } from '../observability';
import type { NotifyMessage } from '../ports';
import type { PipelineDeps } from './deps';
import { personById } from './dispatch-service';
import { mutateLead } from './lead-writes';

/** How long a claim protects a send in progress before another attempt may take it over. */
export const CLAIM_LEASE_SECONDS = 60;

export type NotifyOutcome = 'sent' | 'failed' | 'skipped';

export type NotificationDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'sms' | 'email' | 'tokens' | 'pacer' | 'metrics' | 'publicBaseUrl'
>;

export class NotificationService {
  constructor(private readonly deps: NotificationDeps) {}

  async notify(message: NotifyMessage): Promise<NotifyOutcome> {
    const { store, clock } = this.deps;
    const lead = await store.get(message.leadId);
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
    const who = person ? `${person.name} (${person.role})` : message.recipientId;

    if (!person || !address) {
      if (lead.notifications?.[key]) return 'skipped';
      await this.record(
        lead.id,
        key,
        { sent: false, reason: 'no_address' },
        `No ${message.channel} address for ${who}`,
        facts,
      );
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
    const claimed = await mutateLead(
      store,
      lead.id,
      (current) => {
        const claim = claimNotification(current, key, clock.now(), CLAIM_LEASE_SECONDS);
        return 'lead' in claim ? claim.lead : undefined;
      },
      () => clock.now(),
    );
    if (!claimed.changed) return 'skipped';

    try {
      const link =
        message.purpose === 'handoff' ? await this.issueLink(lead, handoff, message.recipientId) : undefined;
      const note = handoffNote(claimed.lead, handoff, config);
      const business = config.business;
      const { messageId } =
        message.channel === 'sms'
          ? await this.deps.sms.send({
              to: address,
              recipientId: person.id,
              lane,
              body:
                message.purpose === 'handoff'
                  ? handoffSms({
                      note,
                      link: link ?? '',
                      timeZone: business.timezone,
                      businessName: business.name,
                      kind: handoff.kind,
                      step: handoff.step,
                    })
                  : movedSms({
                      leadId: lead.id,
                      note,
                      to: handoff.to,
                      reason: handoff.reason,
                      businessName: business.name,
                    }),
            })
          : await this.deps.email.send({
              recipientId: person.id,
              to: address,
              ...(message.purpose === 'handoff'
                ? handoffEmail({
                    note,
                    link: link ?? '',
                    timeZone: business.timezone,
                    businessName: business.name,
                    kind: handoff.kind,
                    step: handoff.step,
                  })
                : movedEmail({
                    leadId: lead.id,
                    note,
                    to: handoff.to,
                    reason: handoff.reason,
                    businessName: business.name,
                  })),
            });
      const what = message.purpose === 'handoff' ? 'handoff request' : 'lead-moved note';
      await this.record(
        lead.id,
        key,
        { sent: true, messageId },
        `${label(message.channel)} ${what} sent to ${who}`,
        facts,
      );
      this.deps.metrics.count('NotificationsSent', 1, { channel: message.channel });
      return 'sent';
    } catch (error) {
      if (error instanceof DeliveryError && error.permanent) {
        const summary = `${label(message.channel)} to ${who} failed: ${error.reason.replaceAll('_', ' ')}`;
        await this.record(lead.id, key, { sent: false, reason: error.reason }, summary, facts);
        this.deps.metrics.count('NotificationsFailed', 1, { channel: message.channel });
        logger.warn('Notification failed permanently', { leadId: lead.id, ...facts, reason: error.reason });
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

  private async record(
    leadId: string,
    key: string,
    outcome: { sent: true; messageId: string } | { sent: false; reason: string },
    summary: string,
    facts: Record<string, string | number>,
  ): Promise<void> {
    const { store, clock } = this.deps;
    await mutateLead(
      store,
      leadId,
      (current) =>
        recordDelivery(
          current,
          key,
          outcome,
          summary,
          outcome.sent ? facts : { ...facts, reason: outcome.reason },
          clock.now(),
        ),
      () => clock.now(),
    );
  }
}

const label = (channel: 'sms' | 'email'): string => (channel === 'sms' ? 'SMS' : 'Email');
