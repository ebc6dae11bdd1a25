/**
 * The words of what happens to a lead, re-exported by `wording.ts` (the one import for labels): timeline
 * entry types, who did something, message channels and purposes, how a contact happened and who waits,
 * and failures with their reasons. A leaf module: it imports only types.
 */
import type { ContactChannel, WaitingOn } from './contact-log';
import type { FailureKind } from './failures';
import type { Channel, NotificationPurpose } from './notification-state';
import type { Actor, TimelineEventType } from './timeline';

/** Each timeline entry type as people read it (a heading or a column of a timeline). */
export const TIMELINE_LABELS: Readonly<Record<TimelineEventType, string>> = {
  lead_received: 'Lead received',
  needs_info: 'Needs information',
  lead_completed: 'Details completed',
  details_updated: 'Details updated',
  contacted_again: 'Customer back',
  routed: 'Routed',
  handoff_created: 'Handoff',
  handoff_held: 'Held for opening',
  handoff_started: 'Handoff started',
  notification_sent: 'Message sent',
  notification_failed: 'Message failed',
  accepted: 'Accepted',
  rejected: 'Sent back',
  escalated: 'Escalated',
  transferred: 'Transferred',
  unowned: 'Nobody accepted',
  status_changed: 'Status changed',
  next_action_set: 'Next action set',
  next_action_overdue: 'Next action overdue',
  next_action_escalated: 'Next action idle',
  contact_logged: 'Contact logged',
  follow_up_scheduled: 'Follow-ups set',
  follow_up_due: 'Follow-up due',
  follow_up_logged: 'Follow-up logged',
  follow_up_missed: 'Follow-up missed',
  follow_up_cancelled: 'Follow-ups cancelled',
  acknowledgement_sent: 'Customer told',
  failed_handoff: 'Failed handoff',
  retried: 'Failure resolved',
};

/** Who did something on a timeline: the person's name, `ops`, `the customer`, or `the system`. */
export const actorLabel = (actor: Actor): string => {
  if (actor.name) return actor.name;
  if (actor.kind === 'source') return 'the customer';
  if (actor.kind === 'ops') return 'ops';
  return 'the system';
};

/** How a channel is written: `SMS`, `Email`. */
export const channelLabel = (channel: Channel): string => (channel === 'sms' ? 'SMS' : 'Email');

/** What each message is called in timelines and failure records. */
export const NOTIFICATION_LABELS: Readonly<Record<NotificationPurpose, string>> = {
  handoff: 'handoff request',
  moved: 'lead-moved note',
  acknowledgement: 'acknowledgement',
  follow_up: 'follow-up reminder',
  follow_up_missed: 'missed follow-up notice',
  taken: '"taken by" note',
  idle_reminder: 'overdue next-action reminder',
  idle_escalation: 'idle next-action notice',
};

/** How a contact with the customer happened, in words. */
export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = {
  call: 'Call',
  sms: 'Text',
  email: 'Email',
  visit: 'Visit',
  other: 'Other',
};

/** Who waits on whom after a contact, in words. */
export const WAITING_ON_LABELS: Readonly<Record<WaitingOn, string>> = {
  us: 'The customer is waiting on us',
  customer: 'We are waiting on the customer',
};

/** What kind of step failed, in words. */
export const FAILURE_KIND_LABELS: Readonly<Record<FailureKind, string>> = {
  notification: 'message',
  timer: 'timer',
  dispatch: 'dispatch',
  deadline: 'deadline',
  unowned: 'nobody accepted',
  unmapped: 'unreadable lead source message',
};

const FAILURE_REASONS: Readonly<Record<string, string>> = {
  opted_out: 'the number opted out of texts',
  invalid_number: 'not a valid number',
  no_address: 'no phone or email on file',
  throttled: 'the carrier was busy',
  unavailable: 'the messaging service was unavailable',
  rejected: 'refused by the carrier',
};

/** Why a message or step failed, in words: a known delivery code's meaning, else the reason as given. */
export const failureReasonLabel = (reason: string): string =>
  FAILURE_REASONS[reason] ?? reason.replaceAll('_', ' ');
