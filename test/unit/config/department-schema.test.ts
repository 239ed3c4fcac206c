import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadDepartment, parseDepartment } from '../../../src/config/load-config.js';

const minimal = readFileSync('test/fixtures/config/minimal.yaml', 'utf8');

/** The minimal file with top-level sections replaced by those in `override` (YAML). */
function withOverride(override: string): string {
  return stringify({ ...(parse(minimal) as object), ...(parse(override) as object) });
}

function problemsOf(text: string): string[] {
  try {
    parseDepartment(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    }
    throw error;
  }
  return [];
}

describe('department file', () => {
  it('accepts the commented example and fills the defaults', () => {
    const dept = loadDepartment('config/department.example.yaml');
    expect(dept.timeZone).toBe('Europe/Moscow');
    expect(dept.managers.map((m) => m.userId)).toEqual([11, 12, 13, 14]);
    expect(dept.managers[2]?.hired).toBe('2026-11-10');
    expect(dept.managers[3]?.absences[0]).toEqual({
      from: '2026-11-16',
      to: '2026-11-20',
      reason: 'отпуск',
    });
    expect(dept.thresholds).toEqual({ watch: 0.9, lag: 0.7, teamTopicShare: 0.5 });
    expect(dept.plan.periods[1]?.period).toBe('2026-Q4');
  });

  it('fills every default in a minimal file', () => {
    const dept = parseDepartment(minimal);
    expect(dept.calendar.workingDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(dept.calendar.workHours.start).toMatchObject({ hour: 9, minute: 0, text: '09:00' });
    expect(dept.calendar.workHours.end).toMatchObject({ minutes: 18 * 60, text: '18:00' });
    expect(dept.reminders.reminder).toEqual({ enabled: true, afterMinutes: 60 });
    expect(dept.plan).toEqual({ periods: [], judgeBy: 'realistic', askManagers: false });
    expect(dept.head.deputies).toEqual([]);
    expect(dept.standup.maxDeadlineDays).toBe(30);
  });

  it('names all four mistakes of the broken fixture at once', () => {
    expect(() => loadDepartment('test/fixtures/config/broken.yaml')).toThrow(ConfigError);
    const problems = problemsOf(readFileSync('test/fixtures/config/broken.yaml', 'utf8'));
    expect(problems).toEqual([
      'department.timezone: expected an IANA time zone such as "Europe/Moscow", got "Europe/Moskow"',
      'head.user_id: required: expected a Bitrix24 user id (a positive whole number)',
      'managers[0].calss: unknown key',
      'managers[3].norms.calls_outgoing.day: expected a number >= 0, got "ten"',
    ]);
  });

  it.each([
    [
      'a typo of a known key gets a suggestion',
      'managers:\n  - { user_id: 2, name: Solo, mdoe: passive }',
      'managers[0].mdoe: unknown key (did you mean "mode"?)',
    ],
    ['an unknown metric', 'norms:\n  all:\n    cals: { day: 1 }', 'norms.all.cals: unknown metric'],
    [
      'a snapshot metric with a period window',
      'norms:\n  all:\n    overdue_activities: { day: 1 }',
      'norms.all.overdue_activities.day: this metric describes the CRM at standup time',
    ],
    [
      '"now" on a period metric',
      'norms:\n  all:\n    meetings: { now: 1 }',
      'norms.all.meetings.now: "now" is only for snapshot metrics',
    ],
    [
      'a negative norm',
      'norms:\n  passive:\n    emails: { week: -1 }',
      'norms.passive.emails.week: expected a number >= 0, got -1',
    ],
    [
      'a bad time of day',
      'standup: { times: ["8:45"], meeting_time: "09:00" }',
      'standup.times[0]: expected a time of day as "HH:MM"',
    ],
    [
      'a run after the meeting',
      'standup: { times: ["09:30"], meeting_time: "09:00" }',
      'standup.times: the first run (09:30) must come before the meeting (09:00)',
    ],
    [
      'a deadline limit of no days',
      'standup: { times: ["08:45"], meeting_time: "09:00", max_deadline_days: 0 }',
      'standup.max_deadline_days: expected a number of days from 1 to 366, got 0',
    ],
    [
      'a deadline limit in words',
      'standup: { times: ["08:45"], meeting_time: "09:00", max_deadline_days: month }',
      'standup.max_deadline_days: expected a number of days from 1 to 366, got "month"',
    ],
    [
      'an impossible date',
      'calendar: { extra_days_off: [2026-02-30] }',
      'calendar.extra_days_off[0]: expected a date as YYYY-MM-DD',
    ],
    [
      'an unknown holiday country',
      'calendar: { holidays_country: XX }',
      'calendar.holidays_country: expected a country code known to the holiday calendar',
    ],
    [
      'a bad plan period',
      'plan: { periods: [{ period: 2026-13, amount: { pessimistic: 1, realistic: 2, optimistic: 3 } }] }',
      'plan.periods[0].period: expected a period such as',
    ],
    [
      'a plan period with no figure',
      'plan: { periods: [{ period: 2026-11 }] }',
      'plan.periods[0]: a plan period needs at least one of',
    ],
    [
      'a manager listed twice',
      'managers:\n  - { user_id: 2, name: A, mode: passive }\n  - { user_id: 2, name: B, mode: active }',
      'managers[1].user_id: user 2 is listed twice',
    ],
    [
      'the head as a manager',
      'managers:\n  - { user_id: 1, name: A, mode: passive }',
      'managers[0].user_id: the head cannot also be a manager',
    ],
    [
      'an absence that ends before it starts',
      'managers:\n  - { user_id: 2, name: A, mode: passive, absences: [{ from: 2026-11-20, to: 2026-11-16 }] }',
      'managers[0].absences[0].to: the absence ends',
    ],
    [
      'lag above watch',
      'thresholds: { watch: 0.5, lag: 0.8 }',
      'thresholds.lag: the lag threshold (0.8) must not be above',
    ],
    ['a bad team chat', 'team_chat: "42"', 'team_chat: expected a group chat id such as "chat42"'],
    [
      'a custom metric shadowing a built-in',
      'custom_metrics:\n  - { id: meetings, title: { ru: a, en: b }, source: activities, filter: { TYPE_ID: 1 } }',
      'custom_metrics[0].id: "meetings" is a built-in metric',
    ],
  ])('refuses %s', (_name, override, expected) => {
    const problems = problemsOf(withOverride(override));
    expect(
      problems.some((p) => p.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('refuses plan versions out of order and a day both off and worked, and says a bad date once', () => {
    expect(
      problemsOf(
        withOverride(`
calendar:
  extra_days_off: [2026-12-31, '2026-2-30']
  extra_working_days: [2026-12-31]
plan:
  periods:
    - period: '2026-11'
      amount: { pessimistic: 900000, realistic: 800000, optimistic: 1000000 }
`),
      ),
    ).toEqual([
      'calendar.extra_days_off[1]: expected a date as YYYY-MM-DD, got "2026-2-30"',
      'plan.periods[0].amount: expected pessimistic <= realistic <= optimistic, got 900000, 800000, 1000000',
      'calendar.extra_days_off[0]: 2026-12-31 is also listed in extra_working_days: a day is either off or worked',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('department: { id: x\nhead: [');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatch(/^line \d+, column \d+: YAML: \S/);
    }
  });

  it('refuses duplicate keys instead of keeping the last one', () => {
    const problems = problemsOf(`${minimal}\nhead: { user_id: 3, name: Other }\n`);
    expect(problems[0]).toMatch(/YAML: .*[Uu]nique|duplicate/);
  });

  it('accepts a custom metric and norms for it', () => {
    const dept = parseDepartment(
      withOverride(
        `custom_metrics:\n  - { id: site_measurements, title: { ru: Замеры, en: Measurements }, source: activities, filter: { '%SUBJECT': Замер } }\nnorms:\n  all:\n    site_measurements: { week: 3 }\n`,
      ),
    );
    expect(dept.customMetrics[0]?.direction).toBe('more');
    expect(dept.norms.all.site_measurements).toEqual({ week: 3 });
  });

  it('says when the file is missing', () => {
    expect(() => loadDepartment('no/such/file.yaml')).toThrow(
      /cannot read the department file: file not found/,
    );
  });
});
