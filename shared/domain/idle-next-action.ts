/**
 * Accepted but idle (docs/product-rules.md §5, seed 002 stages 3–5): an accepted lead's next action that
 * is past due reminds its owner; if nothing is logged within the grace period (business minutes,
 * `idleNextAction.graceBusinessMinutes`), the operations lead (else the office manager, else the
 * business owner) is told. Logging a contact or setting a new next action cancels both; a closed lead
 * cancels them too.
 *
 * Pure: each function takes the lead as read and returns the next state with the timers to create and
 * delete (one-time schedules named by `idleTimerName`). The record and its timers are `idle-check.ts`.
 */
import type { AppConfig, BusinessSettings } from './config';
import { formatLocalDate } from './date-wording';
import { type IdleCheck, type IdleTimer, pendingIdleTimers } from './idle-check';
import { isUrgent, type Lead, type PersonRef } from './lead';
import type { CardForm } from './lead-card-state';
import { personRef } from './pick-person';
import { closingTime, nextOpening } from './time';
import { SYSTEM, timelineEvent } from './timeline';
import type { IdleStep } from './timer-payloads';
import { describePerson, plural } from './wording';

/** The timers to create and delete after a change of the idle check. */
export interface IdleTimerChange {
  schedule: IdleTimer[];
  cancel: IdleTimer[];
}

export const NO_IDLE_CHANGE: IdleTimerChange = { schedule: [], cancel: [] };

/** The most open stretches `businessMinutesAfter` walks through before giving up (years of hours). */
const MAX_STRETCHES = 5_000;

/**
 * The instant `minutes` of business time after `start`: time outside the opening hours and on holidays
 * does not count (15 minutes before a 17:30 closing and 15 after the next 07:30 opening make 30).
 * A local stand-in: swap it for the business-minutes arithmetic of `business-hours.ts` once that exists.
 */
export const businessMinutesAfter = (
  start: Date,
  minutes: number,
  business: Pick<BusinessSettings, 'hours' | 'timezone' | 'holidays'>,
): Date => {
  const { hours, timezone, holidays } = business;
  let left = minutes * 60_000;
  let at = start;
  for (let stretch = 0; stretch < MAX_STRETCHES; stretch += 1) {
    at = nextOpening(at, hours, timezone, holidays);
    const closing = closingTime(at, hours, timezone, holidays);
    if (closing === undefined) break;
    const room = closing.getTime() - at.getTime();
    if (room >= left) return new Date(at.getTime() + left);
    left -= room;
    at = closing;
  }
  return new Date(at.getTime() + left);
};

/** Who is told about an idle next action: operations lead, office manager, business owner; never its owner. */
export const idleEscalationTarget = (config: AppConfig, ownerId: string): PersonRef | undefined => {
  for (const role of ['operations', 'office_manager', 'business_owner'] as const) {
    const person = config.roster.people.find((p) => p.role === role && p.active && p.id !== ownerId);
    if (person) return personRef(person);
  }
  return undefined;
};

/**
 * Starts a new check (the next round) for the lead's current next action, replacing any earlier one:
 * the owner is reminded at the due time (a non-urgent lead at the next opening, never at night), the
 * operations lead told the grace period later. A lead that is not accepted, or has no due time, only
 * loses its earlier check.
 */
export const armIdleCheck = (
  lead: Lead,
  now: Date,
  business: BusinessSettings,
): { lead: Lead; change: IdleTimerChange } => {
  const due = lead.nextActionDueAt;
  if (lead.status !== 'accepted' || !lead.owner || due === undefined) return cancelIdleCheck(lead);
  const from = Date.parse(due) > now.getTime() ? new Date(due) : now;
  const remindAt = isUrgent(lead.urgency)
    ? from
    : nextOpening(from, business.hours, business.timezone, business.holidays);
  const escalateAt = businessMinutesAfter(remindAt, business.idleNextAction.graceBusinessMinutes, business);
  const check: IdleCheck = {
    round: (lead.idleCheck?.round ?? 0) + 1,
    dueAt: due,
    remindAt: remindAt.toISOString(),
    escalateAt: escalateAt.toISOString(),
    state: 'scheduled',
  };
  return {
    lead: { ...lead, idleCheck: check },
    change: { schedule: pendingIdleTimers(check), cancel: pendingIdleTimers(lead.idleCheck) },
  };
};

/** Ends the check (a contact was logged, or the lead closed): its timers that may still fire are deleted. */
export const cancelIdleCheck = (lead: Lead): { lead: Lead; change: IdleTimerChange } => {
  const check = lead.idleCheck;
  const pending = pendingIdleTimers(check);
  if (!check || pending.length === 0) return { lead, change: NO_IDLE_CHANGE };
  return {
    lead: { ...lead, idleCheck: { ...check, state: 'cancelled' } },
    change: { schedule: [], cancel: pending },
  };
};

/** What a lead-card form does to the check: a logged contact or a closed lead ends it, a new next action restarts it. */
export const idleAfterCardForm = (
  action: CardForm,
  lead: Lead,
  now: Date,
  business: BusinessSettings,
): { lead: Lead; change: IdleTimerChange } => {
  if (action === 'set_next_action') return armIdleCheck(lead, now, business);
  if (action === 'log_contact' || lead.status === 'closed') return cancelIdleCheck(lead);
  return { lead, change: NO_IDLE_CHANGE };
};

/** What an idle timer asks the caller to do after the write. */
export type IdleEffect =
  | { kind: 'none' }
  | { kind: 'remind'; check: IdleCheck; owner: PersonRef }
  | { kind: 'escalate'; check: IdleCheck; escalateTo: PersonRef | undefined };

/**
 * An idle timer fired. `remind`: the owner is reminded; `escalate`: the operations lead is told (a check
 * whose reminder was lost escalates all the same). A timer of an earlier round, of a cancelled or already
 * handled check, of a lead no longer accepted, or one that fires early changes nothing.
 */
export const onIdleTimer = (
  lead: Lead,
  round: number,
  step: IdleStep,
  now: Date,
  config: AppConfig,
): { lead: Lead; changed: boolean; effect: IdleEffect } => {
  const none = { lead, changed: false, effect: { kind: 'none' as const } };
  const check = lead.idleCheck;
  const owner = lead.owner;
  if (!check || check.round !== round || lead.status !== 'accepted' || !owner) return none;
  const { timezone } = config.business;
  const due = formatLocalDate(check.dueAt, timezone);
  if (step === 'remind') {
    if (check.state !== 'scheduled' || Date.parse(check.remindAt) > now.getTime()) return none;
    const reminded: IdleCheck = { ...check, state: 'reminded' };
    const entry = timelineEvent(
      now,
      'next_action_overdue',
      SYSTEM,
      `Next action overdue (due ${due}): ${describePerson(owner)} reminded`,
      { round, dueAt: check.dueAt },
    );
    return {
      lead: { ...lead, idleCheck: reminded, timeline: [...lead.timeline, entry] },
      changed: true,
      effect: { kind: 'remind', check: reminded, owner },
    };
  }
  if (check.state !== 'scheduled' && check.state !== 'reminded') return none;
  if (Date.parse(check.escalateAt) > now.getTime()) return none;
  const escalateTo = idleEscalationTarget(config, owner.id);
  const escalated: IdleCheck = {
    ...check,
    state: 'escalated',
    ...(escalateTo ? { escalatedTo: escalateTo } : {}),
  };
  const grace = plural(config.business.idleNextAction.graceBusinessMinutes, 'minute');
  const told = escalateTo ? `${describePerson(escalateTo)} told` : 'no operations lead on the roster';
  const entry = timelineEvent(
    now,
    'next_action_escalated',
    SYSTEM,
    `Next action due ${due} still not acted on ${grace} of business hours after the reminder: ${told}`,
    { round, dueAt: check.dueAt, ...(escalateTo ? { escalatedTo: escalateTo.id } : {}) },
  );
  return {
    lead: { ...lead, idleCheck: escalated, timeline: [...lead.timeline, entry] },
    changed: true,
    effect: { kind: 'escalate', check: escalated, escalateTo },
  };
};
