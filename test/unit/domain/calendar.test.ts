import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { parseDepartment } from '../../../src/config/load-config.js';
import { createCalendar } from '../../../src/domain/calendar.js';

const minimal = parse(readFileSync('test/fixtures/config/minimal.yaml', 'utf8')) as Record<
  string,
  unknown
>;

function calendarWith(overrides: Record<string, unknown>) {
  return createCalendar(parseDepartment(stringify({ ...minimal, ...overrides })));
}

describe('department calendar', () => {
  const ru = calendarWith({
    department: { id: 'ru', name: 'RU', timezone: 'Europe/Moscow' },
    calendar: {
      holidays_country: 'RU',
      extra_days_off: ['2026-12-31'],
      extra_working_days: ['2026-11-28'],
    },
  });

  it.each([
    ['2026-11-24', undefined],
    ['2026-11-04', 'День народного единства'],
    ['2026-11-22', 'weekend'],
    ['2026-11-28', undefined], // a moved working Saturday
    ['2026-12-31', 'extra day off'],
    ['2027-01-01', 'Новый год'],
  ])('%s -> %s', (day, reason) => {
    expect(ru.dayOffReason(day)).toBe(reason);
    expect(ru.isWorkingDay(day)).toBe(reason === undefined);
  });

  it('finds the previous working day across a weekend and a holiday', () => {
    expect(ru.previousWorkingDay('2026-11-23')).toBe('2026-11-20');
    expect(ru.previousWorkingDay('2026-11-05')).toBe('2026-11-03');
  });

  it('lists the next standups on working days only, in local time', () => {
    const runs = ru.nextStandups(new Date('2026-11-20T10:00:00+03:00'), 3);
    expect(runs.map((r) => r.toISO({ suppressMilliseconds: true }))).toEqual([
      '2026-11-23T08:30:00+03:00',
      '2026-11-24T08:30:00+03:00',
      '2026-11-25T08:30:00+03:00',
    ]);
  });

  it('keeps the local time across a daylight-saving change', () => {
    const bud = calendarWith({
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
    });
    const runs = bud.nextStandups(new Date('2026-03-28T12:00:00Z'), 3);
    expect(runs.map((r) => r.toISO({ suppressMilliseconds: true }))).toEqual([
      '2026-03-29T08:30:00+02:00', // the night the clocks go forward
      '2026-03-30T08:30:00+02:00',
      '2026-03-31T08:30:00+02:00',
    ]);
    expect(runs[0]?.toUTC().hour).toBe(6);
    const autumn = bud.nextStandups(new Date('2026-10-24T12:00:00Z'), 2);
    expect(autumn.map((r) => r.toUTC().toISO({ suppressMilliseconds: true }))).toEqual([
      '2026-10-25T07:30:00Z',
      '2026-10-26T07:30:00Z',
    ]);
  });

  it('runs several times a day when configured', () => {
    const twice = calendarWith({ standup: { times: ['14:00', '08:30'], meeting_time: '09:00' } });
    const runs = twice.nextStandups(new Date('2026-11-24T10:00:00+01:00'), 3);
    expect(runs.map((r) => r.toFormat('dd HH:mm'))).toEqual(['24 14:00', '25 08:30', '25 14:00']);
  });
});
