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
import { CUSTOMER_RECIPIENT, notificationKey } from '../domain/lead';
import { type EmailText, handoffEmail, handoffSms, movedEmail, movedSms } from '../domain/messages';
import { claimNotification, recordDelivery, releaseNotification } from '../domain/notification-delivery';
import { acknowledgementSms, followUpMissedNotice, followUpReminder } from '../domain/sop-messages';
import type { NotificationFacts } from '../domain/timeline';
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
> & {
  failures: FailureService;
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

const label = (channel: 'sms' | 'email'): string => (channel === 'sms' ? 'SMS' : 'Email');

/** What each purpose is called in timelines and failure records. */
const WHAT: Record<NotifyMessage['purpose'], string> = {
  handoff: 'handoff request',
  moved: 'lead-moved note',
  acknowledgement: 'acknowledgement',
  follow_up: 'follow-up reminder',
  follow_up_missed: 'missed follow-up notice',
};

/** The dedupe key of a message: the customer's acknowledgement is one per lead, whatever the step. */
const keyOf = (message: NotifyMessage): string =>
  notificationKey(
    message.purpose === 'acknowledgement' ? 0 : message.seq,
    message.recipientId,
    message.channel,
    message.purpose,
    message.followUp,
  );
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
      const lane = laneFor(message, current?.handoff);
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
    const address = toCustomer
      ? message.channel === 'sms'
        ? lead.phone
        : undefined
      : message.channel === 'sms'
        ? person?.phone
        : person?.email;
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
    const lane = laneFor(message, handoff) === 'notify-urgent' ? 'urgent' : 'standard';
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
    if (!claimed.changed) return 'skipped';

    try {
      const sent = await this.send(message, claimed.lead, handoff, config, address, lane);
      const what = WHAT[message.purpose];
      await this.recordDelivered(
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
    address: string,
    lane: 'urgent' | 'standard',
  ): Promise<{ messageId: string; text: string }> {
    const { business } = config;
    const ref = { leadId: lead.id, seq: message.seq, purpose: message.purpose };
    const recipientId = message.recipientId;
    const content = await this.content(message, lead, handoff, config);
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

  /** The SMS text and email of a message, with a fresh link where the message carries one. */
  private async content(
    message: NotifyMessage,
    lead: Lead,
    handoff: Handoff,
    config: AppConfig,
  ): Promise<{ sms: string; email?: EmailText }> {
    const { timezone: timeZone, name: businessName } = config.business;
    const followUp = lead.followUps?.find(
      (f) => f.sequence === message.followUp?.sequence && f.n === message.followUp?.n,
    );
    switch (message.purpose) {
      case 'acknowledgement':
        return { sms: acknowledgementSms(lead, config.business, this.deps.clock.now()).text };
      case 'follow_up':
      case 'follow_up_missed': {
        if (!followUp) throw new TransientError('Follow-up not found on the lead');
        const review = message.purpose === 'follow_up_missed';
        const link = await this.issueLink(
          lead,
          message.seq,
          message.recipientId,
          review ? 'review' : undefined,
        );
        return review
          ? followUpMissedNotice(lead, followUp, link, config.business)
          : followUpReminder(lead, followUp, link, config.business);
      }
      case 'handoff':
      case 'moved': {
        const link =
          message.purpose === 'handoff' ? await this.issueLink(lead, handoff.seq, message.recipientId) : '';
        const note = handoffNote(lead, handoff, config);
        const request = { note, link, timeZone, businessName, kind: handoff.kind, step: handoff.step };
        const moved = { leadId: lead.id, note, to: handoff.to, reason: handoff.reason, businessName };
        return message.purpose === 'handoff'
          ? { sms: handoffSms(request), email: handoffEmail(request) }
          : { sms: movedSms(moved), email: movedEmail(moved) };
      }
    }
  }

  /** A fresh link for this step and person; only the token's hash is stored. */
  private async issueLink(lead: Lead, seq: number, recipientId: string, purpose?: 'review'): Promise<string> {
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    const token = newLinkToken();
    const { linkTtlHours, cardLinkTtlDays } = config.business.messaging;
    // A handoff link lives for the acceptance; a lead card or review link for the follow-up work.
    const ttlHours =
      seq === lead.handoff?.seq && lead.status === 'accepted' ? cardLinkTtlDays * 24 : linkTtlHours;
    await this.deps.tokens.put({
      tokenHash: hashToken(token),
      leadId: lead.id,
      seq,
      recipientId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlHours * 3_600_000).toISOString(),
      ...(purpose ? { purpose } : {}),
    });
    return `${this.deps.publicBaseUrl}/h/${token}`;
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

  /** The message went out: recording it must not give up easily, or a retry would send it again. */
  private async recordDelivered(
    leadId: string,
    key: string,
    messageId: string,
    summary: string,
    facts: NotificationFacts,
    type: 'notification_sent' | 'acknowledgement_sent',
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.record(leadId, key, { sent: true, messageId }, summary, facts, type);
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
    facts: NotificationFacts,
    type?: 'notification_sent' | 'acknowledgement_sent',
  ): Promise<void> {
    const { store, clock } = this.deps;
    const data = outcome.sent ? facts : { ...facts, reason: outcome.reason };
    await mutateLead(
      store,
      leadId,
      (current) => recordDelivery(current, key, outcome, summary, data, clock.now(), type),
      () => clock.now(),
    );
  }
}

/** The failed-handoff retry that sends this message again. */
const retryOf = (message: NotifyMessage) => {
  const { leadId, seq, recipientId, channel, purpose, followUp } = message;
  return {
    type: 'notify' as const,
    leadId,
    seq,
    recipientId,
    channel,
    purpose,
    ...(followUp ? { followUp } : {}),
  };
};

/** The queue (lane) of a message: a handoff's by its ladder; follow-up messages travel standard. */
export const laneFor = (message: Pick<NotifyMessage, 'purpose'>, handoff: Handoff | undefined) =>
  handoff &&
  (message.purpose === 'handoff' || message.purpose === 'moved' || message.purpose === 'acknowledgement')
    ? notifyQueue(handoff)
    : 'notify-standard';

/** Whether the message is still worth sending as the lead stands now. */
const stillWanted = (message: NotifyMessage, lead: Lead, handoff: Handoff): boolean => {
  switch (message.purpose) {
    case 'moved':
      return true;
    case 'handoff':
      return (
        handoff.seq === message.seq &&
        handoff.state === 'awaiting_acceptance' &&
        handoff.to.id === message.recipientId
      );
    case 'acknowledgement':
      return lead.status !== 'closed' && lead.consent?.sms === true && lead.phone !== undefined;
    case 'follow_up':
    case 'follow_up_missed': {
      const followUp = lead.followUps?.find(
        (f) => f.sequence === message.followUp?.sequence && f.n === message.followUp?.n,
      );
      if (!followUp || lead.status !== 'accepted') return false;
      return message.purpose === 'follow_up'
        ? followUp.state === 'reminded' && lead.owner?.id === message.recipientId
        : followUp.state === 'missed' && followUp.escalatedTo?.id === message.recipientId;
    }
  }
};
