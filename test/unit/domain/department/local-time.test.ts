import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  atLocalTime,
  parseLocalTime,
  sortTimes,
} from '../../../../src/domain/department/local-time.js';

describe('local time', () => {
  it.each([
    ['00:00', 0, 0, 0],
    ['08:45', 8, 45, 525],
    ['23:59', 23, 59, 1439],
  ])('parses %s once into hour, minute and minutes', (text, hour, minute, minutes) => {
    expect(parseLocalTime(text)).toEqual({ hour, minute, minutes, text });
  });

  it.each(['8:45', '24:00', '12:60', '', '12:00:00'])('refuses %j', (text) => {
    expect(() => parseLocalTime(text)).toThrow(/HH:MM/);
  });

  it('places a time on a day in its zone, to the second', () => {
    const day = DateTime.fromISO('2026-03-29', { zone: 'Europe/Budapest' });
    expect(atLocalTime(day, parseLocalTime('09:30')).toISO()).toBe('2026-03-29T09:30:00.000+02:00');
  });

  it('sorts earliest first by minutes, not by text', () => {
    const times = ['13:00', '08:45', '09:00'].map(parseLocalTime);
    expect(sortTimes(times).map((t) => t.text)).toEqual(['08:45', '09:00', '13:00']);
  });
});
