/**
 * Routing (SPEC §4): picks exactly one named person for a lead, with a specific next action, an
 * acceptance deadline and a due time.
 *
 * Order: a recovered missed call goes to the person who missed it; a poor-fit lead to the office
 * manager; then the first configured rule that matches and has an eligible person (territory, skill,
 * capacity, on shift; round-robin among equals); urgent work that no rule could place climbs the urgent
 * chain to the business owner; anything else falls back to the office manager, then the business owner.
 * Reasons name staff, roles, markets, service types and counts only, never customer data.
 */
import { ConfigError } from '../errors';
import type { AppConfig, Person, RoutingRule } from './config';
import {
  type CompletenessField,
  isUrgent,
  type Ladder,
  type LeadDetails,
  type LeadStatus,
  type PersonRef,
  type Role,
  type Urgency,
} from './lead';
import { URGENT_ROLES } from './load-config';
import { addBusinessDaysAtOpening, addMinutes, isWithinHours } from './time';

/** What a person currently holds: open handoffs/leads waiting on them, and when they last got one. */
export interface OwnerLoad {
  open: number;
  lastAssignedAt?: string;
}

export interface RoutingInput {
  lead: LeadDetails & { status?: LeadStatus };
  config: AppConfig;
  /** Per person id. */
  loads: ReadonlyMap<string, OwnerLoad>;
  now: Date;
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
}

/** Next actions of the built-in decisions (each passes `checkNextAction`). */
export const BUILT_IN_NEXT_ACTIONS = {
  missedCall: 'Call the customer back about the missed call and book the next step',
  poorFit: 'Review the poor-fit lead and decide whether to quote, refer or decline it',
  urgent: 'Call the customer within minutes and arrange the emergency visit',
  fallback: 'Qualify the job and assign an owner who can book the visit',
} as const;

const NO_LOAD: OwnerLoad = { open: 0 };

/** Per-person load from the open leads (the `open` index): how many wait on each, and the latest assignment. */
export const loadsFrom = (
  open: ReadonlyArray<{ assigneeId?: string; assignedAt?: string }>,
): Map<string, OwnerLoad> => {
  const loads = new Map<string, OwnerLoad>();
  for (const { assigneeId, assignedAt } of open) {
    if (assigneeId === undefined) continue;
    const load = loads.get(assigneeId) ?? { open: 0 };
    const last =
      assignedAt === undefined || (load.lastAssignedAt !== undefined && load.lastAssignedAt >= assignedAt)
        ? load.lastAssignedAt
        : assignedAt;
    loads.set(assigneeId, { open: load.open + 1, ...(last === undefined ? {} : { lastAssignedAt: last }) });
  }
  return loads;
};

/** The person as a handoff names them. */
export const personRef = (person: Person): PersonRef => ({
  id: person.id,
  name: person.name,
  role: person.role,
});

/** Whether the person is working at `now`: always, business hours (with holidays), or their own hours. */
export const isOnShift = (person: Person, config: AppConfig, now: Date): boolean => {
  const { business } = config;
  const timeZone = person.timezone ?? business.timezone;
  if (person.hours === 'always') return true;
  if (person.hours === 'business') return isWithinHours(now, business.hours, timeZone, business.holidays);
  return isWithinHours(now, person.hours, timeZone);
};

/** Whether the person can take one more handoff (open < capacity). */
export const hasCapacity = (person: Person, loads: ReadonlyMap<string, OwnerLoad>): boolean =>
  (loads.get(person.id) ?? NO_LOAD).open < person.capacity;

/** Whether the person covers the lead's market and service type (an empty list covers everything). */
export const covers = (person: Person, lead: Pick<LeadDetails, 'market' | 'serviceType'>): boolean => {
  const marketOk =
    person.markets.length === 0 || (lead.market !== undefined && person.markets.includes(lead.market));
  const serviceOk =
    person.serviceTypes.length === 0 ||
    (lead.serviceType !== undefined && person.serviceTypes.includes(lead.serviceType));
  return marketOk && serviceOk;
};

/** Round-robin among equals: fewest open first, then least recently assigned (never first), then id. */
export const byRoundRobin =
  (loads: ReadonlyMap<string, OwnerLoad>) =>
  (a: Person, b: Person): number => {
    const loadA = loads.get(a.id) ?? NO_LOAD;
    const loadB = loads.get(b.id) ?? NO_LOAD;
    if (loadA.open !== loadB.open) return loadA.open - loadB.open;
    const lastA = loadA.lastAssignedAt ?? '';
    const lastB = loadB.lastAssignedAt ?? '';
    if (lastA !== lastB) return lastA < lastB ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

/** Why the first of `ranked` won over the others, for the reason line. */
export const tieBreak = (ranked: readonly Person[], loads: ReadonlyMap<string, OwnerLoad>): string => {
  const [first, second] = ranked;
  if (first === undefined || second === undefined) return 'only eligible person';
  const a = loads.get(first.id) ?? NO_LOAD;
  const b = loads.get(second.id) ?? NO_LOAD;
  if (a.open !== b.open) return `fewest open of ${ranked.length} eligible`;
  if (a.lastAssignedAt !== b.lastAssignedAt) return `least recently assigned of ${ranked.length} eligible`;
  return `first by id of ${ranked.length} equally loaded`;
};

/** Active people named by a chain entry or pool: a role (everyone active with it) or a roster id. */
export const peopleFor = (config: AppConfig, entry: string): Person[] =>
  config.roster.people.filter((person) => person.active && (person.role === entry || person.id === entry));

const poolOf = (rule: RoutingRule, config: AppConfig): Person[] =>
  config.roster.people.filter(
    (person) =>
      person.active &&
      ((rule.assignTo.roles ?? []).includes(person.role) || (rule.assignTo.people ?? []).includes(person.id)),
  );

const matches = (rule: RoutingRule, lead: LeadDetails): boolean => {
  const { when } = rule;
  const has = <T>(allowed: readonly T[] | undefined, value: T | undefined): boolean =>
    allowed === undefined || (value !== undefined && allowed.includes(value));
  const value = lead.estimatedValue;
  return (
    has(when.urgency, lead.urgency) &&
    has(when.serviceType, lead.serviceType) &&
    has(when.market, lead.market) &&
    has(when.source, lead.source) &&
    has(when.fit, lead.fit) &&
    (when.minValue === undefined || (value !== undefined && value >= when.minValue)) &&
    (when.maxValue === undefined || (value !== undefined && value <= when.maxValue))
  );
};

/** The escalation ladder of an urgency (SPEC §5). */
export const ladderOf = (urgency: Urgency | undefined): Ladder => {
  if (isUrgent(urgency)) return 'urgent';
  return urgency === 'estimate' ? 'estimate' : 'standard';
};

/** Deadlines of a decision on `ladder`: acceptance window and next-action due time from the settings. */
export const windowsFor = (
  config: AppConfig,
  urgency: Urgency | undefined,
  ladder: Ladder,
  now: Date,
): { acceptBy: string; dueAt: string } => {
  const key = ladder === 'needs_info' ? 'needs_info' : (urgency ?? 'standard');
  return {
    acceptBy: addMinutes(now, config.business.acceptanceWindowMinutes[key]).toISOString(),
    dueAt: addMinutes(now, config.business.nextActionDueMinutes[key]).toISOString(),
  };
};

const shiftLabel = (person: Person): string => (person.hours === 'always' ? 'on call' : 'on shift');

/** "Name (role), open/capacity open": staff facts only, never customer data. */
const staffSummary = (person: Person, loads: ReadonlyMap<string, OwnerLoad>): string =>
  `${person.name} (${person.role}, ${(loads.get(person.id) ?? NO_LOAD).open}/${person.capacity} open)`;

/** A named pick and why that person, for the reason line. */
export interface NamedPick {
  person: Person;
  note: string;
}

/**
 * The best person among `people`, in tiers: eligible (covers the lead, has capacity, on shift), then on
 * shift with capacity, then anyone (covering the lead first), ignoring capacity and hours. Round-robin
 * within a tier. Undefined only when `people` is empty.
 */
export const pickNamed = (
  people: readonly Person[],
  lead: Pick<LeadDetails, 'market' | 'serviceType'>,
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
): NamedPick | undefined => {
  const order = byRoundRobin(loads);
  const available = people.filter((p) => isOnShift(p, config, now) && hasCapacity(p, loads)).sort(order);
  const eligible = available.filter((p) => covers(p, lead));
  const best = eligible[0];
  if (best !== undefined) return { person: best, note: `${shiftLabel(best)}; ${tieBreak(eligible, loads)}` };
  const outside = available[0];
  if (outside !== undefined)
    return { person: outside, note: 'outside their territory or skills, but on shift with capacity' };
  const all = [...people].sort(order);
  const anyone = all.find((p) => covers(p, lead)) ?? all[0];
  if (anyone === undefined) return undefined;
  return { person: anyone, note: 'named although off shift or at capacity' };
};

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
  const referral = lead.source === 'referral' ? '; referral lead (referral context kept on the record)' : '';
  return {
    to: personRef(to),
    ruleId,
    reason: `${reason}${referral}`,
    nextAction,
    ladder,
    ...windowsFor(config, lead.urgency, ladder, now),
    ...(followUpAt === undefined ? {} : { followUpAt }),
  };
};

/** The first role (in order) that has an active person, as a named pick. */
const firstNamedOf = (
  roles: readonly Role[],
  input: RoutingInput,
): { person: Person; note: string; role: Role } | undefined => {
  for (const role of roles) {
    const picked = pickNamed(peopleFor(input.config, role), input.lead, input.config, input.loads, input.now);
    if (picked !== undefined) return { ...picked, role };
  }
  return undefined;
};

/** The reason, followed by what was tried and skipped on the way. */
const withNotes = (notes: readonly string[], reason: string): string =>
  notes.length === 0 ? reason : `${reason} (${notes.join('; ')})`;

const noOneError = (what: string): ConfigError =>
  new ConfigError(`No active person to route to: ${what}`, [{ path: 'roster.people', message: what }]);

/**
 * Routes a complete lead to one named person (SPEC §4). Never leaves a lead without a named person:
 * throws `ConfigError` only when the roster has nobody active for the fallbacks (which the config loader
 * refuses).
 */
export const routeLead = (input: RoutingInput): RoutingDecision => {
  const { lead, config, loads, now } = input;
  const notes: string[] = [];

  // 1. Recovered missed calls go to a named owner: the person who missed the call.
  if (lead.source === 'missed_call' && lead.missedBy !== undefined) {
    const missedBy = config.roster.people.find((person) => person.id === lead.missedBy && person.active);
    if (missedBy !== undefined) {
      const reason = `recovered missed call: back to ${staffSummary(missedBy, loads)}, who missed it`;
      return decision(input, missedBy, 'missed-call-owner', reason, BUILT_IN_NEXT_ACTIONS.missedCall);
    }
    notes.push(`missed-call owner "${lead.missedBy}" is not an active roster person`);
  }

  // 2. Poor-fit leads go to the office manager for a decision, not to a tech.
  if (lead.fit === 'poor') {
    const picked = firstNamedOf(['office_manager', 'business_owner'], input);
    if (picked !== undefined) {
      const reason = `poor fit: ${staffSummary(picked.person, loads)} decides; ${picked.note}`;
      return decision(
        input,
        picked.person,
        'poor-fit-office-manager',
        withNotes(notes, reason),
        BUILT_IN_NEXT_ACTIONS.poorFit,
      );
    }
  }

  // 3. The configured rules, in order; urgent work only ever goes to dispatch/on-call from a rule.
  const urgent = isUrgent(lead.urgency);
  const order = byRoundRobin(loads);
  const skipped: string[] = [];
  for (const rule of config.roster.rules) {
    if (!matches(rule, lead)) continue;
    const pool = poolOf(rule, config).filter((person) => !urgent || URGENT_ROLES.includes(person.role));
    const eligible = pool
      .filter(
        (person) => covers(person, lead) && hasCapacity(person, loads) && isOnShift(person, config, now),
      )
      .sort(order);
    const chosen = eligible[0];
    if (chosen === undefined) {
      skipped.push(rule.id);
      continue;
    }
    const territory = `covers ${lead.market ?? 'any market'} and ${lead.serviceType ?? 'any service'}`;
    const reason =
      `rule ${rule.id}: ${chosen.name} (${chosen.role}) ${territory}, ` +
      `${(loads.get(chosen.id) ?? NO_LOAD).open}/${chosen.capacity} open, ${shiftLabel(chosen)}; ${tieBreak(eligible, loads)}`;
    return decision(input, chosen, rule.id, withNotes(notes, reason), rule.nextAction);
  }
  if (skipped.length > 0) notes.push(`matching rules with nobody eligible: ${skipped.join(', ')}`);

  // 4. Emergency work cannot sit unowned: climb the urgent chain, which ends at the business owner.
  if (urgent) {
    for (const entry of config.business.escalation.chains.urgent) {
      const picked = pickNamed(peopleFor(config, entry), lead, config, loads, now);
      if (picked === undefined) continue;
      const reason = `urgent and no rule could place it: urgent chain ${entry} → ${staffSummary(picked.person, loads)}; ${picked.note}`;
      return decision(
        input,
        picked.person,
        'urgent-fallback',
        withNotes(notes, reason),
        BUILT_IN_NEXT_ACTIONS.urgent,
      );
    }
  }

  // 5. A lead is never left without a named person.
  const picked = firstNamedOf(['office_manager', 'business_owner'], input);
  if (picked === undefined) throw noOneError('no active office_manager or business_owner');
  const reason = `no rule could place it: ${picked.role.replaceAll('_', ' ')} ${staffSummary(picked.person, loads)}; ${picked.note}`;
  return decision(input, picked.person, 'fallback', withNotes(notes, reason), BUILT_IN_NEXT_ACTIONS.fallback);
};

/** The next action intake gets for an incomplete lead: which details to complete. */
export const needsInfoNextAction = (missing: readonly CompletenessField[]): string =>
  missing.length === 0
    ? 'Complete the missing details so the lead can be routed'
    : `Complete the missing details (${missing.join(', ')}) so the lead can be routed`;

/**
 * An incomplete lead (status `needs_info`) stays with intake (SPEC §2, §3): a named intake person on the
 * `needs_info` ladder, with the missing fields as the next action.
 */
export const routeToIntake = (input: RoutingInput, missing: CompletenessField[]): RoutingDecision => {
  const picked = firstNamedOf(['intake', 'office_manager', 'business_owner'], input);
  if (picked === undefined) throw noOneError('no active intake, office_manager or business_owner');
  const what = missing.length === 0 ? 'details' : missing.join(', ');
  const reason = `needs info (missing ${what}): ${staffSummary(picked.person, input.loads)}; ${picked.note}`;
  return decision(
    input,
    picked.person,
    'needs-info-intake',
    reason,
    needsInfoNextAction(missing),
    'needs_info',
  );
};
