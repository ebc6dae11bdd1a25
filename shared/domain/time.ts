/**
 * Time-zone and DST-correct calendar arithmetic over business hours, with `Intl.DateTimeFormat` only.
 *
 * Every function takes the instant it works from: the domain never reads the clock. Local dates are
 * `YYYY-MM-DD` strings in the given IANA time zone; weekly hours are `"HH:MM-HH:MM"` ranges with an
 * exclusive end (`"24:00"` allowed as an end).
 */
import { ConfigError } from '../errors';
import type { Weekday, WeeklyHours } from './config';

/** The wall-clock reading of an instant in a time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

/** A local wall-clock time to turn back into an instant. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** How far ahead the searches look before deciding that a schedule is never open. */
const SEARCH_DAYS = 366;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_BY_SHORT_NAME: Readonly<Record<string, Weekday>> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const displayFormatters = new Map<string, Intl.DateTimeFormat>();

const partsFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = partsFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
};

const displayFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = displayFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    });
    displayFormatters.set(timeZone, formatter);
  }
  return formatter;
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The wall-clock reading (year, month, day, hour, minute, second, weekday) of `instant` in `timeZone`. */
export const localParts = (instant: Date, timeZone: string): LocalParts => {
  const values: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) values[part.type] = part.value;
  const weekday = WEEKDAY_BY_SHORT_NAME[values.weekday ?? ''];
  if (weekday === undefined) throw new ConfigError(`Cannot read the weekday in time zone ${timeZone}`);
  return {
    year: Number(values.year),
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
    weekday,
  };
};

/** The local calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export const localDate = (instant: Date, timeZone: string): string => {
  const parts = localParts(instant, timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
};

/** Milliseconds the zone's wall clock is ahead of UTC at `epochMs`. */
const offsetAt = (epochMs: number, timeZone: string): number => {
  const parts = localParts(new Date(epochMs), timeZone);
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
};

/**
 * The instant at which the wall clock of `timeZone` reads `parts`. A time that does not exist (the gap
 * when clocks spring forward) moves forward by the gap; a time that happens twice (clocks fall back)
 * resolves to the earlier instant.
 */
export const zonedTimeToInstant = (parts: WallTime, timeZone: string): Date => {
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  const offsetBefore = offsetAt(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wallAsUtc + DAY_MS, timeZone);
  const matches = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
    (candidate) => candidate + offsetAt(candidate, timeZone) === wallAsUtc,
  );
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In the gap: read the wall time with the offset in force before the change, which lands after it.
  return new Date(wallAsUtc - offsetBefore);
};

/** Adds whole or fractional minutes to an instant. */
export const addMinutes = (instant: Date, minutes: number): Date =>
  new Date(instant.getTime() + minutes * MINUTE_MS);

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

const dayOf = (instant: Date, timeZone: string): LocalDay => {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
};

const addDays = (day: LocalDay, days: number): LocalDay => {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const isoDay = (day: LocalDay): string => `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;

const weekdayOf = (day: LocalDay): Weekday =>
  WEEKDAYS_FROM_SUNDAY[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()] ?? 'sun';

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

/** The instant of `minutes` after local midnight of `day` (1440 is the next day's midnight). */
const instantAt = (day: LocalDay, minutes: number, timeZone: string): Date => {
  const target = minutes >= 24 * 60 ? addDays(day, 1) : day;
  const inDay = minutes % (24 * 60);
  return zonedTimeToInstant({ ...target, hour: Math.floor(inDay / 60), minute: inDay % 60 }, timeZone);
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
    if (end < 24 * 60) break;
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

/** Short local text for SMS and pages, e.g. `Tue 3:05 PM` (en-US). */
export const formatLocal = (instant: Date, timeZone: string): string => {
  const values: Record<string, string> = {};
  for (const part of displayFormatter(timeZone).formatToParts(instant)) values[part.type] = part.value;
  return `${values.weekday ?? ''} ${values.hour ?? ''}:${values.minute ?? ''} ${values.dayPeriod ?? ''}`.trim();
};
