/**
 * The idle check an accepted lead carries (docs/product-rules.md §5 "Accepted but idle"): when its next
 * action is past due the owner is reminded, and after a grace period of business time the operations
 * lead is told. One check per next action (`round`); logging a contact or setting a new next action
 * ends it. What the checks do is `idle-next-action.ts`; this file is the record and its timers only,
 * so that `lead.ts` can read it without importing the rules.
 */
import type { PersonRef } from './lead-details';
import type { IdleStep } from './timer-payloads';

/** One idle check: the next action it watches, its two timer moments and how far it got. */
export interface IdleCheck {
  /** 1-based and increasing on the lead: keys the check's timers and messages. */
  round: number;
  /** The due time of the next action it watches. */
  dueAt: string;
  /** When the owner is reminded: the due time (at the next opening for a non-urgent lead). */
  remindAt: string;
  /** When the operations lead is told if nothing was logged: the grace period after the reminder. */
  escalateAt: string;
  /** `scheduled` → `reminded` → `escalated`; `cancelled` by a logged contact or a new next action. */
  state: 'scheduled' | 'reminded' | 'escalated' | 'cancelled';
  /** Who was told when it escalated. */
  escalatedTo?: PersonRef;
}

/** One of a check's timers. */
export interface IdleTimer {
  round: number;
  step: IdleStep;
  at: string;
}

/** The timers of a check that may still fire (both while scheduled, the escalation once reminded). */
export const pendingIdleTimers = (check: IdleCheck | undefined): IdleTimer[] => {
  if (!check) return [];
  const remind: IdleTimer = { round: check.round, step: 'remind', at: check.remindAt };
  const escalate: IdleTimer = { round: check.round, step: 'escalate', at: check.escalateAt };
  if (check.state === 'scheduled') return [remind, escalate];
  if (check.state === 'reminded') return [escalate];
  return [];
};

/** The next moment the check's timers should fire (the reconciler repairs a lost one), or undefined. */
export const nextIdleTimer = (check: IdleCheck | undefined): IdleTimer | undefined =>
  pendingIdleTimers(check)[0];
