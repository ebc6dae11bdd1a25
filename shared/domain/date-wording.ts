/**
 * Dates as people read them in notes, emails and reports, in the business time zone. Kept apart from
 * `wording.ts` because it reads the clock face through `time.ts`, which may itself use `wording.ts`.
 */
import { localParts } from './time';
import { MONTHS } from './wording';

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * `Tue Mar 10, 3:05 PM` in `timeZone`: with the date, because a last contact or a follow-up can be days
 * away (SMS use the shorter `formatLocal`).
 */
export const formatLocalDate = (iso: string, timeZone: string): string => {
  const parts = localParts(new Date(iso), timeZone);
  const weekday = parts.weekday.charAt(0).toUpperCase() + parts.weekday.slice(1);
  const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
  const month = MONTHS[parts.month - 1] ?? '';
  return `${weekday} ${month} ${parts.day}, ${hour12}:${pad(parts.minute)} ${parts.hour < 12 ? 'AM' : 'PM'}`;
};

/** A configured local clock time as people say it: `15:00` → `3 PM`, `09:30` → `9:30 AM`. */
export const clockWords = (hhmm: string): string => {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${hour12}${minute === 0 ? '' : `:${pad(minute)}`} ${hour < 12 ? 'AM' : 'PM'}`;
};
