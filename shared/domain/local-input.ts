/**
 * `<input type="datetime-local">` values (`YYYY-MM-DDTHH:MM`) read and written in the business time
 * zone, so the lead card shows and takes local times whatever the browser's own zone.
 */
import { localParts, zonedTimeToInstant } from './time';

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The `datetime-local` value showing `iso` on the wall clock of `timeZone`. */
export const toLocalInputValue = (iso: string, timeZone: string): string => {
  const parts = localParts(new Date(iso), timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}`;
};

/**
 * The instant a `datetime-local` value means in `timeZone`, or undefined when it is not a real local
 * time (`2026-02-30T10:00`, `24:00`, text). A time in the spring-forward gap moves forward by the gap.
 */
export const parseLocalInput = (value: string, timeZone: string): Date | undefined => {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone);
};
