import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from '../../../shared/domain/config';
import {
  addBusinessDaysAtOpening,
  addMinutes,
  closingTime,
  endOfBusinessDay,
  formatLocal,
  isWithinHours,
  localDate,
  localParts,
  nextOpening,
  zonedTimeToInstant,
} from '../../../shared/domain/time';
import { ConfigError } from '../../../shared/errors';

const CHICAGO = 'America/Chicago';
const LONDON = 'Europe/London';
/** The example business's hours: weekdays 07:30-17:30, Saturday mornings. */
const HOURS: WeeklyHours = {
  mon: ['07:30-17:30'],
  tue: ['07:30-17:30'],
  wed: ['07:30-17:30'],
  thu: ['07:30-17:30'],
  fri: ['07:30-17:30'],
  sat: ['08:00-12:00'],
};
const HOLIDAYS = ['2026-11-26', '2026-12-25'];
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('localParts and localDate', () => {
  it('reads the wall clock in the zone, including the weekday', () => {
    // Prepare
    const instant = new Date('2026-03-11T04:30:15Z');
    // Act
    const parts = localParts(instant, CHICAGO);
    // Assess
    expect(parts).toEqual({
      year: 2026,
      month: 3,
      day: 10,
      hour: 23,
      minute: 30,
      second: 15,
      weekday: 'tue',
    });
  });

  it('reads midnight as hour 0, not 24', () => {
    // Prepare
    const instant = new Date('2026-01-06T06:00:00Z');
    // Act
    const parts = localParts(instant, CHICAGO);
    // Assess
    expect(parts.hour).toBe(0);
  });

  it('gives the local calendar date, which can differ from the UTC date', () => {
    // Prepare
    const instant = new Date('2026-03-11T04:30:00Z');
    // Act
    const date = localDate(instant, CHICAGO);
    // Assess
    expect(date).toBe('2026-03-10');
  });
});

describe('zonedTimeToInstant', () => {
  it('uses the standard-time offset in winter (Chicago UTC-6)', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 1, day: 6, hour: 9, minute: 0 }, CHICAGO);
    // Assess
    expect(iso(instant)).toBe('2026-01-06T15:00:00.000Z');
  });

  it('uses the daylight offset after spring-forward (Chicago UTC-5 on 2026-03-08)', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 9, minute: 0 }, CHICAGO);
    // Assess
    expect(iso(instant)).toBe('2026-03-08T14:00:00.000Z');
  });

  it('moves a local time that does not exist (02:30 on 2026-03-08 in Chicago) forward to 03:30 CDT', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, CHICAGO);
    // Assess
    expect(iso(instant)).toBe('2026-03-08T08:30:00.000Z');
  });

  it('takes the earlier of a repeated local time (01:30 on 2026-11-01 in Chicago is CDT)', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, CHICAGO);
    // Assess
    expect(iso(instant)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('uses the new offset after fall-back (02:30 on 2026-11-01 in Chicago is CST)', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 2, minute: 30 }, CHICAGO);
    // Assess
    expect(iso(instant)).toBe('2026-11-01T08:30:00.000Z');
  });

  it('handles Europe/London summer time (BST, UTC+1 from 2026-03-29)', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 9, minute: 0 }, LONDON);
    // Assess
    expect(iso(instant)).toBe('2026-03-29T08:00:00.000Z');
  });

  it('moves the London spring-forward gap (01:30 on 2026-03-29) forward to 02:30 BST', () => {
    // Prepare
    // Act
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, LONDON);
    // Assess
    expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('round-trips with localParts on an ordinary day', () => {
    // Prepare
    const wall = { year: 2026, month: 7, day: 4, hour: 18, minute: 45 };
    // Act
    const parts = localParts(zonedTimeToInstant(wall, LONDON), LONDON);
    // Assess
    expect(parts).toMatchObject(wall);
  });
});

describe('isWithinHours', () => {
  it('is open inside a range', () => {
    // Prepare
    const tuesday10am = new Date('2026-03-10T15:00:00Z');
    // Act
    const open = isWithinHours(tuesday10am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(open).toBe(true);
  });

  it('is open at the start of a range (start inclusive)', () => {
    // Prepare
    const tuesday0730 = new Date('2026-03-10T12:30:00Z');
    // Act
    const open = isWithinHours(tuesday0730, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(open).toBe(true);
  });

  it('is closed at the end of a range (end exclusive)', () => {
    // Prepare
    const tuesday1730 = new Date('2026-03-10T22:30:00Z');
    // Act
    const open = isWithinHours(tuesday1730, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(open).toBe(false);
  });

  it('is closed on a day without hours (Sunday)', () => {
    // Prepare
    const sundayNoon = new Date('2026-03-15T17:00:00Z');
    // Act
    const open = isWithinHours(sundayNoon, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(open).toBe(false);
  });

  it('is closed all day on a holiday (Thanksgiving 2026-11-26 is a Thursday)', () => {
    // Prepare
    const thanksgiving10am = new Date('2026-11-26T16:00:00Z');
    // Act
    const open = isWithinHours(thanksgiving10am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(open).toBe(false);
  });

  it('judges by local time, not UTC: 12:45 UTC is closed before the spring-forward change and open after it', () => {
    // Prepare: 12:45 UTC is 06:45 CST on Friday 2026-03-06 but 07:45 CDT on Monday 2026-03-09.
    const beforeDst = new Date('2026-03-06T12:45:00Z');
    const afterDst = new Date('2026-03-09T12:45:00Z');
    // Act
    const open = [isWithinHours(beforeDst, HOURS, CHICAGO), isWithinHours(afterDst, HOURS, CHICAGO)];
    // Assess
    expect(open).toEqual([false, true]);
  });

  it('accepts 24:00 as the end of a range: open at 23:59', () => {
    // Prepare
    const lateHours: WeeklyHours = { tue: ['18:00-24:00'] };
    const tuesday2359 = new Date('2026-03-11T04:59:00Z');
    // Act
    const open = isWithinHours(tuesday2359, lateHours, CHICAGO);
    // Assess
    expect(open).toBe(true);
  });
});

describe('nextOpening', () => {
  it('is the instant itself when open', () => {
    // Prepare
    const tuesday10am = new Date('2026-03-10T15:00:00Z');
    // Act
    const opening = nextOpening(tuesday10am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(opening)).toBe('2026-03-10T15:00:00.000Z');
  });

  it('is later the same day before opening', () => {
    // Prepare
    const tuesday6am = new Date('2026-03-10T11:00:00Z');
    // Act
    const opening = nextOpening(tuesday6am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(opening)).toBe('2026-03-10T12:30:00.000Z');
  });

  it('skips the weekend across the spring-forward change: Saturday afternoon CST → Monday 07:30 CDT', () => {
    // Prepare
    const saturday2pm = new Date('2026-03-07T20:00:00Z');
    // Act
    const opening = nextOpening(saturday2pm, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(opening)).toBe('2026-03-09T12:30:00.000Z');
  });

  it('skips the weekend across the fall-back change: Saturday afternoon CDT → Monday 07:30 CST', () => {
    // Prepare
    const saturday2pm = new Date('2026-10-31T19:00:00Z');
    // Act
    const opening = nextOpening(saturday2pm, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(opening)).toBe('2026-11-02T13:30:00.000Z');
  });

  it('skips a holiday: Wednesday evening before Thanksgiving → Friday 07:30', () => {
    // Prepare
    const wednesday6pm = new Date('2026-11-26T00:00:00Z');
    // Act
    const opening = nextOpening(wednesday6pm, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(opening)).toBe('2026-11-27T13:30:00.000Z');
  });

  it('throws a ConfigError when the hours never open', () => {
    // Prepare
    const never: WeeklyHours = {};
    // Act
    const act = () => nextOpening(new Date('2026-03-10T15:00:00Z'), never, CHICAGO);
    // Assess
    expect(act).toThrow(ConfigError);
  });
});

describe('closingTime', () => {
  it('is the end of the current range when open', () => {
    // Prepare
    const saturday9am = new Date('2026-03-14T14:00:00Z');
    // Act
    const closing = closingTime(saturday9am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(closing)).toBe('2026-03-14T17:00:00.000Z');
  });

  it('is undefined when closed', () => {
    // Prepare
    const sundayNoon = new Date('2026-03-15T17:00:00Z');
    // Act
    const closing = closingTime(sundayNoon, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(closing).toBeUndefined();
  });

  it('treats back-to-back ranges, across midnight too, as one stretch', () => {
    // Prepare
    const overnight: WeeklyHours = {
      mon: ['08:00-12:00', '12:00-24:00'],
      tue: ['00:00-06:00', '09:00-17:00'],
    };
    const monday9am = new Date('2026-03-09T14:00:00Z');
    // Act
    const closing = closingTime(monday9am, overnight, CHICAGO);
    // Assess
    expect(iso(closing)).toBe('2026-03-10T11:00:00.000Z');
  });
});

describe('endOfBusinessDay', () => {
  it("is today's closing time when it is still ahead", () => {
    // Prepare
    const tuesday10am = new Date('2026-03-10T15:00:00Z');
    // Act
    const end = endOfBusinessDay(tuesday10am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(end)).toBe('2026-03-10T22:30:00.000Z');
  });

  it("is today's closing time before opening, too", () => {
    // Prepare
    const tuesday6am = new Date('2026-03-10T11:00:00Z');
    // Act
    const end = endOfBusinessDay(tuesday6am, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(end)).toBe('2026-03-10T22:30:00.000Z');
  });

  it("is the next business day's closing after hours: Saturday afternoon → Monday 17:30", () => {
    // Prepare
    const saturday2pm = new Date('2026-03-14T19:00:00Z');
    // Act
    const end = endOfBusinessDay(saturday2pm, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(end)).toBe('2026-03-16T22:30:00.000Z');
  });
});

describe('addBusinessDaysAtOpening', () => {
  it('with 0 days is the next opening', () => {
    // Prepare
    const sundayNoon = new Date('2026-03-15T17:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(sundayNoon, 0, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(at)).toBe('2026-03-16T12:30:00.000Z');
  });

  it('counts one business day from Tuesday as Wednesday at opening', () => {
    // Prepare
    const tuesday10am = new Date('2026-03-10T15:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(tuesday10am, 1, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(at)).toBe('2026-03-11T12:30:00.000Z');
  });

  it('counts Saturday as a business day with its own opening time (Friday + 1 → Saturday 08:00)', () => {
    // Prepare
    const friday4pm = new Date('2026-03-13T21:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(friday4pm, 1, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(at)).toBe('2026-03-14T13:00:00.000Z');
  });

  it('skips holidays and Sundays: Wednesday before Thanksgiving + 2 → Saturday 08:00', () => {
    // Prepare
    const wednesday10am = new Date('2026-11-25T16:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(wednesday10am, 2, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(at)).toBe('2026-11-28T14:00:00.000Z');
  });

  it('lands on the right offset across fall-back: Saturday + 1 → Monday 07:30 CST', () => {
    // Prepare
    const saturday9am = new Date('2026-10-31T14:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(saturday9am, 1, HOURS, CHICAGO, HOLIDAYS);
    // Assess
    expect(iso(at)).toBe('2026-11-02T13:30:00.000Z');
  });

  it('works in London across the BST change', () => {
    // Prepare
    const londonHours: WeeklyHours = { mon: ['09:00-17:00'], fri: ['09:00-17:00'] };
    const friday10am = new Date('2026-03-27T10:00:00Z');
    // Act
    const at = addBusinessDaysAtOpening(friday10am, 1, londonHours, LONDON);
    // Assess
    expect(iso(at)).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('formatLocal and addMinutes', () => {
  it('formats a short local time for SMS, e.g. "Tue 3:05 PM"', () => {
    // Prepare
    const instant = new Date('2026-03-10T20:05:00Z');
    // Act
    const text = formatLocal(instant, CHICAGO);
    // Assess
    expect(text).toBe('Tue 3:05 PM');
  });

  it('adds minutes to an instant', () => {
    // Prepare
    const instant = new Date('2026-03-10T15:00:00Z');
    // Act
    const later = addMinutes(instant, 90);
    // Assess
    expect(iso(later)).toBe('2026-03-10T16:30:00.000Z');
  });
});
