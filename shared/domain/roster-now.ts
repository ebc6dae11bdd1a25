/**
 * Who is working right now (the board's roster page, docs/product-rules.md §4, §8): on call (reachable at any
 * hour), on shift (inside their working hours: the business hours with holidays, or their own), off shift
 * (and when they are back), and away: out of routing until a time (`AWAY 2h` by SMS or set on this
 * page, §12; back by themselves when it passes) or inactive on the roster. Times in the business time
 * zone, people as `Name (role)`.
 */
import { untilWords } from './away';
import type { AppConfig, Person } from './config';
import { formatLocalDate } from './date-wording';
import { awayUntil, isOnShift } from './pick-person';
import { closingTime, formatLocal, nextOpening } from './time';
import { describePerson } from './wording';

/** One person on the roster page: `Marco Silva (on call)` and when, e.g. `until 5:00 PM`. */
export interface RosterLine {
  personId: string;
  who: string;
  when: string;
  /** Set when the person is away until a time (not inactive): they can be set back. */
  awayUntil?: string;
}

export interface RosterNow {
  onCall: RosterLine[];
  onShift: RosterLine[];
  offShift: RosterLine[];
  away: RosterLine[];
}

/** The person's working hours, in their own time zone, as the opening-hours rules take them. */
const hoursOf = (person: Person, config: AppConfig) => {
  const { business } = config;
  if (person.hours === 'business' || person.hours === 'always') {
    return { hours: business.hours, timeZone: business.timezone, holidays: business.holidays };
  }
  return { hours: person.hours, timeZone: person.timezone ?? business.timezone, holidays: [] };
};

const line = (person: Person, when: string): RosterLine => ({
  personId: person.id,
  who: describePerson(person),
  when,
});

/** Until when an on-shift person works, in the business time zone. */
const untilText = (person: Person, config: AppConfig, now: Date): string => {
  const { hours, timeZone, holidays } = hoursOf(person, config);
  const closing = closingTime(now, hours, timeZone, holidays);
  return closing ? `until ${formatLocal(closing, config.business.timezone)}` : 'on shift';
};

/** When an off-shift person is back, in the business time zone. */
const backText = (person: Person, config: AppConfig, now: Date): string => {
  const { hours, timeZone, holidays } = hoursOf(person, config);
  try {
    const back = nextOpening(now, hours, timeZone, holidays);
    return `back ${formatLocalDate(back.toISOString(), config.business.timezone)}`;
  } catch {
    return 'no working hours set';
  }
};

/** `until 2:00 PM, by text` or `until 2:00 PM, set by Priya Raman`: an away and who set it. */
const awayText = (person: Person, config: AppConfig, until: Date, now: Date): string => {
  const entry = config.away?.[person.id];
  const by =
    entry?.via === 'sms'
      ? 'by text'
      : entry && entry.setBy.id !== person.id
        ? `set by ${entry.setBy.name}`
        : '';
  return `until ${untilWords(until, now, config.business.timezone)}${by ? `, ${by}` : ''}`;
};

/** The roster at `now`, each group by name. */
export const rosterNow = (config: AppConfig, now: Date): RosterNow => {
  const people = [...config.roster.people].sort((a, b) => a.name.localeCompare(b.name));
  const roster: RosterNow = { onCall: [], onShift: [], offShift: [], away: [] };
  for (const person of people) {
    const until = person.active ? awayUntil(person, config, now) : undefined;
    if (!person.active) roster.away.push(line(person, 'not taking leads'));
    else if (until !== undefined) {
      roster.away.push({
        ...line(person, awayText(person, config, until, now)),
        awayUntil: until.toISOString(),
      });
    } else if (person.hours === 'always') roster.onCall.push(line(person, 'any hour'));
    else if (isOnShift(person, config, now))
      roster.onShift.push(line(person, untilText(person, config, now)));
    else roster.offShift.push(line(person, backText(person, config, now)));
  }
  return roster;
};
