/**
 * The payloads of the one-shot timers: an acceptance deadline, the start of a held handoff, a
 * follow-up's reminder or due check, or an accepted lead's idle next-action check.
 */
/** What a handoff timer carries: the Scheduler target's input, and the deadline function's event. */
export type TimerPayload = DeadlinePayload | OpeningPayload | FollowUpPayload | IdlePayload;

/** The timers of a handoff itself: its acceptance deadline, or its start when it was held. */
export type HandoffTimerPayload = DeadlinePayload | OpeningPayload;

/** A handoff's acceptance deadline: escalate if it still waits. */
export interface DeadlinePayload {
  kind: 'acceptance_deadline';
  leadId: string;
  seq: number;
}

/** A held handoff's start (opening, or a shift start): message its recipient now (docs/product-rules.md §5). */
export interface OpeningPayload {
  kind: 'opening';
  leadId: string;
  seq: number;
}

/** A follow-up's reminder (`remind`) or its due check (`due`), docs/product-rules.md §7. */
export interface FollowUpPayload {
  kind: 'follow_up';
  leadId: string;
  sequence: number;
  n: number;
  step: 'remind' | 'due';
}

/**
 * An accepted lead's next action past due (docs/product-rules.md §5 "Accepted but idle"): `remind` tells
 * the owner, `escalate` tells the operations lead after the grace period. `round` names the idle check
 * (one per next action), so a timer of an earlier next action finds nothing to do.
 */
export interface IdlePayload {
  kind: 'idle_next_action';
  leadId: string;
  round: number;
  step: IdleStep;
}

/** The two steps of an idle check. */
export type IdleStep = 'remind' | 'escalate';
