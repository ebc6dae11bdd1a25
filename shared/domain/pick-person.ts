/**
 * Who can take a lead now, and who of several should: on shift (always, business hours with holidays,
 * or their own hours), with capacity (open handoffs below their capacity), covering the lead's market and
 * service type; round-robin among equals (fewest open, then least recently assigned, then id).
 * Routing and the escalation ladder both pick people this way. For a non-urgent lead nobody off shift is
 * named while someone on shift can take it (docs/product-rules.md §5, Hours).
 */
import type { AppConfig, Person } from './config';
import { isUrgent, type LeadDetails, type PersonRef, ROLES, type Role } from './lead-details';
import { isWithinHours, nextOpening } from './time';
import { roleLabel } from './wording';

/** What a person currently holds: open handoffs/leads waiting on them, and when they last got one. */
export interface OwnerLoad {
  open: number;
  lastAssignedAt?: string;
}

export const NO_LOAD: OwnerLoad = { open: 0 };

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

/**
 * The earliest instant after `after` at which someone of `people` who is off shift then comes on shift,
 * or undefined when nobody of them ever does (everyone is on shift, or nobody has open hours).
 */
export const nextShiftStart = (
  people: readonly Person[],
  config: AppConfig,
  after: Date,
): Date | undefined => {
  const { business } = config;
  let earliest: Date | undefined;
  for (const person of people) {
    if (person.hours === 'always' || isOnShift(person, config, after)) continue;
    const timeZone = person.timezone ?? business.timezone;
    let start: Date;
    try {
      start =
        person.hours === 'business'
          ? nextOpening(after, business.hours, timeZone, business.holidays)
          : nextOpening(after, person.hours, timeZone);
    } catch {
      continue; // hours that never open: this person never comes on shift
    }
    if (start.getTime() > after.getTime() && (earliest === undefined || start < earliest)) earliest = start;
  }
  return earliest;
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

/** A chain entry or pool in words: a role's label (`on call`) or the named person's name. */
export const entryLabel = (entry: string, config: AppConfig): string =>
  (ROLES as readonly string[]).includes(entry)
    ? roleLabel(entry as Role)
    : (config.roster.people.find((person) => person.id === entry)?.name ??
      'a person no longer on the roster');

export const shiftLabel = (person: Person): string => (person.hours === 'always' ? 'on call' : 'on shift');

/** "Name (role label, open/capacity open)": staff facts only, never customer data. */
export const staffSummary = (person: Person, loads: ReadonlyMap<string, OwnerLoad>): string =>
  `${person.name} (${roleLabel(person.role)}, ${(loads.get(person.id) ?? NO_LOAD).open}/${person.capacity} open)`;

/** A named pick and why that person, for the reason line. */
export interface NamedPick {
  person: Person;
  note: string;
}

/**
 * The best person among `people`, in tiers: eligible (covers the lead, has capacity, on shift), then on
 * shift with capacity; then, for an urgent lead or as a `lastResort`, anyone (covering the lead first),
 * ignoring capacity and hours; for any other lead, someone on shift at capacity (covering the lead
 * first). Round-robin within a tier. Undefined when `people` is empty, or when a non-urgent lead finds
 * nobody of them on shift (it then waits for someone to come on shift: `route-and-hand.ts`).
 */
export const pickNamed = (
  people: readonly Person[],
  lead: Pick<LeadDetails, 'market' | 'serviceType' | 'urgency'>,
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
  lastResort = false,
): NamedPick | undefined => {
  const order = byRoundRobin(loads);
  const available = people.filter((p) => isOnShift(p, config, now) && hasCapacity(p, loads)).sort(order);
  const eligible = available.filter((p) => covers(p, lead));
  const best = eligible[0];
  if (best !== undefined) return { person: best, note: `${shiftLabel(best)}; ${tieBreak(eligible, loads)}` };
  const outside = available[0];
  if (outside !== undefined)
    return { person: outside, note: 'outside their territory or skills, but on shift with capacity' };
  if (isUrgent(lead.urgency) || lastResort) {
    const all = [...people].sort(order);
    const anyone = all.find((p) => covers(p, lead)) ?? all[0];
    if (anyone === undefined) return undefined;
    return { person: anyone, note: 'named although off shift or at capacity' };
  }
  const onShift = people.filter((p) => isOnShift(p, config, now)).sort(order);
  const full = onShift.find((p) => covers(p, lead)) ?? onShift[0];
  return full === undefined ? undefined : { person: full, note: 'on shift, although at capacity' };
};
