import { describe, expect, it } from 'vitest';
import { nextFollowUpEvent } from '../../../shared/domain/follow-up-timer';
import {
  addLocalDays,
  estimateFollowUps,
  firstEstimateFollowUpDue,
  reminderTime,
} from '../../../shared/domain/follow-ups';
import {
  dailyReviewCrons,
  nextDailyReviewAt,
  nextWeeklyReportAt,
  weeklyReportCron,
} from '../../../shared/domain/review-schedule';
import { exampleConfig } from '../../support/fakes';

// America/Chicago; Mon–Fri 07:30–17:30, Sat 08:00–12:00; closed Sunday and 2026-11-26.
const business = exampleConfig().business;
const at = (iso: string) => new Date(iso);
const dues = (sentAt: string) => estimateFollowUps(at(sentAt), business, 1).map((f) => f.dueAt);

describe('first estimate follow-up (docs/product-rules.md seed 002: same day before 3 PM, else next business morning)', () => {
  it.each([
    ['Wed 2:59 PM: the same day, by closing', '2026-11-18T20:59:00Z', '2026-11-18T23:30:00.000Z'],
    [
      'Wed 3:00 PM: the next business morning (opening + 2 h)',
      '2026-11-18T21:00:00Z',
      '2026-11-19T15:30:00.000Z',
    ],
    ['Fri 4 PM: Saturday morning, which is open', '2026-11-20T22:00:00Z', '2026-11-21T16:00:00.000Z'],
    ['Sat 1 PM (closed, before 3 PM): Monday morning', '2026-11-21T19:00:00Z', '2026-11-23T15:30:00.000Z'],
    ['Wed before Thanksgiving, 4 PM: Friday morning', '2026-11-25T22:00:00Z', '2026-11-27T15:30:00.000Z'],
    ['Wed 6 AM, before opening: that day', '2026-11-18T12:00:00Z', '2026-11-18T23:30:00.000Z'],
  ])('%s', (_, sentAt, due) => {
    expect(firstEstimateFollowUpDue(at(sentAt), business).toISOString()).toBe(due);
  });
});

describe('second at 48 h and third at day 5, on the wall clock (DST)', () => {
  it('a week without a clock change: the same local time 2 and 5 days later', () => {
    expect(dues('2026-11-16T16:00:00Z')).toEqual([
      '2026-11-16T23:30:00.000Z', // Mon 5:30 PM
      '2026-11-18T16:00:00.000Z', // Wed 10 AM
      '2026-11-21T16:00:00.000Z', // Sat 10 AM
    ]);
  });

  it('across the fall-back change (Nov 1, 2026): day 5 stays at 10 AM, 121 elapsed hours later', () => {
    // Thu Oct 29, 10 AM CDT (UTC-5)
    const [first, second, third] = dues('2026-10-29T15:00:00Z');
    expect(first).toBe('2026-10-29T22:30:00.000Z'); // Thu 5:30 PM CDT
    expect(second).toBe('2026-10-31T15:00:00.000Z'); // Sat 10 AM CDT
    expect(third).toBe('2026-11-03T16:00:00.000Z'); // Tue 10 AM CST (UTC-6)
  });

  it('across the spring-forward change (Mar 14, 2027): day 5 stays at 10 AM, 119 elapsed hours later', () => {
    // Thu Mar 11, 10 AM CST (UTC-6)
    const [, second, third] = dues('2027-03-11T16:00:00Z');
    expect(second).toBe('2027-03-13T16:00:00.000Z'); // Sat 10 AM CST
    expect(third).toBe('2027-03-16T15:00:00.000Z'); // Tue 10 AM CDT (UTC-5)
  });

  it('a follow-up that lands when the business is closed is due after the next opening', () => {
    // Fri Nov 20, 10 AM: 48 h later is Sunday (closed) → Monday 7:30 + 2 h
    expect(dues('2026-11-20T16:00:00Z')[1]).toBe('2026-11-23T15:30:00.000Z');
  });

  it('adds local days across a DST change without moving the local time', () => {
    expect(addLocalDays(at('2026-10-31T15:00:00Z'), 1, 'America/Chicago').toISOString()).toBe(
      '2026-11-01T16:00:00.000Z',
    );
  });
});

describe('reminders', () => {
  it('an hour before the due time, inside business hours, never before the estimate went out', () => {
    expect(reminderTime(at('2026-11-18T20:00:00Z'), at('2026-11-18T23:30:00Z'), business).toISOString()).toBe(
      '2026-11-18T22:30:00.000Z',
    );
    // Due Mon 9:30 AM: 8:30 AM is open.
    expect(reminderTime(at('2026-11-21T19:00:00Z'), at('2026-11-23T15:30:00Z'), business).toISOString()).toBe(
      '2026-11-23T14:30:00.000Z',
    );
    // Due 5:30 PM, estimate sent at 5 PM: the reminder cannot come before it.
    expect(reminderTime(at('2026-11-18T23:00:00Z'), at('2026-11-18T23:30:00Z'), business).toISOString()).toBe(
      '2026-11-18T23:00:00.000Z',
    );
  });

  it('the next timer of a sequence is the earliest reminder, then the due check once reminded', () => {
    const followUps = estimateFollowUps(at('2026-11-18T20:00:00Z'), business, 1);
    expect(nextFollowUpEvent({ followUps })).toMatchObject({ step: 'remind', at: followUps[0]?.remindAt });
    const reminded = followUps.map((f, i) => (i === 0 ? { ...f, state: 'reminded' as const } : f));
    expect(nextFollowUpEvent({ followUps: reminded })).toMatchObject({
      step: 'due',
      at: followUps[0]?.dueAt,
    });
  });
});

describe('review schedules', () => {
  it('one cron per distinct closing time, and the weekly one at Monday’s opening', () => {
    expect(dailyReviewCrons(business)).toEqual([
      'cron(30 17 ? * MON,TUE,WED,THU,FRI *)',
      'cron(0 12 ? * SAT *)',
    ]);
    expect(weeklyReportCron(business)).toBe('cron(30 7 ? * MON *)');
  });

  it('the local runner’s next review skips the holiday; the weekly report is Monday at opening', () => {
    expect(nextDailyReviewAt(at('2026-11-26T00:00:00Z'), business).toISOString()).toBe(
      '2026-11-27T23:30:00.000Z',
    );
    expect(nextWeeklyReportAt(at('2026-11-20T16:00:00Z'), business).toISOString()).toBe(
      '2026-11-23T13:30:00.000Z',
    );
  });
});
