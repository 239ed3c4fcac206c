import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/domain/calendar.js';
import type { StandupReport } from '../../../src/domain/evaluation/report-schema.js';
import { BUILTIN_METRIC_IDS } from '../../../src/domain/metric-ids.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import type { CrmReader } from '../../../src/report/crm-reader.js';
import { measureStandup } from '../../../src/report/measure-standup.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';
import {
  figuresOffTruth,
  pathsChosen,
  runTruthReport,
  type TruthRun,
} from '../../helpers/truth-report.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('truth')}:`;
const RUN_AT = new Date('2026-11-24T08:45:00+03:00');

const ALL = undefined;
/** A webhook without the calendar scope: calendar.accessibility.get is refused. */
const NO_CALENDAR = ['crm', 'user', 'department', 'telephony', 'im', 'imbot'];

describe.each([
  {
    seed: 7,
    managers: 10,
    absencesOn: 'file' as const,
    portalPeople: false,
    scopes: ALL,
    expectedRequests: 4,
  },
  {
    seed: 2026,
    managers: 6,
    absencesOn: 'file' as const,
    portalPeople: false,
    scopes: ALL,
    expectedRequests: 2,
  },
  // The sick leave only in the portal's calendar: read through calendar.accessibility.get.
  {
    seed: 7,
    managers: 10,
    absencesOn: 'portal' as const,
    portalPeople: false,
    scopes: ALL,
    expectedRequests: 4,
  },
  // A vacation known only through im.user.list.get, no calendar to read, and a dismissed
  // manager still in the file.
  {
    seed: 7,
    managers: 10,
    absencesOn: 'file' as const,
    portalPeople: true,
    scopes: NO_CALENDAR,
    expectedRequests: 4,
  },
])(
  'the report against the seeded department (seed $seed, $managers managers, absences in the $absencesOn, portal people $portalPeople)',
  ({ seed, managers, absencesOn, portalPeople, scopes, expectedRequests }) => {
    const generated = generateDepartment({
      seed,
      managers,
      today: '2026-11-24',
      absencesOn,
      portalPeople,
    });
    const vacationer = generated.truth.vacationer?.managerId;
    let run: TruthRun;
    let report: StandupReport;

    beforeAll(async () => {
      run = await runTruthReport(generated, {
        redis,
        keyPrefix: `${prefix}${seed}-${absencesOn}:`,
        at: RUN_AT,
        ...(scopes === undefined ? {} : { scopes }),
      });
      report = run.report;
    }, 60_000);

    afterAll(async () => {
      await run.emulator.close();
    });

    it('reports every figure exactly as the contract computes it from the portal rows', () => {
      expect(report.managers.flatMap((m) => m.figures).length).toBeGreaterThan(managers * 8);
      expect(figuresOffTruth(run)).toEqual([]);
    });

    it('names exactly the managers and metrics the seed made lag, and nobody else', () => {
      const found = report.managers
        .flatMap((m) =>
          [...new Set(m.lags.map((f) => f.metric))].map((metric) => `${m.managerId}:${metric}`),
        )
        .sort();
      const expected = generated.truth.lags.map((l) => `${l.managerId}:${l.metric}`).sort();
      expect(found).toEqual(expected);
      // The vacationer's lags stay in the table, but someone away today is not asked.
      expect([...report.laggards].sort()).toEqual(
        [...new Set(generated.truth.lags.map((l) => l.managerId))]
          .filter((id) => id !== vacationer)
          .sort(),
      );
    });

    it('knows who is away today and who has left only from the portal', () => {
      const truth = generated.truth;
      expect(report.away.map((a) => [a.managerId, a.until])).toEqual(
        truth.vacationer === undefined
          ? []
          : [[truth.vacationer.managerId, truth.vacationer.until]],
      );
      expect(report.notActive.map((m) => [m.userId, m.reason])).toEqual(
        truth.dismissedManager === undefined ? [] : [[truth.dismissedManager, 'dismissed']],
      );
      expect(report.managers.some((m) => m.managerId === truth.dismissedManager)).toBe(false);
    });

    it('reads the people in the opening batch, at no request of their own', async () => {
      const methods = Object.keys(run.stats().byMethod);
      for (const method of ['user.get', 'im.user.list.get', 'calendar.accessibility.get']) {
        expect(methods).not.toContain(method);
      }
      const without: CrmReader = { ...run.reader, people: undefined };
      const before = run.stats().requests;
      const fileOnly = await measureStandup({
        dept: generated.department,
        calendar: createCalendar(generated.department),
        reader: without,
        at: RUN_AT,
      });
      expect(run.stats().requests - before).toBe(fileOnly.requests);
      if (generated.truth.dismissedManager === undefined) {
        expect(report.requests).toBe(fileOnly.requests);
      } else {
        // Measuring the dismissed manager too costs the file-only run more, never less.
        expect(report.requests).toBeLessThanOrEqual(fileOnly.requests);
      }
    });

    it('raises the team-wide problem once, as a team topic', () => {
      expect([...new Set(report.teamTopics.map((t) => t.metric))]).toEqual(
        generated.truth.teamTopics,
      );
    });

    it('does not judge the absent manager on the day he was away, and prorates the rest', () => {
      const absent = report.managers.find((m) => m.managerId === generated.truth.absentManager);
      expect(absent?.figures.some((f) => f.window === 'day')).toBe(false);
      expect(
        absent?.figures.find((f) => f.metric === 'meetings' && f.window === 'week')?.norm,
      ).toBe(6);
      expect(absent?.lags).toEqual([]);
      const hired = report.managers.find((m) => m.managerId === generated.truth.hiredManager);
      expect(hired?.lags).toEqual([]);
    });

    it('costs a handful of requests: the opening batch, then counts and pages together', () => {
      expect(report.requests).toBe(expectedRequests);
    });
  },
);

describe.each([
  { seed: 3, managers: 4, expectedRequests: 2 },
  { seed: 7, managers: 10, expectedRequests: 4 },
  { seed: 11, managers: 30, expectedRequests: 9 },
])(
  'every metric in every window (seed $seed, $managers managers)',
  ({ seed, managers, expectedRequests }) => {
    const metrics = [...BUILTIN_METRIC_IDS, 'site_measurements'];
    const generated = generateDepartment({
      seed,
      managers,
      today: '2026-11-24',
      gridMetrics: metrics,
    });
    let run: TruthRun;

    beforeAll(async () => {
      run = await runTruthReport(generated, {
        redis,
        keyPrefix: `${prefix}grid-${managers}:`,
        at: RUN_AT,
      });
    }, 60_000);

    afterAll(async () => {
      await run.emulator.close();
    });

    it('reports every figure exactly as the contract computes it, listed or counted', () => {
      const figures = run.report.managers.flatMap((m) => m.figures);
      expect(new Set(figures.map((f) => f.metric))).toEqual(new Set(metrics));
      expect(figuresOffTruth(run)).toEqual([]);
    });

    it('lists what is cheaper listed and counts what is cheaper counted', () => {
      const paths = pathsChosen(run.reads);
      // Outgoing calls are many: the day's rows are listed, the longer windows counted.
      expect(paths.get('calls_outgoing')).toEqual({
        listed: new Set(['day']),
        counted: new Set(['three_days', 'week', 'month']),
      });
      // Everything else is listed: few rows, or (talk minutes) summed anyway, with the
      // connected calls tested on the same rows and deals won taken from the won deals' scan.
      for (const [metric, path] of paths) {
        if (metric !== 'calls_outgoing') {
          expect({ metric, counted: [...path.counted] }).toEqual({ metric, counted: [] });
        }
      }
      expect(run.report.requests).toBe(expectedRequests);
    });
  },
);

describe('a month of many calls, worth counting (seed 7, 10 managers)', () => {
  const generated = generateDepartment({ seed: 7, managers: 10, today: '2026-11-24' });
  let run: TruthRun;

  beforeAll(async () => {
    const dept = {
      ...generated.department,
      norms: {
        all: { calls_outgoing: { month: 800 }, meetings: { day: 2, week: 10 } },
        active: {},
        passive: {},
      },
    };
    run = await runTruthReport(
      { ...generated, department: dept },
      { redis, keyPrefix: `${prefix}count-path:`, at: RUN_AT },
    );
  }, 60_000);

  afterAll(async () => {
    await run.emulator.close();
  });

  it('counts the month of calls cell by cell, lists the meetings, and both are exact', () => {
    const paths = pathsChosen(run.reads);
    expect(paths.get('calls_outgoing')).toEqual({
      listed: new Set(),
      counted: new Set(['month']),
    });
    expect(paths.get('meetings')?.counted).toEqual(new Set());
    expect(figuresOffTruth(run)).toEqual([]);
    expect(run.report.managers.flatMap((m) => m.figures).length).toBeGreaterThan(20);
  });
});

afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});
