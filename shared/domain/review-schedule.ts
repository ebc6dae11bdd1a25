/**
 * When the end-of-day review and the weekly report run (docs/product-rules.md §8): the review at the business's closing
 * time each business day, the weekly report at the first opening of the week. The local runner follows
 * these instants; on AWS the same times become EventBridge Scheduler cron expressions in the business
 * time zone (Scheduler applies DST), and a holiday is skipped by the function itself.
 */
import type { BusinessSettings, Weekday } from './config';
import { endOfBusinessDay, localParts, zonedTimeToInstant } from './time';

const CRON_DAYS: Record<Weekday, string> = {
  mon: 'MON',
  tue: 'TUE',
  wed: 'WED',
  thu: 'THU',
  fri: 'FRI',
  sat: 'SAT',
  sun: 'SUN',
};
const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The next end-of-day review after `after`: the next closing time of a business day. */
export const nextDailyReviewAt = (after: Date, business: BusinessSettings): Date =>
  endOfBusinessDay(new Date(after.getTime() + 1), business.hours, business.timezone, business.holidays);

/** Monday's first opening time (`HH:MM`), or 08:00 when Monday is closed: when the weekly report runs. */
const weeklyReportTime = (business: BusinessSettings): string =>
  (business.hours.mon ?? []).map(startOf).sort()[0] ?? '08:00';

/**
 * The next weekly report after `after`: Monday at its opening time (as the deployed cron, holidays
 * included: the report is about last week, whoever reads it first).
 */
export const nextWeeklyReportAt = (after: Date, business: BusinessSettings): Date => {
  const { timezone } = business;
  const [hour = 8, minute = 0] = weeklyReportTime(business).split(':').map(Number);
  const parts = localParts(after, timezone);
  const today = WEEK.indexOf(parts.weekday);
  for (const offset of [0, 7 - today, 14 - today]) {
    if (today !== 0 && offset === 0) continue;
    const day = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + offset));
    const at = zonedTimeToInstant(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
      timezone,
    );
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('unreachable: a Monday is at most two weeks away');
};

/** Whether `instant`'s local day is a business day (open hours, not a holiday). */
export const isBusinessDay = (instant: Date, business: BusinessSettings): boolean => {
  const parts = localParts(instant, business.timezone);
  const date = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  return !business.holidays.includes(date) && (business.hours[parts.weekday] ?? []).length > 0;
};

const endOf = (range: string): string => range.split('-')[1] ?? '00:00';
const startOf = (range: string): string => range.split('-')[0] ?? '00:00';

const cron = (hhmm: string, days: readonly Weekday[]): string => {
  const [hour = '0', minute = '0'] = hhmm === '24:00' ? ['23', '59'] : hhmm.split(':');
  return `cron(${Number(minute)} ${Number(hour)} ? * ${days.map((d) => CRON_DAYS[d]).join(',')} *)`;
};

/**
 * Scheduler cron expressions (in the business time zone) for the daily review: one per distinct closing
 * time, e.g. `cron(30 17 ? * MON,TUE,WED,THU,FRI *)` and `cron(0 12 ? * SAT *)`.
 */
export const dailyReviewCrons = (business: BusinessSettings): string[] => {
  const byClosing = new Map<string, Weekday[]>();
  for (const day of WEEK) {
    const ranges = business.hours[day] ?? [];
    if (ranges.length === 0) continue;
    const closing = ranges.map(endOf).sort().at(-1) ?? '00:00';
    byClosing.set(closing, [...(byClosing.get(closing) ?? []), day]);
  }
  return [...byClosing.entries()].map(([closing, days]) => cron(closing, days));
};

/** The weekly report's cron: Monday at its opening time (08:00 when Monday is closed). */
export const weeklyReportCron = (business: BusinessSettings): string =>
  cron(weeklyReportTime(business), ['mon']);
