/**
 * Business hours: weekly opening hours (`"HH:MM-HH:MM"` ranges with an exclusive end, `"24:00"` allowed
 * as an end) and holidays (local `YYYY-MM-DD` dates, closed all day) in an IANA time zone. The rules are
 * ours; wall clock ↔ instant conversion is `zoned-time.ts`.
 */
import { ConfigError } from '../errors';
import type { WeeklyHours } from './config';
import {
  addDays,
  dayOf,
  instantAt,
  isoDay,
  type LocalDay,
  localParts,
  MINUTES_PER_DAY,
  weekdayOf,
} from './zoned-time';

/** How far ahead the searches look before deciding that a schedule is never open. */
const SEARCH_DAYS = 366;

/** Minutes after local midnight of `"HH:MM"`. */
const minutesOf = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':');
  return Number(hours) * 60 + Number(minutes);
};

interface Range {
  start: number;
  end: number;
}

/** The open ranges of one local day (minutes after midnight), sorted; none on a holiday. */
const rangesOn = (day: LocalDay, hours: WeeklyHours, holidays: readonly string[]): Range[] => {
  if (holidays.includes(isoDay(day))) return [];
  return (hours[weekdayOf(day)] ?? [])
    .map((range) => {
      const [start = '00:00', end = '00:00'] = range.split('-');
      return { start: minutesOf(start), end: minutesOf(end) };
    })
    .filter((range) => range.start < range.end)
    .sort((a, b) => a.start - b.start);
};

const neverOpen = (): ConfigError =>
  new ConfigError(`The opening hours have no open time in the next ${SEARCH_DAYS} days`);

/** Whether `instant` falls inside the weekly hours in `timeZone` (end exclusive; holidays closed all day). */
export const isWithinHours = (
  instant: Date,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[] = [],
): boolean => {
  const parts = localParts(instant, timeZone);
  const now = parts.hour * 60 + parts.minute + parts.second / 60;
  return rangesOn(parts, hours, holidays).some((range) => range.start <= now && now < range.end);
};

/** `instant` itself when open, otherwise the next instant the hours open; `ConfigError` if never open. */
export const nextOpening = (
  instant: Date,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[] = [],
): Date => {
  if (isWithinHours(instant, hours, timeZone, holidays)) return instant;
  const today = dayOf(instant, timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const day = addDays(today, offset);
    for (const range of rangesOn(day, hours, holidays)) {
      const opening = instantAt(day, range.start, timeZone);
      if (opening.getTime() > instant.getTime()) return opening;
    }
  }
  throw neverOpen();
};

/**
 * When the current open stretch ends, or undefined when closed. Back-to-back ranges (`12:00-13:00` after
 * `08:00-12:00`, or `24:00` followed by the next day's `00:00`) count as one stretch.
 */
export const closingTime = (
  instant: Date,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[] = [],
): Date | undefined => {
  if (!isWithinHours(instant, hours, timeZone, holidays)) return undefined;
  const parts = localParts(instant, timeZone);
  const now = parts.hour * 60 + parts.minute + parts.second / 60;
  let day: LocalDay = parts;
  const current = rangesOn(day, hours, holidays).find((range) => range.start <= now && now < range.end);
  if (current === undefined) return undefined;
  let end = current.end;
  for (let guard = 0; guard <= SEARCH_DAYS * 4; guard += 1) {
    const sameDay = rangesOn(day, hours, holidays).find((range) => range.start <= end && range.end > end);
    if (sameDay !== undefined) {
      end = sameDay.end;
      continue;
    }
    if (end < MINUTES_PER_DAY) break;
    const nextDay = addDays(day, 1);
    const first = rangesOn(nextDay, hours, holidays)[0];
    if (first === undefined || first.start !== 0) break;
    day = nextDay;
    end = first.end;
  }
  return instantAt(day, end, timeZone);
};

/** The last closing time of a local day, or undefined when the day is closed. */
const lastClosingOn = (
  day: LocalDay,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[],
): Date | undefined => {
  const ranges = rangesOn(day, hours, holidays);
  if (ranges.length === 0) return undefined;
  return instantAt(day, Math.max(...ranges.map((range) => range.end)), timeZone);
};

/** Today's last closing time when it is still ahead of `instant`, otherwise the next business day's. */
export const endOfBusinessDay = (
  instant: Date,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[] = [],
): Date => {
  const today = dayOf(instant, timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const closing = lastClosingOn(addDays(today, offset), hours, timeZone, holidays);
    if (closing !== undefined && closing.getTime() > instant.getTime()) return closing;
  }
  throw neverOpen();
};

/**
 * The opening time of the `days`-th business day after the local date of `instant` (a business day is a
 * day with open hours that is not a holiday). `days = 0` is the next opening.
 */
export const addBusinessDaysAtOpening = (
  instant: Date,
  days: number,
  hours: WeeklyHours,
  timeZone: string,
  holidays: readonly string[] = [],
): Date => {
  if (days <= 0) return nextOpening(instant, hours, timeZone, holidays);
  const today = dayOf(instant, timeZone);
  let counted = 0;
  for (let offset = 1; offset <= SEARCH_DAYS + days * 7; offset += 1) {
    const day = addDays(today, offset);
    const first = rangesOn(day, hours, holidays)[0];
    if (first === undefined) continue;
    counted += 1;
    if (counted === days) return instantAt(day, first.start, timeZone);
  }
  throw neverOpen();
};
