/**
 * The payloads of the one-shot timers: an acceptance deadline, the start of a held handoff, or a
 * follow-up's reminder or due check.
 */
/** What a handoff timer carries: the Scheduler target's input, and the deadline function's event. */
export type TimerPayload = DeadlinePayload | OpeningPayload | FollowUpPayload;

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
