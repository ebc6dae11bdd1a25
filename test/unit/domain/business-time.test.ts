/**
 * Business minutes (docs/product-rules.md §5, Hours): the example business, America/Chicago,
 * Mon–Fri 07:30–17:30, Sat 08:00–12:00, closed Sunday and on 2026-11-26 (Thanksgiving). US DST 2026
 * starts Sunday 8 March and ends Sunday 1 November.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinHours } from '../../../shared/domain/business-hours';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
} from '../../../shared/domain/business-time';
import { exampleConfig } from './fixtures';

const business: BusinessCalendar = exampleConfig().business;
const add = (iso: string, minutes: number) =>
  addBusinessMinutes(new Date(iso), minutes, business).toISOString();
const open = (instant: Date) => isWithinHours(instant, business.hours, business.timezone, business.holidays);

describe('addBusinessMinutes', () => {
  it('inside one open stretch it is plain minutes', () => {
    expect(add('2026-11-18T16:00:00Z', 15)).toBe('2026-11-18T16:15:00.000Z'); // Wed 10:00 → 10:15
  });

  it('a window that reaches closing pauses and resumes at opening: 15 min from 17:25 ends 07:40 next day', () => {
    // Wed 17:25 CST → Thu 07:40 CST
    expect(add('2026-11-18T23:25:00Z', 15)).toBe('2026-11-19T13:40:00.000Z');
  });

  it('before opening it starts at opening; after closing at the next opening', () => {
    expect(add('2026-11-18T11:00:00Z', 15)).toBe('2026-11-18T13:45:00.000Z'); // Wed 05:00 → 07:45
    expect(add('2026-11-19T05:00:00Z', 15)).toBe('2026-11-19T13:45:00.000Z'); // Wed 23:00 → Thu 07:45
  });

  it('a holiday is closed all day: Wednesday 17:25 before Thanksgiving resumes on Friday', () => {
    expect(add('2026-11-25T23:25:00Z', 15)).toBe('2026-11-27T13:40:00.000Z');
  });

  it('Saturday closes at noon and Sunday is closed: Saturday 11:50 + 15 ends Monday 07:35', () => {
    expect(add('2026-11-21T17:50:00Z', 15)).toBe('2026-11-23T13:35:00.000Z');
  });

  it('across the spring DST change (8 March 2026): Saturday 11:50 CST + 15 ends Monday 07:35 CDT', () => {
    expect(add('2026-03-07T17:50:00Z', 15)).toBe('2026-03-09T12:35:00.000Z');
  });

  it('across the autumn DST change (1 November 2026): Saturday 11:50 CDT + 15 ends Monday 07:35 CST', () => {
    expect(add('2026-10-31T16:50:00Z', 15)).toBe('2026-11-02T13:35:00.000Z');
  });

  it('ending exactly at closing is the closing time', () => {
    expect(add('2026-11-18T23:15:00Z', 15)).toBe('2026-11-18T23:30:00.000Z');
  });

  it('zero minutes is the start itself', () => {
    expect(add('2026-11-19T05:00:00Z', 0)).toBe('2026-11-19T05:00:00.000Z');
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open time: 17:25 to 07:40 next day is 15 minutes', () => {
    const minutes = businessMinutesBetween(
      new Date('2026-11-18T23:25:00Z'),
      new Date('2026-11-19T13:40:00Z'),
      business,
    );
    expect(minutes).toBe(15);
  });

  it('is 0 when the end is not after the start', () => {
    const at = new Date('2026-11-18T16:00:00Z');
    expect(businessMinutesBetween(at, at, business)).toBe(0);
  });
});

/** Any instant from 2026-01-01 to 2027-12-31 (both DST changes of two years, holidays, weekends). */
const instant = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  .map((ms) => new Date(ms));
const minutes = fc.integer({ min: 1, max: 3000 });

describe('addBusinessMinutes properties', () => {
  it('is never before the start, and the minute before it is open (never inside closed hours)', () => {
    fc.assert(
      fc.property(instant, minutes, (start, length) => {
        const end = addBusinessMinutes(start, length, business);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime() + length * 60_000 - 1);
        expect(open(new Date(end.getTime() - 1000))).toBe(true);
      }),
      { numRuns: 200, seed: 20261101 },
    );
  });

  it('is additive: adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (start, a, b) => {
        const stepwise = addBusinessMinutes(addBusinessMinutes(start, a, business), b, business);
        expect(stepwise.toISOString()).toBe(addBusinessMinutes(start, a + b, business).toISOString());
      }),
      { numRuns: 200, seed: 20260308 },
    );
  });

  it('counts back what it added: the business minutes from the start to the result are the minutes', () => {
    fc.assert(
      fc.property(instant, minutes, (start, length) => {
        const end = addBusinessMinutes(start, length, business);
        expect(businessMinutesBetween(start, end, business)).toBeCloseTo(length, 6);
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });
});
