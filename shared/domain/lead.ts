/**
 * The lead record and its current handoff: what the store keeps for one lead, and what it waits for.
 *
 * Pure types and constants: no AWS, no environment, no clock. Times are ISO-8601 UTC strings. The words
 * of a lead, its contacts and follow-ups, its notifications and its timeline live in their own files and
 * are re-exported here, so `./lead` stays the one import for the lead record.
 */
import type { ContactLog, FollowUp } from './contact-log';
import { type IdleCheck, nextIdleTimer } from './idle-check';
import type { CompletenessField } from './intake-fields';
import type { IntakeWarning } from './intake-findings';
import type {
  Closure,
  Ladder,
  LeadDetails,
  LeadStatus,
  PersonRef,
  RejectReason,
  Source,
  Stage,
} from './lead-details';
import type { NotificationState } from './notification-state';
import type { TimelineEvent } from './timeline';

export * from './contact-log';
export type { IdleCheck } from './idle-check';
export { COMPLETENESS_FIELDS, type CompletenessField } from './intake-fields';
export type { IntakeWarning } from './intake-findings';
export * from './lead-details';
export * from './notification-state';
export type { Actor, TimelineEvent, TimelineEventType } from './timeline';

export type HandoffKind = 'route' | 'needs_info' | 'escalation' | 'renotify' | 'transfer';
export type HandoffState = 'awaiting_acceptance' | 'accepted' | 'rejected' | 'escalated' | 'superseded';

/**
 * One handoff: a named recipient, a specific next action, a due time and an acceptance deadline.
 * The lead item carries its current handoff; earlier ones live on the timeline.
 */
export interface Handoff {
  /** 1-based, unique within the lead; keys the timer, the links and the notifications of this step. */
  seq: number;
  kind: HandoffKind;
  to: PersonRef;
  /** The previous recipient or owner, when there was one. */
  from?: PersonRef;
  nextAction: string;
  /** When the next action is due. */
  dueAt: string;
  /** The acceptance deadline; the timer fires then. */
  acceptBy: string;
  ladder: Ladder;
  /** 0 for the first recipient; n for the n-th step up the ladder (beyond its end: re-notifications). */
  step: number;
  /** Why this person: the routing rule, the escalation step or the transfer reason. */
  reason: string;
  state: HandoffState;
  createdAt: string;
  resolvedAt?: string;
  rejection?: { reason: RejectReason; text?: string };
  /** `pending` until its timer exists and its notifications are queued (durable dispatch). */
  dispatch: 'pending' | 'done';
  /**
   * Set while a non-urgent handoff waits for opening (or for someone to come on shift): when it starts.
   * Until then nobody on the staff is messaged and its timer is the start, not the deadline
   * (docs/product-rules.md §5, Hours; `after-hours.ts`).
   */
  startsAt?: string;
  /**
   * The short code (`1A`) its SMS asks the recipient to reply with; unique among that person's open
   * handoffs when it was given (`reply-codes.ts`). Set at dispatch, before the SMS is queued.
   */
  replyCode?: string;
}

/** A reply code given to one handoff step of a lead. */
export interface ReplyCodeRecord {
  seq: number;
  personId: string;
  code: string;
}

export interface Lead extends LeadDetails {
  id: string;
  /** Incremented by every state change; the store writes only if it still holds the version it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The source of the API key the lead was posted with. */
  channel: Source;
  status: LeadStatus;
  stage: Stage;
  /** Handoff-contract fields still missing (non-empty only while `needs_info`). */
  missing: CompletenessField[];
  /**
   * What intake noticed about the submissions (docs/product-rules.md §2 "captured with warnings"): values
   * left out, cut or not matched, in plain words with the customer's own words.
   */
  warnings?: IntakeWarning[];
  /** Fields the submissions carried that are not lead fields, kept as text (bounded: `EXTRA_LIMITS`). */
  extra?: Record<string, string>;
  /**
   * A source's test lead (e.g. Google's "send test data"): stored closed, never routed, nobody notified,
   * not counted in the numbers.
   */
  test?: true;
  /** The accepted owner; undefined until someone accepts. */
  owner?: PersonRef;
  /** The current (or last) handoff. */
  handoff?: Handoff;
  /** The current next action and when it is due (mirrors the accepted handoff, then the owner's updates). */
  nextAction?: string;
  nextActionDueAt?: string;
  /** Target follow-up date: estimate leads, No Decision. */
  followUpAt?: string;
  timeline: TimelineEvent[];
  /** Delivery state per notification (see `notificationKey`): nothing is sent twice for the same step. */
  notifications?: Record<string, NotificationState>;
  /**
   * Every reply code this lead's handoffs were given (step, person, code), so a late reply to an
   * earlier step is told what became of it ("taken by ...") rather than that the code is unknown.
   */
  replyCodes?: ReplyCodeRecord[];
  /** Ids of this lead's open failed-handoff records, so the work that later succeeds can close them. */
  openFailures?: string[];
  /** Why the lead came back to intake (a rejection), until it is routed again. */
  returned?: { by: PersonRef; reason: RejectReason; text?: string; at: string };
  /** When the stage last changed (set by the lead card). */
  stageChangedAt?: string;
  /** The latest contact logged on the lead card. */
  lastContact?: ContactLog;
  /** When the latest estimate was sent (Estimate Sent), for the follow-up numbers. */
  estimateSentAt?: string;
  /** The follow-ups of the current sequence, and the number of the latest sequence. */
  followUps?: FollowUp[];
  followUpSequence?: number;
  /** How the lead was closed from the board (booked, lost, duplicate, spam), once it was. */
  closure?: Closure;
  /** Ids of recent lead-card form posts, so a double-submitted form is applied once. */
  submissions?: string[];
  /** The accepted lead's idle next-action check (docs/product-rules.md §5 "Accepted but idle"). */
  idleCheck?: IdleCheck;
}

/** The person a lead is currently waiting on: the recipient of an open handoff, or the accepted owner. */
export const assigneeOf = (lead: Lead): PersonRef | undefined => {
  if (lead.status === 'closed') return undefined;
  if (lead.handoff?.state === 'awaiting_acceptance') return lead.handoff.to;
  return lead.owner;
};

/** Sort key for "nothing due": far in the future. */
export const NO_DUE_AT = '9999-12-31T23:59:59.999Z';

/**
 * What the lead waits for next, which orders it in the `open` index: a handoff not yet dispatched is
 * due at once (its creation time), a handoff waiting for opening at its start, an open handoff at its
 * acceptance deadline, an accepted lead at the
 * earliest of its next action, its next follow-up timer and its follow-up date. "Due before T" therefore
 * finds stuck dispatches, missed deadlines and lost follow-up timers alike.
 */
export const leadDueAt = (lead: Lead): string => {
  const handoff = lead.handoff;
  if (handoff?.state === 'awaiting_acceptance')
    return handoff.dispatch === 'pending' ? handoff.createdAt : (handoff.startsAt ?? handoff.acceptBy);
  const candidates = [lead.nextActionDueAt, leadTimerAt(lead), lead.followUpAt].filter(
    (at): at is string => at !== undefined,
  );
  return candidates.sort()[0] ?? NO_DUE_AT;
};

/** When the lead's next follow-up timer should fire: a reminder, or the due check of a reminded one. */
export const followUpTimerAt = (lead: Pick<Lead, 'followUps'>): string | undefined =>
  (lead.followUps ?? [])
    .flatMap((f) => (f.state === 'scheduled' ? [f.remindAt] : f.state === 'reminded' ? [f.dueAt] : []))
    .sort()[0];

/**
 * When the lead's next one-time timer after acceptance should fire: a follow-up's or the idle check's
 * (only while accepted: the check of a lead handed on again does nothing when it fires). The `open`
 * index projects it as `timerAt`, so the reconciler finds timers that were lost.
 */
export const leadTimerAt = (lead: Pick<Lead, 'followUps' | 'idleCheck' | 'status'>): string | undefined =>
  [followUpTimerAt(lead), lead.status === 'accepted' ? nextIdleTimer(lead.idleCheck)?.at : undefined]
    .filter((at): at is string => at !== undefined)
    .sort()[0];
