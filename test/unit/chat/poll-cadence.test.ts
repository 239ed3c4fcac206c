import { describe, expect, it } from 'vitest';
import { pollCadence } from '../../../src/chat/poll-cadence.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { isWorkingTime } from '../../../src/domain/working-time.js';
import { loadDepartment } from '../../../src/config/load-config.js';

const dept = loadDepartment('config/department.example.yaml');
const calendar = createCalendar(dept);
const at = (iso: string) => new Date(iso);

describe('when people may be writing', () => {
  it.each([
    ['2026-11-24T08:15:00+03:00', true], // half an hour before the 08:45 run
    ['2026-11-24T08:10:00+03:00', false],
    ['2026-11-24T19:55:00+03:00', true], // two hours after 18:00
    ['2026-11-24T20:05:00+03:00', false],
    ['2026-11-28T11:00:00+03:00', false], // a Saturday
  ])('%s: %s', (when, working) => {
    expect(isWorkingTime(dept, calendar, at(when))).toBe(working);
  });
});

describe('how often the bot asks for events', () => {
  const cadence = pollCadence({
    idleMs: 5_000,
    slowestMs: 60_000,
    isWorkingTime: (now) => isWorkingTime(dept, calendar, now),
  });
  const noon = at('2026-11-24T12:00:00+03:00');
  const night = at('2026-11-24T23:00:00+03:00');
  const ago = (date: Date, ms: number) => date.getTime() - ms;

  it('fast right after activity, day or night', () => {
    expect(cadence(noon, ago(noon, 30_000))).toBe(2_000);
    expect(cadence(night, ago(night, 30_000))).toBe(2_000);
  });

  it('the set interval while the team works, three times it after a quiet quarter hour', () => {
    expect(cadence(noon, ago(noon, 5 * 60_000))).toBe(5_000);
    expect(cadence(noon, undefined)).toBe(15_000);
  });

  it('once a minute outside working time: a twelfth of a fixed 5 s pace', () => {
    expect(cadence(night, undefined)).toBe(60_000);
    expect(3_600_000 / cadence(night, undefined)).toBe(60);
  });
});
