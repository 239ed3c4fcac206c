import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/domain/calendar.js';
import { standupWindows } from '../../../src/domain/windows.js';
import { departmentWith } from '../../helpers/department.js';

const ru = departmentWith({
  department: { id: 'ru', name: 'RU', timezone: 'Europe/Moscow' },
  standup: { times: ['09:00'], meeting_time: '09:30' },
  calendar: {
    holidays_country: 'RU',
    extra_working_days: ['2026-11-28'],
    extra_days_off: ['2026-12-31'],
  },
});
const at = (iso: string, zone = 'Europe/Moscow') => DateTime.fromISO(iso, { zone });

describe('standup windows', () => {
  const calendar = createCalendar(ru);

  it('judges the previous working day and the trailing windows, never this morning', () => {
    const w = standupWindows(ru, calendar, at('2026-11-24T09:00'));
    expect(w.judgedDay).toBe('2026-11-23');
    expect(w.norm.day).toEqual({
      id: 'day',
      from: '2026-11-23T00:00:00+03:00',
      to: '2026-11-24T00:00:00+03:00',
      workingDays: ['2026-11-23'],
    });
    expect(w.norm.three_days.workingDays).toEqual(['2026-11-19', '2026-11-20', '2026-11-23']);
    expect(w.norm.three_days.from).toBe('2026-11-19T00:00:00+03:00');
    expect(w.norm.week.workingDays).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-23',
    ]);
    expect(w.norm.month).toMatchObject({
      from: '2026-11-01T00:00:00+03:00',
      to: '2026-11-24T00:00:00+03:00',
    });
    expect(w.norm.half_day).toMatchObject({
      from: '2026-11-23T13:30:00+03:00',
      to: '2026-11-24T00:00:00+03:00',
    });
  });

  it('skips a public holiday and counts a moved working Saturday', () => {
    const afterHoliday = standupWindows(ru, calendar, at('2026-11-05T09:00'));
    expect(afterHoliday.judgedDay).toBe('2026-11-03'); // 4 Nov is National Unity Day
    expect(afterHoliday.norm.three_days.workingDays).toEqual([
      '2026-10-30',
      '2026-11-02',
      '2026-11-03',
    ]);
    const afterSaturday = standupWindows(ru, calendar, at('2026-11-30T09:00'));
    expect(afterSaturday.judgedDay).toBe('2026-11-28');
    expect(afterSaturday.norm.three_days.workingDays).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
  });

  it('starts a new month on the first working day of the month', () => {
    const w = standupWindows(ru, calendar, at('2026-12-01T09:00'));
    expect(w.judgedDay).toBe('2026-11-30');
    expect(w.norm.month.workingDays).toHaveLength(w.monthWorkingDays.length); // the whole of November
    expect(w.plan.month.key).toBe('2026-11');
    expect(w.plan.quarter.key).toBe('2026-Q4');
    expect(w.plan.half_year.key).toBe('2026-H2');
    expect(w.plan.year.key).toBe('2026');
    const next = standupWindows(ru, calendar, at('2026-12-02T09:00'));
    expect(next.norm.month.workingDays).toEqual(['2026-12-01']);
  });

  it('keeps local midnight across a daylight-saving change', () => {
    const hu = departmentWith({
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
    });
    const w = standupWindows(hu, createCalendar(hu), at('2026-03-30T08:30', 'Europe/Budapest'));
    expect(w.norm.day).toMatchObject({
      from: '2026-03-29T00:00:00+01:00',
      to: '2026-03-30T00:00:00+02:00',
    });
    expect(Date.parse(w.norm.day.to) - Date.parse(w.norm.day.from)).toBe(23 * 3600 * 1000);
    const autumn = standupWindows(
      hu,
      createCalendar(hu),
      at('2026-10-26T08:30', 'Europe/Budapest'),
    );
    expect(Date.parse(autumn.norm.day.to) - Date.parse(autumn.norm.day.from)).toBe(
      25 * 3600 * 1000,
    );
  });

  it("judges an afternoon run's half day on this morning", () => {
    const twice = departmentWith({ standup: { times: ['08:30', '14:00'], meeting_time: '09:00' } });
    const w = standupWindows(
      twice,
      createCalendar(twice),
      at('2026-11-24T14:00', 'Europe/Budapest'),
    );
    expect(w.norm.half_day).toEqual({
      id: 'half_day',
      from: '2026-11-24T09:00:00+01:00',
      to: '2026-11-24T13:30:00+01:00',
      workingDays: ['2026-11-24'],
    });
  });
});
