/**
 * Who can take a lead now, and who of several should: on shift (always, business hours with holidays,
 * or their own hours), with capacity (open handoffs below their capacity), covering the lead's market and
 * service type; round-robin among equals (fewest open, then least recently assigned, then id).
 * Routing and the escalation ladder both pick people this way. For a non-urgent lead nobody off shift is
 * named while someone on shift can take it (docs/product-rules.md §5, Hours). Someone away (`AWAY 2h`,
 * docs/product-rules.md §12) is not on shift until their away ends, and is named only as a last resort.
 */
import { type AwaySkip, awayWords, untilWords } from './away';
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

/** When the person's away ends, if they are away at `now` (an ended away no longer counts). */
export const awayUntil = (person: Person, config: AppConfig, now: Date): Date | undefined => {
  const entry = config.away?.[person.id];
  if (entry === undefined) return undefined;
  const until = new Date(entry.until);
  return now.getTime() < until.getTime() ? until : undefined;
};

/** Whether `now` is inside the person's working hours: always, business hours (with holidays), or their own. */
const worksAt = (person: Person, config: AppConfig, now: Date): boolean => {
  const { business } = config;
  const timeZone = person.timezone ?? business.timezone;
  if (person.hours === 'always') return true;
  if (person.hours === 'business') return isWithinHours(now, business.hours, timeZone, business.holidays);
  return isWithinHours(now, person.hours, timeZone);
};

/** Whether the person is working at `now`: inside their working hours and not away. */
export const isOnShift = (person: Person, config: AppConfig, now: Date): boolean =>
  awayUntil(person, config, now) === undefined && worksAt(person, config, now);

/** The first instant from `from` on at which the person's working hours are open (undefined: never). */
const hoursOpenFrom = (person: Person, config: AppConfig, from: Date): Date | undefined => {
  if (worksAt(person, config, from)) return from;
  const { business } = config;
  const timeZone = person.timezone ?? business.timezone;
  try {
    return person.hours === 'business'
      ? nextOpening(from, business.hours, timeZone, business.holidays)
      : nextOpening(from, person.hours === 'always' ? {} : person.hours, timeZone);
  } catch {
    return undefined; // hours that never open: this person never comes on shift
  }
};

/**
 * The earliest instant after `after` at which someone of `people` who is off shift then comes on shift
 * (their hours open, or their away ends inside their hours), or undefined when nobody of them ever does
 * (everyone is on shift, or nobody has open hours).
 */
export const nextShiftStart = (
  people: readonly Person[],
  config: AppConfig,
  after: Date,
): Date | undefined => {
  let earliest: Date | undefined;
  for (const person of people) {
    if (isOnShift(person, config, after)) continue;
    const start = hoursOpenFrom(person, config, awayUntil(person, config, after) ?? after);
    if (start === undefined || start.getTime() <= after.getTime()) continue;
    if (earliest === undefined || start < earliest) earliest = start;
  }
  return earliest;
};

/**
 * The people of `people` who are away at `now` (with `covering`, only those who cover that lead): whom
 * routing skipped because of it, for the reason line and the timeline (`awayWords`).
 */
export const awaySkips = (
  people: readonly Person[],
  config: AppConfig,
  now: Date,
  covering?: Pick<LeadDetails, 'market' | 'serviceType'>,
): AwaySkip[] =>
  people.flatMap((person) => {
    const until = !covering || covers(person, covering) ? awayUntil(person, config, now) : undefined;
    return until === undefined ? [] : [{ id: person.id, until: until.toISOString() }];
  });

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
 * shift with capacity; then, for an urgent lead or as a `lastResort`, anyone not away (covering the lead
 * first), ignoring capacity and hours; for any other lead, someone on shift at capacity (covering the
 * lead first); and only as a `lastResort`, someone away. Round-robin within a tier. Undefined when
 * `people` is empty, or when a non-urgent lead finds nobody of them on shift (it then waits for someone
 * to come on shift: `route-and-hand.ts`), or when everyone of them is away and it is not a last resort.
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
  const coveringFirst = (list: Person[]) => list.find((p) => covers(p, lead)) ?? list[0];
  if (isUrgent(lead.urgency) || lastResort) {
    const anyone = coveringFirst(people.filter((p) => awayUntil(p, config, now) === undefined).sort(order));
    if (anyone !== undefined) return { person: anyone, note: 'named although off shift or at capacity' };
  } else {
    const full = coveringFirst(people.filter((p) => isOnShift(p, config, now)).sort(order));
    if (full !== undefined) return { person: full, note: 'on shift, although at capacity' };
  }
  if (!lastResort) return undefined;
  const away = coveringFirst([...people].sort(order));
  const until = away === undefined ? undefined : awayUntil(away, config, now);
  if (away === undefined || until === undefined) return undefined;
  const back = untilWords(until, now, config.business.timezone);
  return { person: away, note: `named as a last resort although away until ${back}` };
};

/** Away people routing passed over, each once, in the order it met them (for the reason and the timeline). */
export class AwaySkips {
  readonly list: AwaySkip[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly now: Date,
  ) {}

  /**
   * Notes those of `people` who are away (all but `picked`; with `covering`, only those covering that
   * lead: a rule's pool names people for territories and skills, a chain entry anyone of its role).
   */
  add(
    people: readonly Person[],
    picked?: Person,
    covering?: Pick<LeadDetails, 'market' | 'serviceType'>,
  ): void {
    for (const skip of awaySkips(people, this.config, this.now, covering)) {
      if (skip.id !== picked?.id) this.push(skip);
    }
  }

  push(skip: AwaySkip): void {
    if (!this.list.some((known) => known.id === skip.id)) this.list.push(skip);
  }

  merge(other: AwaySkips): void {
    for (const skip of other.list) this.push(skip);
  }

  /** `Marco Silva away until 2:00 PM`, one per skip. */
  words(): string[] {
    return this.list.map((skip) => awayWords(skip, this.config, this.now));
  }

  /** `decision` with the skips on it (as `away`), when there are any. */
  on<T extends { away?: AwaySkip[] }>(decision: T): T {
    return this.list.length === 0 ? decision : { ...decision, away: [...this.list] };
  }
}
