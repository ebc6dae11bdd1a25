/**
 * Who is working right now (the board's roster page, docs/product-rules.md §4, §8): on call (reachable at any
 * hour), on shift (inside their working hours: the business hours with holidays, or their own), off shift
 * (and when they are back), and away (inactive on the roster: routing skips them). Times in the
 * business time zone, people as `Name (role)`.
 */
import type { AppConfig, Person } from './config';
import { formatLocalDate } from './date-wording';
import { isOnShift } from './pick-person';
import { closingTime, formatLocal, nextOpening } from './time';
import { describePerson } from './wording';

/** One person on the roster page: `Marco Silva (on call)` and when, e.g. `until 5:00 PM`. */
export interface RosterLine {
  personId: string;
  who: string;
  when: string;
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

/** The roster at `now`, each group by name. */
export const rosterNow = (config: AppConfig, now: Date): RosterNow => {
  const people = [...config.roster.people].sort((a, b) => a.name.localeCompare(b.name));
  const roster: RosterNow = { onCall: [], onShift: [], offShift: [], away: [] };
  for (const person of people) {
    if (!person.active) roster.away.push(line(person, 'not taking leads'));
    else if (person.hours === 'always') roster.onCall.push(line(person, 'any hour'));
    else if (isOnShift(person, config, now))
      roster.onShift.push(line(person, untilText(person, config, now)));
    else roster.offShift.push(line(person, backText(person, config, now)));
  }
  return roster;
};
