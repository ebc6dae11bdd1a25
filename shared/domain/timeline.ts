/**
 * A lead's timeline: every intake, routing decision, handoff, acceptance, rejection, escalation,
 * notification, follow-up and status change, with who and when.
 *
 * Each entry has a `type`, and the small structured facts of that type in `data` (handoff seq, rule id,
 * reason code...; never free-form personal data). `TimelineFacts` declares, once, which facts each type
 * carries: readers narrow on `type` and read them typed, and `timelineEvent` checks what a writer puts
 * in. Stored leads are plain JSON, so these types describe exactly what is written, field for field.
 */
import type { ContactChannel, WaitingOn } from './contact-log';
import type { FailureKind } from './failures';
import type { Fit, Ladder, RejectReason, Stage, Urgency } from './lead-details';
import type { Channel, NotificationPurpose } from './notification-state';

/** Who did it: a person on the roster, ops, the posting source, or the system itself. */
export interface Actor {
  kind: 'system' | 'person' | 'ops' | 'source';
  id?: string;
  name?: string;
}

export const SYSTEM: Actor = { kind: 'system' };

/**
 * Who a routing decision named (`toId`), the configured or built-in rule that chose them, and who it
 * passed over because they were away (roster ids, and when each was back).
 */
export interface RoutingFacts {
  ruleId?: string;
  toId: string;
  away?: { id: string; until: string }[];
}

/** One message of a handoff step; `sequence` and `n` name the follow-up a reminder is about. */
export interface NotificationFacts {
  seq: number;
  channel: Channel;
  purpose: NotificationPurpose;
  recipientId: string;
  sequence?: number;
  n?: number;
}

/** A failed-handoff record noted on the lead (when reported and when resolved). */
export interface FailureFacts {
  failureId: string;
  kind: FailureKind;
  seq: number;
}

/**
 * The facts (`data`) of each timeline entry type; `undefined` for a type written without data. `seq` is
 * the handoff step, `sequence`/`n` a follow-up, `*Id` a roster id, times ISO-8601 UTC.
 */
export interface TimelineFacts {
  lead_received: { urgency: Urgency | 'unknown'; fit: Fit };
  needs_info: RoutingFacts;
  lead_completed: undefined;
  details_updated: undefined;
  /** `filled`: the comma-separated fields the repeat contact supplied, when it supplied any. */
  contacted_again: { filled?: string };
  routed: RoutingFacts;
  handoff_created: { seq: number; toId: string; ladder: Ladder; step: number; acceptBy: string };
  /** A non-urgent handoff that waits for opening (or a shift): nobody is messaged before `startsAt`. */
  handoff_held: { seq: number; startsAt: string };
  /** A held handoff started: its recipient is messaged now, with a fresh window. */
  handoff_started: { seq: number; acceptBy: string };
  notification_sent: NotificationFacts;
  notification_failed: NotificationFacts & { reason: string };
  accepted: { seq: number; latencySeconds: number };
  rejected: { seq: number; reason: RejectReason };
  escalated: { seq: number; step: number; kind: 'escalate' | 'renotify'; toId: string };
  transferred: { toId: string; fromId?: string };
  unowned: { seq: number };
  status_changed: { from: Stage; to: Stage };
  next_action_set: { dueAt: string };
  /** The owner was reminded of a next action past due (`round`: the idle check). */
  next_action_overdue: { round: number; dueAt: string };
  /** Still idle after the grace period; `escalatedTo`: the roster id of the person told, when someone was. */
  next_action_escalated: { round: number; dueAt: string; escalatedTo?: string };
  /** `contactAt`: when the contact happened (it may be logged later). */
  contact_logged: { channel: ContactChannel; waitingOn: WaitingOn; contactAt: string };
  follow_up_scheduled: { sequence: number; count: number };
  follow_up_due: { sequence: number; n: number };
  follow_up_logged: { sequence: number; n: number; late: boolean; contactAt: string };
  /** `escalatedTo`: the roster id of the person told, when someone was. */
  follow_up_missed: { sequence: number; n: number; escalatedTo?: string };
  follow_up_cancelled: { count: number };
  acknowledgement_sent: NotificationFacts;
  failed_handoff: FailureFacts;
  retried: FailureFacts;
}

export type TimelineEventType = keyof TimelineFacts;

/** Every entry type with its facts: when, who, one readable line, and that type's `data`. */
type Entries = {
  [K in TimelineEventType]: {
    at: string;
    type: K;
    actor: Actor;
    /** One readable line: what happened and why. */
    summary: string;
  } & (TimelineFacts[K] extends undefined ? unknown : { data: TimelineFacts[K] });
};

/** Any timeline entry: narrow on `type` to read its `data`. */
export type TimelineEvent = Entries[TimelineEventType];

/** The entry of one type (or of a few). */
export type TimelineEventOf<T extends TimelineEventType> = Extract<TimelineEvent, { type: T }>;

/** The `data` argument of `timelineEvent`: none for a type without facts, else that type's facts. */
type FactsArgument<T extends TimelineEventType> = TimelineFacts[T] extends undefined
  ? []
  : [data: TimelineFacts[T]];

/**
 * A new timeline entry at `now`. `data` is checked against the facts of `type`, so a renamed or missing
 * field is a compile error at the writer.
 */
export const timelineEvent = <T extends TimelineEventType>(
  now: Date,
  type: T,
  actor: Actor,
  summary: string,
  ...[data]: FactsArgument<T>
): TimelineEventOf<T> =>
  ({
    at: now.toISOString(),
    type,
    actor,
    summary,
    ...(data ? { data } : {}),
  }) as unknown as TimelineEventOf<T>;

/** The entries of `timeline` of the given types, typed. */
export const entriesOf = <T extends TimelineEventType>(
  timeline: readonly TimelineEvent[],
  ...types: readonly T[]
): TimelineEventOf<T>[] =>
  timeline.filter((event): event is TimelineEventOf<T> =>
    (types as readonly TimelineEventType[]).includes(event.type),
  );

/** Whether `event` is of `type` (narrowing it for `find`, `some`...). */
export const isEntry =
  <T extends TimelineEventType>(type: T) =>
  (event: TimelineEvent): event is TimelineEventOf<T> =>
    event.type === type;
