/**
 * The week of the weekly report: an ISO week (`2026-W44`) from local Monday 00:00 to the next local
 * Monday 00:00 in the business time zone, so a week with a DST change is 167 or 169 hours.
 */
import { ValidationError } from '../errors';
import { localDate, zonedTimeToInstant } from './time';
import { DAY_MS } from './wording';

/** An ISO week and its local bounds as UTC instants: `from` is Monday 00:00, `to` the next Monday 00:00. */
export interface WeekRange {
  /** `YYYY-Www`, e.g. `2026-W44`. */
  week: string;
  from: string;
  to: string;
}

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

const pad = (value: number): string => String(value).padStart(2, '0');
/** 0 for Monday … 6 for Sunday, of a UTC midnight. */
const isoWeekday = (utcMidnight: number): number => (new Date(utcMidnight).getUTCDay() + 6) % 7;

const isoWeekOf = (utcMidnight: number): { year: number; week: number } => {
  const thursday = utcMidnight + (3 - isoWeekday(utcMidnight)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) };
};

const weeksIn = (year: number): number => isoWeekOf(Date.UTC(year, 11, 28)).week;

const mondayOf = (year: number, week: number): number => {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - isoWeekday(jan4) * DAY_MS + (week - 1) * 7 * DAY_MS;
};

const localMidnight = (utcMidnight: number, timeZone: string): Date => {
  const day = new Date(utcMidnight);
  return zonedTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
};

const invalidWeek = (message: string): ValidationError =>
  new ValidationError(message, [{ path: 'week', message }]);

/**
 * The ISO week `week` (`YYYY-Www`) in `timeZone`, or by default the last complete week before `now`:
 * from local Monday 00:00 to the next local Monday 00:00 (a week with a DST change is 167 or 169 hours).
 * The current week may be asked for (the numbers so far); `ValidationError` for a malformed id, a week
 * the year does not have, or a week that has not started.
 */
export const weekOf = (week: string | undefined, now: Date, timeZone: string): WeekRange => {
  let monday: number;
  if (week === undefined) {
    const [year = 0, month = 1, day = 1] = localDate(now, timeZone).split('-').map(Number);
    const today = Date.UTC(year, month - 1, day);
    monday = today - (isoWeekday(today) + 7) * DAY_MS;
  } else {
    const match = WEEK_ID.exec(week);
    if (!match) throw invalidWeek('Expected an ISO week such as 2026-W44');
    const year = Number(match[1]);
    const number = Number(match[2]);
    if (year < 1970 || number < 1 || number > weeksIn(year)) {
      throw invalidWeek(`${week} is not a week of the calendar`);
    }
    monday = mondayOf(year, number);
  }
  const from = localMidnight(monday, timeZone);
  if (from.getTime() > now.getTime()) throw invalidWeek(`${week} has not started yet`);
  const { year, week: number } = isoWeekOf(monday);
  return {
    week: `${year}-W${pad(number)}`,
    from: from.toISOString(),
    to: localMidnight(monday + 7 * DAY_MS, timeZone).toISOString(),
  };
};
