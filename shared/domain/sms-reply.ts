/**
 * What an inbound SMS asks for (docs/product-rules.md §12), read from its text alone: accept a handoff
 * by its code (`1A`, `1A Y`), a bare `YES` / `1`, send one back (`1A N no address`), the carrier's
 * keywords (`STOP` and the other opt-out words, `START`, `HELP`), `AWAY 2h` / `AWAY until 14:00` /
 * `BACK`, or nothing we understand. Pure and total: any text gives an answer, never an exception.
 */
import { asReplyCode } from './reply-codes';

/** The carrier's opt-out words: any of them alone stops SMS to the number. */
export const OPT_OUT_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT'] as const;
/** The words that opt a number back in. */
export const OPT_IN_WORDS = ['START', 'UNSTOP'] as const;

const YES = new Set(['Y', 'YES', 'OK', '1', 'ACCEPT']);
const NO = new Set(['N', 'NO']);

/** The longest reply text read (a longer one is cut: the reason of a send-back is short). */
export const SMS_REPLY_MAX_LENGTH = 640;

export type SmsReply =
  /** Accept by code, or (`code` undefined) the one open handoff of the sender. */
  | { kind: 'accept'; code?: string }
  /** Send the handoff back to intake; `reason` is empty when none was given. */
  | { kind: 'reject'; code: string; reason: string }
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'help' }
  /** Out of routing for `minutes`, or until the local wall-clock time `until` (`14:00`). */
  | { kind: 'away'; minutes: number }
  | { kind: 'away'; until: { hour: number; minute: number } }
  | { kind: 'back' }
  /** `AWAY` without a time it could read (`AWAY`, `AWAY later`): answered with how to say one. */
  | { kind: 'away_unclear' }
  | { kind: 'unknown' };

const words = (text: string): string[] =>
  text
    .slice(0, SMS_REPLY_MAX_LENGTH)
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}:.\s'-]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');

/** `2h`, `90m`, `90 min`, `1.5 hours` → minutes (at most a week); undefined otherwise. */
const durationMinutes = (parts: readonly string[]): number | undefined => {
  const match = /^(\d{1,3}(?:\.\d)?)\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)$/i.exec(
    parts.join(' '),
  );
  if (!match?.[1] || !match[2]) return undefined;
  const amount = Number(match[1]);
  const minutes = Math.round(match[2].toLowerCase().startsWith('h') ? amount * 60 : amount);
  return minutes >= 1 && minutes <= 7 * 24 * 60 ? minutes : undefined;
};

/** `14:00`, `2pm`, `2:30 pm` → a wall-clock time; undefined otherwise. */
const clockTime = (parts: readonly string[]): { hour: number; minute: number } | undefined => {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(parts.join(' ').replaceAll('.', ''));
  if (!match?.[1]) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (half && (hour < 1 || hour > 12)) return undefined;
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (!half && match[2] === undefined) return undefined;
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
};

const awayReply = (rest: readonly string[]): SmsReply => {
  const [first, ...after] = rest;
  if (first?.toUpperCase() === 'UNTIL') {
    const until = clockTime(after);
    return until ? { kind: 'away', until } : { kind: 'away_unclear' };
  }
  const minutes = durationMinutes(rest);
  return minutes ? { kind: 'away', minutes } : { kind: 'away_unclear' };
};

/** What the text of an inbound SMS asks for. */
export const parseSmsReply = (text: string): SmsReply => {
  const parts = words(typeof text === 'string' ? text : '');
  const [first, second, ...rest] = parts;
  if (first === undefined) return { kind: 'unknown' };
  const head = first.toUpperCase().replace(/[.']/g, '');
  if (parts.length === 1) {
    if ((OPT_OUT_WORDS as readonly string[]).includes(head)) return { kind: 'stop' };
    if ((OPT_IN_WORDS as readonly string[]).includes(head)) return { kind: 'start' };
    if (head === 'HELP' || head === 'INFO') return { kind: 'help' };
    if (head === 'BACK') return { kind: 'back' };
    if (YES.has(head)) return { kind: 'accept' };
  }
  if (head === 'AWAY') return awayReply(parts.slice(1));
  const code = asReplyCode(head);
  if (!code) return { kind: 'unknown' };
  const answer = second?.toUpperCase().replace(/[.']/g, '');
  if (answer === undefined || (YES.has(answer) && rest.length === 0)) return { kind: 'accept', code };
  if (answer !== undefined && NO.has(answer)) return { kind: 'reject', code, reason: rest.join(' ') };
  return { kind: 'unknown' };
};
