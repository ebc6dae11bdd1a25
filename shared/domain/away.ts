/**
 * Away (docs/product-rules.md §12): a roster person out of routing for a while — `AWAY 2h` or
 * `AWAY until 14:00` by SMS, or a choice on the board's roster page — and back with `BACK`, the
 * board's Back button, or by itself when the time comes: routing compares `until` with now, so no
 * timer has to fire. While away, routing names them only as a last resort (`pick-person.ts`);
 * handoffs already waiting on them stay theirs.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import { addDays, dayOf, formatLocal, localParts, zonedTimeToInstant } from './zoned-time';

/** The longest away: a forgotten one ends within a week. */
export const MAX_AWAY_DAYS = 7;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long someone asked to be away: minutes from now, until a local clock time, or the rest of today. */
export type AwayRequest =
  | { minutes: number }
  | { until: { hour: number; minute: number } }
  | { restOfToday: true };

/** The board's choices, in the order its form lists them. */
export const AWAY_CHOICES = {
  '1h': { label: '1 hour', request: { minutes: 60 } },
  '2h': { label: '2 hours', request: { minutes: 120 } },
  '4h': { label: '4 hours', request: { minutes: 240 } },
  today: { label: 'Rest of today', request: { restOfToday: true } },
} as const satisfies Record<string, { label: string; request: AwayRequest }>;
export type AwayChoice = keyof typeof AWAY_CHOICES;

/** The board's choice named `value`, or undefined when it is none of them. */
export const awayChoice = (value: string): AwayChoice | undefined =>
  Object.hasOwn(AWAY_CHOICES, value) ? (value as AwayChoice) : undefined;

/**
 * When an away asked at `now` ends, the wall clock read in `timeZone`: `minutes` from now; `until` a
 * clock time today, or tomorrow when that time has already passed today; the rest of today until local
 * midnight. Never more than `MAX_AWAY_DAYS` from now.
 */
export const awayEnd = (request: AwayRequest, now: Date, timeZone: string): Date => {
  const today = dayOf(now, timeZone);
  let end: Date;
  if ('minutes' in request) {
    end = new Date(now.getTime() + Math.max(request.minutes, 1) * MINUTE_MS);
  } else if ('until' in request) {
    const at = (day: typeof today) => zonedTimeToInstant({ ...day, ...request.until }, timeZone);
    end = at(today);
    if (end.getTime() <= now.getTime()) end = at(addDays(today, 1));
  } else {
    end = zonedTimeToInstant({ ...addDays(today, 1), hour: 0, minute: 0 }, timeZone);
  }
  return new Date(Math.min(end.getTime(), now.getTime() + MAX_AWAY_DAYS * DAY_MS));
};

/**
 * `until` as people read it at `now`: `2:00 PM` today, `midnight` at the end of today, `Thu 2:00 PM`
 * within the week, else with the date (`Wed Nov 25, 2:00 PM`).
 */
export const untilWords = (until: Date, now: Date, timeZone: string): string => {
  const today = dayOf(now, timeZone);
  const end = localParts(until, timeZone);
  const day = { year: end.year, month: end.month, day: end.day };
  const same = (a: typeof day, b: typeof day) => a.year === b.year && a.month === b.month && a.day === b.day;
  const [, ...clock] = formatLocal(until, timeZone).split(' ');
  if (same(day, today)) return clock.join(' ');
  if (end.hour === 0 && end.minute === 0 && same(day, addDays(today, 1))) return 'midnight';
  if (until.getTime() - now.getTime() < 6 * DAY_MS) return formatLocal(until, timeZone);
  return formatLocalDate(until.toISOString(), timeZone);
};

/** A person skipped by routing because they are away: their roster id and when they are back. */
export interface AwaySkip {
  id: string;
  until: string;
}

/** `Marco Silva away until 2:00 PM`, in the business time zone, as seen at `now`. */
export const awayWords = (skip: AwaySkip, config: AppConfig, now: Date): string => {
  const name = config.roster.people.find((person) => person.id === skip.id)?.name ?? 'Someone';
  return `${name} away until ${untilWords(new Date(skip.until), now, config.business.timezone)}`;
};
