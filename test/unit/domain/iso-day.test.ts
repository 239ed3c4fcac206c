import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../../src/domain/iso-day.js';

describe('calendar days', () => {
  it('steps over month, year and leap-day ends, both ways', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('gives the ISO weekday whatever the machine zone (the last Sunday of October included)', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-10-25')).toBe(7);
    expect(isoWeekday('2026-12-05')).toBe(6);
  });

  it('refuses what is not a day', () => {
    expect(() => addDays('2026-13-01', 1)).toThrow(/not a calendar day/);
    expect(() => isoWeekday('30.11.2026')).toThrow(/not a calendar day/);
  });
});
