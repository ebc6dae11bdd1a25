/**
 * Business minutes (docs/product-rules.md §5, Hours): time that counts only while the business is open.
 * A non-urgent acceptance window is measured in them, so a window that reaches closing time pauses and
 * resumes at the next opening with the time it had left (15 minutes from 17:25 with closing at 17:30
 * end at 07:40 on the next business day when it opens at 07:30). Open time is measured between real
 * instants, so a stretch that spans a DST change counts the minutes that really passed.
 */
import { ConfigError } from '../errors';
import { closingTime, nextOpening } from './business-hours';
import type { WeeklyHours } from './config';
import { MINUTE_MS } from './wording';

/** Open stretches a single computation may walk through before deciding the hours are unusable. */
const MAX_STRETCHES = 20_000;

/** The weekly hours, zone and holidays business minutes are counted in. */
export interface BusinessCalendar {
  hours: WeeklyHours;
  timezone: string;
  holidays: readonly string[];
}

const tooFar = (): ConfigError =>
  new ConfigError(`Business minutes cannot be counted: more than ${MAX_STRETCHES} opening stretches`);

/** The open stretch (from `at`, or the next opening after it, to its closing time). */
const stretchFrom = (at: Date, calendar: BusinessCalendar): { open: Date; close: Date } => {
  const { hours, timezone, holidays } = calendar;
  const open = nextOpening(at, hours, timezone, holidays);
  const close = closingTime(open, hours, timezone, holidays);
  if (close === undefined) throw new ConfigError('The opening hours have an opening without a closing');
  return { open, close };
};

/**
 * The instant at which `minutes` business minutes have passed since `start`: the earliest instant whose
 * open time since `start` is `minutes`. Never before `start`; for `minutes > 0` it lies inside open hours
 * or is the closing time of the stretch that used the last minute. `0` (or less) is `start` itself.
 * Additive: `addBusinessMinutes(addBusinessMinutes(s, a), b)` is `addBusinessMinutes(s, a + b)`.
 */
export const addBusinessMinutes = (start: Date, minutes: number, calendar: BusinessCalendar): Date => {
  let left = Math.round(minutes * MINUTE_MS);
  if (!(left > 0)) return start;
  let at = start;
  for (let count = 0; count < MAX_STRETCHES; count += 1) {
    const { open, close } = stretchFrom(at, calendar);
    const length = close.getTime() - open.getTime();
    if (left <= length) return new Date(open.getTime() + left);
    left -= length;
    at = close;
  }
  throw tooFar();
};

/** The business minutes between `from` and `to` (0 when `to` is not after `from`); may be fractional. */
export const businessMinutesBetween = (from: Date, to: Date, calendar: BusinessCalendar): number => {
  let total = 0;
  let at = from;
  for (let count = 0; count < MAX_STRETCHES; count += 1) {
    if (at.getTime() >= to.getTime()) return total / MINUTE_MS;
    const { open, close } = stretchFrom(at, calendar);
    if (open.getTime() >= to.getTime()) return total / MINUTE_MS;
    total += Math.min(close.getTime(), to.getTime()) - open.getTime();
    at = close;
  }
  throw tooFar();
};
