/**
 * Wall clock ↔ instant in an IANA time zone, DST-correct, with `@date-fns/tz` (`TZDate` is a `Date`
 * whose getters and setters read and write the zone's wall clock). Every function takes the instant it
 * works from: the domain never reads the clock.
 */
import { TZDate } from '@date-fns/tz';
import { ConfigError } from '../errors';
import type { Weekday } from './config';
import { DAY_MS, MINUTE_MS } from './wording';

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

/** A local calendar day. */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** Minutes from local midnight to the next (1440): the end of a day's last opening range. */
export const MINUTES_PER_DAY = DAY_MS / MINUTE_MS;
const WEEKDAYS_FROM_SUNDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `date`, refused when the zone is unknown (`TZDate` answers an invalid date rather than throwing). */
const known = (date: TZDate, timeZone: string): TZDate => {
  if (Number.isNaN(date.getTime())) throw new ConfigError(`Unknown time zone ${timeZone}`);
  return date;
};

const inZone = (instant: Date, timeZone: string): TZDate =>
  known(new TZDate(instant.getTime(), timeZone), timeZone);

/** The wall-clock reading (year, month, day, hour, minute, second, weekday) of `instant` in `timeZone`. */
export const localParts = (instant: Date, timeZone: string): LocalParts => {
  const local = inZone(instant, timeZone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
    weekday: WEEKDAYS_FROM_SUNDAY[local.getDay()] ?? 'sun',
  };
};

/** `YYYY-MM-DD` of a local day. */
export const isoDay = (day: LocalDay): string => `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;

/** The local calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export const localDate = (instant: Date, timeZone: string): string => isoDay(localParts(instant, timeZone));

/**
 * The instant at which the wall clock of `timeZone` reads `parts`. A time that does not exist (the gap
 * when clocks spring forward) moves forward by the gap; a time that happens twice (clocks fall back)
 * resolves to the earlier instant.
 */
export const zonedTimeToInstant = (parts: WallTime, timeZone: string): Date =>
  new Date(
    known(
      new TZDate(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, timeZone),
      timeZone,
    ).getTime(),
  );

/** Adds whole or fractional minutes to an instant. */
export const addMinutes = (instant: Date, minutes: number): Date =>
  new Date(instant.getTime() + minutes * MINUTE_MS);

/** The local calendar day of `instant` in `timeZone`. */
export const dayOf = (instant: Date, timeZone: string): LocalDay => {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
};

/** The calendar day `days` after `day` (calendar arithmetic: no zone, no DST). */
export const addDays = (day: LocalDay, days: number): LocalDay => {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/** The weekday of a calendar day. */
export const weekdayOf = (day: LocalDay): Weekday =>
  WEEKDAYS_FROM_SUNDAY[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()] ?? 'sun';

/** The instant of `minutes` after local midnight of `day` (1440 is the next day's midnight). */
export const instantAt = (day: LocalDay, minutes: number, timeZone: string): Date => {
  const target = minutes >= MINUTES_PER_DAY ? addDays(day, 1) : day;
  const inDay = minutes % MINUTES_PER_DAY;
  return zonedTimeToInstant({ ...target, hour: Math.floor(inDay / 60), minute: inDay % 60 }, timeZone);
};

/** Short local text for SMS and pages, e.g. `Tue 3:05 PM` (en-US). */
export const formatLocal = (instant: Date, timeZone: string): string => {
  const local = inZone(instant, timeZone);
  const hours = local.getHours();
  return `${SHORT_WEEKDAYS[local.getDay()] ?? ''} ${hours % 12 || 12}:${pad(local.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
};
