/**
 * The follow-up sequence of a lead: when each follow-up is reminded and due, the two timers each one
 * has, and what a status change and a logged contact do to it. What a timer does when it fires is in
 * `follow-up-timer.ts`.
 *
 * The rule (`estimateFollowUps`; times from `business.followUps`, defaults shown): Estimate Sent starts
 * a sequence of three follow-ups.
 * 1. The first the same day if the estimate was sent before 3 PM local time on a business day (due at
 *    closing), else the next business morning.
 * 2. The second 48 h after the estimate was sent.
 * 3. The third on day 5.
 *
 * "48 h" and "day 5" are read on the wall clock of the business (same local time, two and five days
 * later), so across a DST change they stay at the hour the owner expects. A follow-up that lands when
 * the business is closed is due shortly after the next opening instead. No Decision schedules one
 * follow-up at the date the owner chose.
 *
 * Each follow-up has two timers, created together: the reminder to the owner, and the due check, which
 * marks a follow-up still not logged as missed and tells the operations lead. Logging it (or leaving
 * the status) deletes the timers that have not fired.
 *
 * Pure: every function takes the instant it works from and returns the timers the caller creates or
 * deletes after its write.
 */
import type { BusinessSettings } from './config';
import { formatLocalDate } from './date-wording';
import type { Actor, FollowUp, FollowUpKind, FollowUpRef, Lead, TimelineEvent } from './lead';
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
import { timelineEvent } from './timeline';
import { plural } from './wording';

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
 * The three follow-ups of an estimate sent at `sentAt`: the first the same day if it was sent before the
 * cut-off (3 PM local) on a business day, else the next business morning; the second at 48 h; the third
 * on day 5 (see the file's summary). `firstDueAt` lets the owner commit to an earlier
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

/** The lead's next follow-up date (what the handoff note shows): the earliest pending follow-up's due time. */
export const nextFollowUpAt = (lead: Pick<Lead, 'followUps'>): string | undefined =>
  pendingFollowUps(lead)[0]?.dueAt;

// ---- Timers ------------------------------------------------------------------------------------------

/** Which timer of a follow-up: the reminder to the owner, or the due check. */
export type FollowUpStep = 'remind' | 'due';

/** A timer the caller creates or deletes after the write. */
export interface FollowUpTimer extends FollowUpRef {
  step: FollowUpStep;
  at: string;
}

/** Both timers of a follow-up, created together: the reminder and the due check. */
export const timersFor = (f: FollowUp): FollowUpTimer[] => [
  { sequence: f.sequence, n: f.n, step: 'remind', at: f.remindAt },
  { sequence: f.sequence, n: f.n, step: 'due', at: f.dueAt },
];

/** The timers still to fire of follow-ups that end now (logged or cancelled). */
export const timersStillToFire = (followUps: readonly FollowUp[]): FollowUpTimer[] =>
  followUps.flatMap((f): FollowUpTimer[] => {
    if (f.state === 'scheduled') return timersFor(f);
    if (f.state === 'reminded') return timersFor(f).slice(1);
    return [];
  });

/** How timelines and messages name a follow-up: `Follow-up 2 of 3`, or `Follow-up` when it is alone. */
export const followUpLabel = (f: FollowUp, all: readonly FollowUp[]): string => {
  const total = all.filter((other) => other.sequence === f.sequence).length;
  return total > 1 ? `Follow-up ${f.n} of ${total}` : 'Follow-up';
};

// ---- What a contact and a status change do to the sequence ----------------------------------------------

/**
 * A contact at `contactAt` logs the earliest pending follow-up whose window had opened by then (late
 * ones too: a missed follow-up logged later counts). Returns the follow-ups, the timers to delete and
 * the timeline entry, or no entry when the contact logs no follow-up.
 */
export const logFollowUpWith = (
  lead: Pick<Lead, 'followUps'>,
  contactAt: string,
  actor: Actor,
  now: Date,
  timeZone: string,
): { followUps: FollowUp[]; cancel: FollowUpTimer[]; event?: TimelineEvent; label?: string } => {
  const followUps = [...(lead.followUps ?? [])];
  const pending = pendingFollowUps(lead).find((f) => f.opensAt <= contactAt);
  if (!pending) return { followUps, cancel: [] };
  const index = followUps.findIndex((f) => f.sequence === pending.sequence && f.n === pending.n);
  followUps[index] = { ...pending, state: 'logged', loggedAt: contactAt };
  const late = contactAt > pending.dueAt;
  const label = followUpLabel(pending, followUps);
  const event = timelineEvent(
    now,
    'follow_up_logged',
    actor,
    `${label} logged${late ? ' late' : ''} (was due ${formatLocalDate(pending.dueAt, timeZone)})`,
    { sequence: pending.sequence, n: pending.n, late, contactAt },
  );
  return { followUps, cancel: timersStillToFire([pending]), event, label };
};

/**
 * A status change: whatever was pending belongs to the previous status and is cancelled; with a
 * follow-up date, Estimate Sent starts a new estimate sequence (`firstDueAt`: an earlier first
 * follow-up the owner committed to) and No Decision one follow-up at that date.
 */
export const restartFollowUps = (
  lead: Pick<Lead, 'followUps' | 'followUpSequence'>,
  start:
    | { kind: 'estimate'; firstDueAt: Date | undefined }
    | { kind: 'no_decision'; dueAt: Date }
    | undefined,
  actor: Actor,
  now: Date,
  business: BusinessSettings,
): {
  followUps: FollowUp[];
  sequence: number;
  schedule: FollowUpTimer[];
  cancel: FollowUpTimer[];
  events: TimelineEvent[];
  /** "Follow-up(s) due ..." when a sequence started. */
  scheduled?: string;
} => {
  const events: TimelineEvent[] = [];
  const stillPending = pendingFollowUps(lead);
  const cancel = timersStillToFire(stillPending);
  let followUps = (lead.followUps ?? []).map((f) =>
    stillPending.includes(f) ? { ...f, state: 'cancelled' as const } : f,
  );
  if (stillPending.length > 0) {
    events.push(
      timelineEvent(
        now,
        'follow_up_cancelled',
        actor,
        `${plural(stillPending.length, 'pending follow-up')} cancelled`,
        {
          count: stillPending.length,
        },
      ),
    );
  }
  let sequence = lead.followUpSequence ?? 0;
  if (!start) return { followUps, sequence, schedule: [], cancel, events };
  sequence += 1;
  const fresh =
    start.kind === 'estimate'
      ? estimateFollowUps(now, business, sequence, start.firstDueAt)
      : [noDecisionFollowUp(now, start.dueAt, business, sequence)];
  // Keep the history of earlier sequences short: the current one and what was logged or missed before.
  followUps = [...followUps.filter((f) => f.state === 'logged' || f.state === 'missed'), ...fresh].slice(-12);
  const dues = fresh.map((f) => formatLocalDate(f.dueAt, business.timezone)).join('; ');
  const scheduled = `Follow-up${fresh.length > 1 ? 's' : ''} due ${dues}`;
  events.push(timelineEvent(now, 'follow_up_scheduled', actor, scheduled, { sequence, count: fresh.length }));
  return { followUps, sequence, schedule: fresh.flatMap(timersFor), cancel, events, scheduled };
};
