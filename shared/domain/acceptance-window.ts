/**
 * The acceptance window: how long the named recipient of a handoff has to accept it, and which
 * escalation ladder the lead climbs when nobody does.
 *
 * - Emergency, active loss and premium leads: 5 minutes, on the `urgent` ladder.
 * - Standard leads (and a lead whose urgency is not known yet): 15 minutes, on the `standard` ladder.
 * - Estimate and consult leads: 60 minutes, on the `estimate` ladder.
 * - An incomplete lead with intake: the `needs_info` window, on the `needs_info` ladder.
 *
 * The minutes are settings, `business.acceptanceWindowMinutes` per urgency (and `needs_info`); the
 * numbers above are the example configuration's. Each step up a ladder gets a fresh window of the same
 * length. The next action of the handoff is due after `business.nextActionDueMinutes` of the same key.
 *
 * Hours (docs/product-rules.md §5): an urgent lead's window runs on the wall clock, at any hour. Every
 * other lead's window counts business minutes (`business-time.ts`): it pauses at closing time and
 * resumes at the next opening with the time it had left. The next action's due time stays wall-clock
 * minutes from the start of the handoff.
 */
import { addBusinessMinutes, businessMinutesBetween } from './business-time';
import type { AppConfig } from './config';
import { isUrgent, type Ladder, type Urgency } from './lead-details';
import { addMinutes } from './time';
import { MINUTE_MS } from './wording';

/** The ladder a lead of `urgency` climbs when a handoff is not accepted in time. */
export const ladderOf = (urgency: Urgency | undefined): Ladder => {
  if (isUrgent(urgency)) return 'urgent';
  return urgency === 'estimate' ? 'estimate' : 'standard';
};

/** A handoff's window: its length, its acceptance deadline and when its next action is due. */
export interface AcceptanceWindow {
  minutes: number;
  acceptBy: string;
  dueAt: string;
}

/** The settings key of a lead of `urgency` on `ladder`: intake's for `needs_info`, else the urgency's. */
export const windowKey = (urgency: Urgency | undefined, ladder: Ladder): Urgency | 'needs_info' =>
  ladder === 'needs_info' ? 'needs_info' : (urgency ?? 'standard');

/**
 * The acceptance window of a handoff of a lead of `urgency`, given at `now`, on `ladder` (by default the
 * urgency's own). The `needs_info` ladder uses intake's window whatever the urgency.
 */
export const acceptanceWindow = (
  config: Pick<AppConfig, 'business'>,
  urgency: Urgency | undefined,
  now: Date,
  ladder: Ladder = ladderOf(urgency),
): AcceptanceWindow => {
  const key = windowKey(urgency, ladder);
  const minutes = config.business.acceptanceWindowMinutes[key];
  const acceptBy = isUrgent(urgency)
    ? addMinutes(now, minutes)
    : addBusinessMinutes(now, minutes, config.business);
  return {
    minutes,
    acceptBy: acceptBy.toISOString(),
    dueAt: addMinutes(now, config.business.nextActionDueMinutes[key]).toISOString(),
  };
};

/**
 * The window a handoff was actually given, in minutes: from its creation to its deadline (business
 * minutes for a non-urgent lead when `config` is given); when those times do not give a positive
 * length, the rule's window (if `config` is given).
 */
export function givenWindowMinutes(
  handoff: { createdAt: string; acceptBy: string; ladder: Ladder },
  urgency: Urgency | undefined,
  config: Pick<AppConfig, 'business'>,
): number;
export function givenWindowMinutes(
  handoff: { createdAt: string; acceptBy: string; ladder: Ladder },
  urgency: Urgency | undefined,
  config?: Pick<AppConfig, 'business'>,
): number | undefined;
export function givenWindowMinutes(
  handoff: { createdAt: string; acceptBy: string; ladder: Ladder },
  urgency: Urgency | undefined,
  config?: Pick<AppConfig, 'business'>,
): number | undefined {
  const from = new Date(handoff.createdAt);
  const to = new Date(handoff.acceptBy);
  const valid = Number.isFinite(from.getTime()) && Number.isFinite(to.getTime());
  const minutes = !valid
    ? Number.NaN
    : config === undefined || isUrgent(urgency)
      ? Math.round((to.getTime() - from.getTime()) / MINUTE_MS)
      : Math.round(businessMinutesBetween(from, to, config.business));
  if (Number.isFinite(minutes) && minutes > 0) return minutes;
  return config?.business.acceptanceWindowMinutes[windowKey(urgency, handoff.ladder)];
}
