/**
 * Routing: picks exactly one named person for a lead, with a specific next action, an
 * acceptance deadline and a due time.
 *
 * Order: a recovered missed call goes to the person who missed it; a poor-fit lead to the office
 * manager; then the first configured rule that matches and has an eligible person (territory, skill,
 * capacity, on shift; round-robin among equals); urgent work that no rule could place climbs the urgent
 * chain to the business owner; anything else falls back to the office manager, then the business owner.
 * A non-urgent lead names nobody off shift while someone on shift can take it (docs/product-rules.md §5,
 * Hours); when nobody can, the pick is off shift and `route-and-hand.ts` waits for a shift to start.
 * Someone away (docs/product-rules.md §12) is skipped, and the reason says so ("Tomás Vega away until
 * 12:00 PM"); they are named only as a last resort. Reasons name staff, roles, markets, service types
 * and counts only, never customer data.
 */
import { ConfigError } from '../errors';
import { acceptanceWindow, ladderOf, windowKey } from './acceptance-window';
import type { AwaySkip } from './away';
import type { AppConfig, Person } from './config';
import { describeFields } from './intake-fields';
import {
  type CompletenessField,
  isUrgent,
  type Ladder,
  type LeadDetails,
  type LeadStatus,
  type PersonRef,
  type Role,
} from './lead';
import { URGENT_ROLES } from './load-config';
import {
  AwaySkips,
  awayUntil,
  byRoundRobin,
  covers,
  entryLabel,
  hasCapacity,
  isOnShift,
  NO_LOAD,
  type OwnerLoad,
  peopleFor,
  personRef,
  pickNamed,
  shiftLabel,
  staffSummary,
  tieBreak,
} from './pick-person';
import { matchesRule, poolOf } from './rule-match';
import { addBusinessDaysAtOpening } from './time';
import { describePerson, renderNextAction, roleLabel, serviceWords } from './wording';

/** Who can take a lead, re-exported for the callers that route. */
export { loadsFrom, type OwnerLoad, personRef } from './pick-person';

export interface RoutingInput {
  lead: LeadDetails & { status?: LeadStatus };
  config: AppConfig;
  /** Per person id. */
  loads: ReadonlyMap<string, OwnerLoad>;
  now: Date;
  /** Name someone off shift rather than nobody (when nobody is on shift for a non-urgent lead). */
  lastResort?: boolean;
}

/** Built-in decisions that are not configured rules. */
export type BuiltInRuleId =
  | 'missed-call-owner'
  | 'poor-fit-office-manager'
  | 'urgent-fallback'
  | 'fallback'
  | 'needs-info-intake';

export interface RoutingDecision {
  to: PersonRef;
  /** The configured rule id, or a built-in one. */
  ruleId: string;
  /** One readable line: who and why. Never customer personal data. */
  reason: string;
  nextAction: string;
  ladder: Ladder;
  acceptBy: string;
  dueAt: string;
  /** Estimate leads: the target follow-up date. */
  followUpAt?: string;
  /** Set when the handoff waits for opening (or a shift) instead of starting now: when it starts. */
  startsAt?: string;
  /** Who was skipped because they are away (the reason line names them too). */
  away?: AwaySkip[];
}

/** Next actions of the built-in decisions (each passes `checkNextAction`). */
export const BUILT_IN_NEXT_ACTIONS = {
  missedCall: 'Call the customer back about the missed call and book the next step',
  poorFit: 'Review the poor-fit lead and decide whether to quote, refer or decline it',
  urgent: 'Call the customer {within} and arrange the emergency visit',
  fallback: 'Qualify the job and assign an owner who can book the visit',
} as const;

const decision = (
  input: RoutingInput,
  to: Person,
  ruleId: string,
  reason: string,
  nextAction: string,
  ladder: Ladder = ladderOf(input.lead.urgency),
): RoutingDecision => {
  const { config, lead, now } = input;
  const { business } = config;
  const followUpAt =
    lead.urgency === 'estimate' && ladder !== 'needs_info'
      ? addBusinessDaysAtOpening(
          now,
          business.estimateFollowUpBusinessDays,
          business.hours,
          business.timezone,
          business.holidays,
        ).toISOString()
      : undefined;
  const deadline = acceptanceWindow(config, lead.urgency, now, ladder);
  const referral = lead.source === 'referral' ? '; referral lead (referral context kept on the record)' : '';
  return {
    to: personRef(to),
    ruleId,
    reason: `${reason}${referral}`,
    nextAction: renderNextAction(nextAction, business.nextActionDueMinutes[windowKey(lead.urgency, ladder)]),
    ladder,
    acceptBy: deadline.acceptBy,
    dueAt: deadline.dueAt,
    ...(followUpAt === undefined ? {} : { followUpAt }),
  };
};

/** The first role (in order) that has an active person, as a named pick; away people passed on the way. */
const firstNamedOf = (
  roles: readonly Role[],
  input: RoutingInput,
): { person: Person; note: string; role: Role; skips: AwaySkips } | undefined => {
  const skips = new AwaySkips(input.config, input.now);
  for (const role of roles) {
    const people = peopleFor(input.config, role);
    const picked = pickNamed(people, input.lead, input.config, input.loads, input.now, input.lastResort);
    skips.add(people, picked?.person);
    if (picked !== undefined) return { ...picked, role, skips };
  }
  return undefined;
};

/** `firstNamedOf`, else (nobody of those roles on shift) the same roles ignoring hours. */
const firstNamedOrOffShift = (roles: readonly Role[], input: RoutingInput) =>
  firstNamedOf(roles, input) ?? firstNamedOf(roles, { ...input, lastResort: true });

/** The reason, followed by who was away and what was tried and skipped on the way. */
const withNotes = (skips: AwaySkips, notes: readonly string[], reason: string): string => {
  const all = [...skips.words(), ...notes];
  return all.length === 0 ? reason : `${reason} (${all.join('; ')})`;
};

const noOneError = (what: string): ConfigError =>
  new ConfigError(`No active person to route to: ${what}`, [{ path: 'roster.people', message: what }]);

/**
 * Routes a complete lead to one named person. Never leaves a lead without a named person:
 * throws `ConfigError` only when the roster has nobody active for the fallbacks (which the config loader
 * refuses).
 */
export const routeLead = (input: RoutingInput): RoutingDecision => {
  const { lead, config, loads, now } = input;
  const notes: string[] = [];
  const skips = new AwaySkips(input.config, input.now);
  const decided = (to: Person, ruleId: string, reason: string, nextAction: string) =>
    skips.on(decision(input, to, ruleId, withNotes(skips, notes, reason), nextAction));

  // 1. Recovered missed calls go to a named owner: the person who missed the call (unless away).
  if (lead.source === 'missed_call' && lead.missedBy !== undefined) {
    const missedBy = config.roster.people.find((person) => person.id === lead.missedBy && person.active);
    const away = missedBy && !input.lastResort ? awayUntil(missedBy, config, now) : undefined;
    const offShift =
      missedBy !== undefined &&
      !isUrgent(lead.urgency) &&
      !input.lastResort &&
      !isOnShift(missedBy, config, now);
    if (missedBy === undefined) {
      notes.push('the person who missed the call is not on the active roster');
    } else if (away) {
      skips.push({ id: missedBy.id, until: away.toISOString() });
    } else if (offShift) {
      notes.push(`${missedBy.name}, who missed the call, is off shift`);
    } else {
      const reason = `recovered missed call: back to ${staffSummary(missedBy, loads)}, who missed it`;
      return decided(missedBy, 'missed-call-owner', reason, BUILT_IN_NEXT_ACTIONS.missedCall);
    }
  }

  // 2. Poor-fit leads go to the office manager for a decision, not to a tech.
  if (lead.fit === 'poor') {
    const picked = firstNamedOrOffShift(['office_manager', 'business_owner'], input);
    if (picked !== undefined) {
      skips.merge(picked.skips);
      const reason = `poor fit: ${staffSummary(picked.person, loads)} decides; ${picked.note}`;
      return decided(picked.person, 'poor-fit-office-manager', reason, BUILT_IN_NEXT_ACTIONS.poorFit);
    }
  }

  // 3. The configured rules, in order; urgent work only ever goes to dispatch/on-call from a rule.
  const urgent = isUrgent(lead.urgency);
  const order = byRoundRobin(loads);
  const skipped: string[] = [];
  for (const rule of config.roster.rules) {
    if (!matchesRule(rule, lead)) continue;
    const pool = poolOf(rule, config).filter((person) => !urgent || URGENT_ROLES.includes(person.role));
    const eligible = pool
      .filter(
        (person) => covers(person, lead) && hasCapacity(person, loads) && isOnShift(person, config, now),
      )
      .sort(order);
    const chosen = eligible[0];
    skips.add(pool, undefined, lead);
    if (chosen === undefined) {
      skipped.push(rule.id);
      continue;
    }
    const market = config.roster.markets.find((m) => m.id === lead.market)?.name ?? 'any market';
    const territory = `covers ${market} and ${serviceWords(lead.serviceType) ?? 'any service'}`;
    const reason =
      `${describePerson(chosen)} ${territory}, ` +
      `${(loads.get(chosen.id) ?? NO_LOAD).open}/${chosen.capacity} open, ${shiftLabel(chosen)}; ${tieBreak(eligible, loads)}`;
    return decided(chosen, rule.id, reason, rule.nextAction);
  }
  if (skipped.length > 0) {
    notes.push(
      `${skipped.length === 1 ? 'a matching rule' : `${skipped.length} matching rules`} had nobody eligible`,
    );
  }

  // 4. Emergency work cannot sit unowned: climb the urgent chain, which ends at the business owner.
  if (urgent) {
    for (const entry of config.business.escalation.chains.urgent) {
      const people = peopleFor(config, entry);
      const picked = pickNamed(people, lead, config, loads, now);
      skips.add(people, picked?.person);
      if (picked === undefined) continue;
      const reason = `urgent and no rule could place it: urgent chain ${entryLabel(entry, config)} → ${staffSummary(picked.person, loads)}; ${picked.note}`;
      return decided(picked.person, 'urgent-fallback', reason, BUILT_IN_NEXT_ACTIONS.urgent);
    }
  }

  // 5. A lead is never left without a named person.
  const picked = firstNamedOrOffShift(['office_manager', 'business_owner'], input);
  if (picked === undefined) throw noOneError('no active office_manager or business_owner');
  skips.merge(picked.skips);
  const reason = `no rule could place it: ${roleLabel(picked.role)} ${staffSummary(picked.person, loads)}; ${picked.note}`;
  return decided(picked.person, 'fallback', reason, BUILT_IN_NEXT_ACTIONS.fallback);
};

/** The next action intake gets for an incomplete lead: which details to complete. */
export const needsInfoNextAction = (missing: readonly CompletenessField[]): string =>
  missing.length === 0
    ? 'Complete the missing details so the lead can be routed'
    : `Complete the missing details (${describeFields(missing)}) so the lead can be routed`;

/**
 * An incomplete lead (status `needs_info`) stays with intake: a named intake person on the
 * `needs_info` ladder, with the missing fields as the next action.
 */
export const routeToIntake = (input: RoutingInput, missing: CompletenessField[]): RoutingDecision => {
  const picked = firstNamedOrOffShift(['intake', 'office_manager', 'business_owner'], input);
  if (picked === undefined) throw noOneError('no active intake, office_manager or business_owner');
  const what = missing.length === 0 ? 'details' : describeFields(missing);
  const reason = `needs information (missing ${what}): ${staffSummary(picked.person, input.loads)}; ${picked.note}`;
  const { skips } = picked;
  return skips.on(
    decision(
      input,
      picked.person,
      'needs-info-intake',
      withNotes(skips, [], reason),
      needsInfoNextAction(missing),
      'needs_info',
    ),
  );
};
