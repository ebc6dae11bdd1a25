/**
 * Hours (docs/product-rules.md §5): emergency, active-loss and premium work pages at any hour. Every
 * other handoff that would start while the business is closed (after hours, on a holiday), or while
 * nobody who could take it is on shift, is held: it names the person routing picks for when it starts
 * (`startsAt`), nobody on the staff is messaged before then, and a one-time timer at that instant starts
 * it with its normal window. The customer's acknowledgement still goes out at once (consent
 * permitting) and gives the next contact window.
 */
import { acceptanceWindow } from './acceptance-window';
import type { AppConfig, BusinessSettings } from './config';
import { isUrgent, type Lead, type Urgency } from './lead';
import { isOnShift, nextShiftStart } from './pick-person';
import type { RoutingDecision } from './routing';
import { formatLocal, nextOpening } from './time';
import { SYSTEM, timelineEvent } from './timeline';
import { describePerson } from './wording';

/** How many later shift starts a non-urgent lead tries before naming someone off shift after all. */
const MAX_SHIFT_WAITS = 24;

/** Whether a lead of `urgency` keeps to business hours and shifts (everything but urgent work). */
export const keepsHours = (urgency: Urgency | undefined): boolean => !isUrgent(urgency);

/** When a handoff of a lead of `urgency` may start, seen at `now`: now, or the next opening. */
export const earliestStart = (urgency: Urgency | undefined, business: BusinessSettings, now: Date): Date =>
  keepsHours(urgency) ? nextOpening(now, business.hours, business.timezone, business.holidays) : now;

/**
 * The routing decision of a handoff that may have to wait; `route(at)` decides as of `at` (who is on
 * shift then, windows from then). Urgent work is routed now. Any other lead starts at the next opening,
 * or, when the person named then is off shift (nobody on shift could take it), at the next instant
 * someone comes on shift while the business is open. After `MAX_SHIFT_WAITS` such tries the first
 * decision stands. A decision that does not start now carries `startsAt`.
 */
export const decideStart = (
  route: (at: Date) => RoutingDecision,
  urgency: Urgency | undefined,
  config: AppConfig,
  now: Date,
): RoutingDecision => {
  if (!keepsHours(urgency)) return route(now);
  const { business } = config;
  const first = earliestStart(urgency, business, now);
  const active = config.roster.people.filter((person) => person.active);
  let start = first;
  for (let tries = 0; tries <= MAX_SHIFT_WAITS; tries += 1) {
    const decision = route(start);
    const person = active.find((p) => p.id === decision.to.id);
    if (person === undefined || isOnShift(person, config, start)) return startingAt(decision, start, now);
    const shift = nextShiftStart(active, config, start);
    if (shift === undefined) break;
    start = nextOpening(shift, business.hours, business.timezone, business.holidays);
  }
  return startingAt(route(first), first, now);
};

const startingAt = (decision: RoutingDecision, start: Date, now: Date): RoutingDecision =>
  start.getTime() > now.getTime() ? { ...decision, startsAt: start.toISOString() } : decision;

/** Why a handoff held at `now` until `startsAt` waits, in words. */
const waitReason = (business: BusinessSettings, startsAt: Date, now: Date): string =>
  startsAt.getTime() === nextOpening(now, business.hours, business.timezone, business.holidays).getTime()
    ? 'when the business opens'
    : 'when someone who can take it is on shift';

/**
 * Holds the lead's newest handoff until `startsAt`: no staff message before then; the dispatcher sets a
 * one-time timer for the start instead of the deadline.
 */
export const holdHandoff = (lead: Lead, startsAt: Date, business: BusinessSettings, now: Date): Lead => {
  const handoff = lead.handoff;
  if (!handoff) return lead;
  const at = formatLocal(startsAt, business.timezone);
  return {
    ...lead,
    handoff: { ...handoff, startsAt: startsAt.toISOString() },
    timeline: [
      ...lead.timeline,
      timelineEvent(
        now,
        'handoff_held',
        SYSTEM,
        `Handoff #${handoff.seq} starts ${at}, ${waitReason(business, startsAt, now)}; nobody on the staff is messaged before then`,
        { seq: handoff.seq, startsAt: startsAt.toISOString() },
      ),
    ],
  };
};

/** `lead` with its newest handoff held until `start` when that is later than `now`, else as it is. */
export const holdIfLater = (lead: Lead, start: Date, business: BusinessSettings, now: Date): Lead =>
  start.getTime() > now.getTime() ? holdHandoff(lead, start, business, now) : lead;

/**
 * The start of held handoff `seq` at `now` (its timer fired, or the reconciler repairs a lost one): the
 * recipient gets a fresh window from now and the handoff is dispatched again, this time with its
 * messages. A start that finds the business closed (a late repair) holds it until the next opening.
 * Undefined when there is nothing to start (another step, no longer waiting, or not yet due).
 */
export const startHeldHandoff = (lead: Lead, seq: number, config: AppConfig, now: Date): Lead | undefined => {
  const handoff = lead.handoff;
  if (handoff?.seq !== seq || handoff.state !== 'awaiting_acceptance' || handoff.startsAt === undefined)
    return undefined;
  if (now.getTime() < Date.parse(handoff.startsAt)) return undefined;
  const { business } = config;
  const start = earliestStart(lead.urgency, business, now);
  const { acceptBy, dueAt } = acceptanceWindow(config, lead.urgency, start, handoff.ladder);
  const { startsAt: _held, ...started } = handoff;
  const next: Lead = {
    ...lead,
    handoff: { ...started, acceptBy, dueAt, dispatch: 'pending', createdAt: now.toISOString() },
    nextActionDueAt: dueAt,
  };
  if (start.getTime() > now.getTime()) return holdHandoff(next, start, business, now);
  return {
    ...next,
    timeline: [
      ...next.timeline,
      timelineEvent(
        now,
        'handoff_started',
        SYSTEM,
        `Handoff #${seq} to ${describePerson(handoff.to)} started; accept by ${formatLocal(new Date(acceptBy), business.timezone)}`,
        { seq, acceptBy },
      ),
    ],
  };
};
