/**
 * The delivery record of each notification on the lead: a message is claimed before it is sent, so
 * retries and duplicates never message a person twice for the same step, and its outcome (sent, or
 * failed with a reason) is recorded on the lead and its timeline. Pure, like the handoff transitions.
 */
import type { Lead, NotificationState } from './lead';
import { type NotificationFacts, SYSTEM, timelineEvent } from './timeline';

export type ClaimResult = { lead: Lead } | { skip: 'sent' | 'failed' | 'in_flight' };

/**
 * Claims one notification before it is sent, so retries and duplicates never message a person twice
 * for the same step. A claim left `sending` by a crashed sender can be taken over after its lease.
 */
export const claimNotification = (
  lead: Lead,
  key: string,
  now: Date,
  leaseSeconds: number,
  options: { retryFailed?: boolean } = {},
): ClaimResult => {
  const existing = lead.notifications?.[key];
  if (existing?.state === 'sent') return { skip: 'sent' };
  if (existing?.state === 'failed' && !options.retryFailed) return { skip: 'failed' };
  if (
    existing?.state === 'sending' &&
    existing.leaseUntil &&
    Date.parse(existing.leaseUntil) > now.getTime()
  ) {
    return { skip: 'in_flight' };
  }
  const claim: NotificationState = {
    state: 'sending',
    at: now.toISOString(),
    attempts: (existing?.attempts ?? 0) + 1,
    leaseUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
  };
  return { lead: { ...lead, notifications: { ...lead.notifications, [key]: claim } } };
};

/**
 * Records a delivery (or a permanent failure, with its reason) on the lead and its timeline. A message to
 * the customer is an `acknowledgement_sent` entry, any other a `notification_sent` one.
 */
export const recordDelivery = (
  lead: Lead,
  key: string,
  outcome: { sent: true; messageId: string } | { sent: false; reason: string },
  summary: string,
  facts: NotificationFacts,
  now: Date,
  /** The timeline entry's type when sent (default `notification_sent`). */
  sentType: 'notification_sent' | 'acknowledgement_sent' = 'notification_sent',
): Lead => {
  const previous = lead.notifications?.[key];
  const state: NotificationState = {
    state: outcome.sent ? 'sent' : 'failed',
    at: now.toISOString(),
    attempts: previous?.attempts ?? 1,
    ...(outcome.sent ? { messageId: outcome.messageId } : { reason: outcome.reason }),
  };
  const entry = outcome.sent
    ? timelineEvent(now, sentType, SYSTEM, summary, facts)
    : timelineEvent(now, 'notification_failed', SYSTEM, summary, { ...facts, reason: outcome.reason });
  return {
    ...lead,
    notifications: { ...lead.notifications, [key]: state },
    timeline: [...lead.timeline, entry],
  };
};

/** Releases a claim after a transient failure so the retry can send. */
export const releaseNotification = (lead: Lead, key: string, now: Date): Lead | undefined => {
  const existing = lead.notifications?.[key];
  if (existing?.state !== 'sending') return undefined;
  return {
    ...lead,
    notifications: { ...lead.notifications, [key]: { ...existing, leaseUntil: now.toISOString() } },
  };
};

/** The delivery record of the message AWS knows as `messageId` (and its key), if this lead sent it. */
export const messageRecord = (
  lead: Lead,
  messageId: string,
): { key: string; state: NotificationState } | undefined => {
  for (const [key, state] of Object.entries(lead.notifications ?? {})) {
    if (state.messageId === messageId) return { key, state };
  }
  return undefined;
};

/**
 * Records that a message handed over as sent never reached the phone (a carrier's delivery report):
 * its record turns `failed` with the reason (keeping its message id), and the timeline says so. A
 * record that is not `sent` (the report came before, or the message is not this one) changes nothing.
 */
export const markUndelivered = (
  lead: Lead,
  key: string,
  reason: string,
  summary: string,
  facts: NotificationFacts,
  now: Date,
): Lead | undefined => {
  const previous = lead.notifications?.[key];
  if (previous?.state !== 'sent') return undefined;
  const state: NotificationState = { ...previous, state: 'failed', at: now.toISOString(), reason };
  return {
    ...lead,
    notifications: { ...lead.notifications, [key]: state },
    timeline: [
      ...lead.timeline,
      timelineEvent(now, 'notification_failed', SYSTEM, summary, { ...facts, reason }),
    ],
  };
};
