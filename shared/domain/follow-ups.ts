/**
 * Follow-up schedules (SPEC §7, seed 002): when each follow-up of a lead is reminded and due.
 *
 * Estimate Sent starts the SOP sequence: the first follow-up the same day if the estimate went out
 * before the cut-off (3 PM local) on a business day, else the next business morning; the second 48 h
 * later; the third on day 5. "48 h" and "day 5" are read on the wall clock of the business (same local
 * time, two and five days later), so across a DST change they stay at the hour the owner expects. A
 * follow-up that lands when the business is closed is due shortly after the next opening instead.
 * No Decision schedules one follow-up at the date the owner chose.
 *
 * Pure: every function takes the instant it works from.
 */
import type { BusinessSettings } from './config';
import type { FollowUp, FollowUpKind, FollowUpRef, Lead } from './lead';
import {
  addBusinessDaysAtOpening,
  addMinutes,
  endOfBusinessDay,
  isWithinHours,
  localDate,
  localParts,
  nextOpening,
  zonedTimeToInstant,
} from './time';

/** How many follow-ups the estimate sequence has. */
export const ESTIMATE_FOLLOW_UPS = 3;

const minutesOf = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':');
  return Number(hours) * 60 + Number(minutes);
};

/** The same local wall-clock time `days` calendar days later (DST-aware). */
export const addLocalDays = (instant: Date, days: number, timeZone: string): Date => {
  const parts = localParts(instant, timeZone);
  const day = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return zonedTimeToInstant(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: parts.hour,
      minute: parts.minute,
    },
    timeZone,
  );
};

/** `at` when the business is open then; otherwise `morningDueMinutes` after the next opening. */
const dueWithinHours = (at: Date, business: BusinessSettings): Date => {
  const { hours, timezone, holidays } = business;
  if (isWithinHours(at, hours, timezone, holidays)) return at;
  return addMinutes(nextOpening(at, hours, timezone, holidays), business.followUps.morningDueMinutes);
};

/**
 * When the owner is reminded of a follow-up due at `dueAt`: `reminderLeadMinutes` before it, moved to the
 * next opening when the business is closed then, never before `opensAt` and never after `dueAt`.
 */
export const reminderTime = (opensAt: Date, dueAt: Date, business: BusinessSettings): Date => {
  const { hours, timezone, holidays } = business;
  let remindAt = addMinutes(dueAt, -business.followUps.reminderLeadMinutes);
  if (!isWithinHours(remindAt, hours, timezone, holidays)) {
    remindAt = nextOpening(remindAt, hours, timezone, holidays);
  }
  if (remindAt.getTime() < opensAt.getTime()) remindAt = opensAt;
  if (remindAt.getTime() > dueAt.getTime()) remindAt = dueAt;
  return remindAt;
};

/**
 * When the first estimate follow-up is due: closing time of the same day if the estimate was sent
 * before the cut-off on a day the business is open, else `morningDueMinutes` after the next business
 * morning's opening.
 */
export const firstEstimateFollowUpDue = (sentAt: Date, business: BusinessSettings): Date => {
  const { hours, timezone, holidays } = business;
  const parts = localParts(sentAt, timezone);
  const beforeCutoff = parts.hour * 60 + parts.minute < minutesOf(business.followUps.sameDayCutoff);
  const closing = endOfBusinessDay(sentAt, hours, timezone, holidays);
  if (beforeCutoff && localDate(closing, timezone) === localDate(sentAt, timezone)) return closing;
  const morning = addBusinessDaysAtOpening(sentAt, 1, hours, timezone, holidays);
  return addMinutes(morning, business.followUps.morningDueMinutes);
};

const followUp = (
  ref: FollowUpRef,
  kind: FollowUpKind,
  opensAt: Date,
  dueAt: Date,
  business: BusinessSettings,
): FollowUp => ({
  ...ref,
  kind,
  opensAt: opensAt.toISOString(),
  remindAt: reminderTime(opensAt, dueAt, business).toISOString(),
  dueAt: dueAt.toISOString(),
  state: 'scheduled',
});

/**
 * The three follow-ups of an estimate sent at `sentAt`. `firstDueAt` lets the owner commit to an earlier
 * first follow-up than the SOP's (never a later one: the caller checks). Each follow-up's window opens
 * when the previous one is due, so one contact cannot log two follow-ups at once.
 */
export const estimateFollowUps = (
  sentAt: Date,
  business: BusinessSettings,
  sequence: number,
  firstDueAt?: Date,
): FollowUp[] => {
  const { timezone } = business;
  const first = firstDueAt ?? firstEstimateFollowUpDue(sentAt, business);
  const second = dueWithinHours(
    addLocalDays(sentAt, business.followUps.secondAfterHours / 24, timezone),
    business,
  );
  const third = dueWithinHours(addLocalDays(sentAt, business.followUps.thirdAfterDays, timezone), business);
  const dues = [first, second, third];
  return dues.map((dueAt, index) =>
    followUp(
      { sequence, n: index + 1 },
      'estimate',
      index === 0 ? sentAt : (dues[index - 1] ?? sentAt),
      dueAt,
      business,
    ),
  );
};

/** The one follow-up of a No Decision, due when the owner said. */
export const noDecisionFollowUp = (
  now: Date,
  dueAt: Date,
  business: BusinessSettings,
  sequence: number,
): FollowUp => followUp({ sequence, n: 1 }, 'no_decision', now, dueAt, business);

/** Follow-ups still waiting for a contact (scheduled, reminded or missed), earliest due first. */
export const pendingFollowUps = (lead: Pick<Lead, 'followUps'>): FollowUp[] =>
  (lead.followUps ?? [])
    .filter((f) => f.state === 'scheduled' || f.state === 'reminded' || f.state === 'missed')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));

/** What a follow-up timer does when it fires. */
export type FollowUpStep = 'remind' | 'due';

/** The next timer moment of the lead's follow-ups (a reminder, or a due check), or undefined. */
export const nextFollowUpEvent = (
  lead: Pick<Lead, 'followUps'>,
): { followUp: FollowUp; step: FollowUpStep; at: string } | undefined => {
  const events = (lead.followUps ?? []).flatMap(
    (f): { followUp: FollowUp; step: FollowUpStep; at: string }[] => {
      if (f.state === 'scheduled') return [{ followUp: f, step: 'remind', at: f.remindAt }];
      if (f.state === 'reminded') return [{ followUp: f, step: 'due', at: f.dueAt }];
      return [];
    },
  );
  return events.sort((a, b) => a.at.localeCompare(b.at))[0];
};

/** The lead's next follow-up date (what the handoff note shows): the earliest pending follow-up's due time. */
export const nextFollowUpAt = (lead: Pick<Lead, 'followUps'>): string | undefined =>
  pendingFollowUps(lead)[0]?.dueAt;
