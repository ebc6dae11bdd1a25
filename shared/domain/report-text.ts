/**
 * How the daily review and the weekly report say counts, durations and days in words.
 */
import { MONTHS } from './wording';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Seconds as people say them: `45 s`, `2 min 10 s`, `1 h 5 min`, `3 d 4 h`. */
export const formatDuration = (totalSeconds: number): string => {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const rest = seconds % 60;
    return `${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  if (seconds < 86_400) {
    const rest = Math.floor((seconds % 3600) / 60);
    return `${Math.floor(seconds / 3600)} h${rest ? ` ${rest} min` : ''}`;
  }
  const rest = Math.floor((seconds % 86_400) / 3600);
  return `${Math.floor(seconds / 86_400)} d${rest ? ` ${rest} h` : ''}`;
};

/** A local date as subjects show it: `2026-11-24` → `Tue Nov 24`. */
export const dayLabel = (date: string): string => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday] ?? ''} ${MONTHS[month - 1] ?? ''} ${day}`;
};
