import { describe, expect, it } from 'vitest';
import { parseLocalInput, toLocalInputValue } from '../../../shared/domain/local-input';

const CHICAGO = 'America/Chicago';

describe('local date-time input', () => {
  it('reads the browser form (2026-11-24T09:30) as that wall-clock time in the business zone', () => {
    expect(parseLocalInput('2026-11-24T09:30', CHICAGO)?.toISOString()).toBe('2026-11-24T15:30:00.000Z');
  });

  it('reads the form the page shows as an example (2026-11-24 09:30), typed by hand', () => {
    expect(parseLocalInput('2026-11-24 09:30', CHICAGO)?.toISOString()).toBe('2026-11-24T15:30:00.000Z');
  });

  it('refuses what is not a real local time', () => {
    expect(parseLocalInput('2026-02-30T10:00', CHICAGO)).toBeUndefined();
    expect(parseLocalInput('2026-11-24T24:00', CHICAGO)).toBeUndefined();
    expect(parseLocalInput('tomorrow 9', CHICAGO)).toBeUndefined();
  });

  it('writes an instant back as the value a datetime-local field shows', () => {
    expect(toLocalInputValue('2026-11-24T15:30:00.000Z', CHICAGO)).toBe('2026-11-24T09:30');
  });
});
