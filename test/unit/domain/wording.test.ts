import { describe, expect, it } from 'vitest';
import { formatLocalDate } from '../../../shared/domain/date-wording';
import {
  DAY_MS,
  describePerson,
  HOUR_MS,
  MINUTE_MS,
  plural,
  roleLabel,
} from '../../../shared/domain/wording';

describe('wording', () => {
  it('names a person with their role in plain words', () => {
    // Assess
    expect(describePerson({ name: 'Marco Diaz', role: 'on_call' })).toBe('Marco Diaz (on call)');
    expect(describePerson({ name: 'Ruth Okafor', role: 'office_manager' })).toBe(
      'Ruth Okafor (office manager)',
    );
  });

  it('says roles as people do: "on call", never the code', () => {
    // Assess
    expect(roleLabel('on_call')).toBe('on call');
    expect(roleLabel('business_owner')).toBe('business owner');
  });

  it('counts with the singular for one and the plural otherwise', () => {
    // Assess
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(2, 'follow-up')).toBe('2 follow-ups');
    expect(plural(3, 'person', 'people')).toBe('3 people');
  });

  it('keeps the durations consistent', () => {
    // Assess
    expect(MINUTE_MS).toBe(60_000);
    expect(HOUR_MS).toBe(3_600_000);
    expect(DAY_MS).toBe(86_400_000);
  });

  it('writes a local date with weekday, month, day and 12-hour time', () => {
    // Act
    const text = formatLocalDate('2026-03-10T20:05:00Z', 'America/Chicago');

    // Assess
    expect(text).toBe('Tue Mar 10, 3:05 PM');
  });
});
