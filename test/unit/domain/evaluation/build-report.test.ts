import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Department } from '../../../../src/domain/department/department.js';
import { createCalendar } from '../../../../src/domain/calendar.js';
import { cellKey, planCollection } from '../../../../src/domain/collection/collection-plan.js';
import {
  buildStandupReport,
  cellsToMeasure,
  type StandupInput,
} from '../../../../src/domain/evaluation/build-report.js';
import { metricCatalogue } from '../../../../src/domain/metrics/catalogue.js';
import { standupWindows } from '../../../../src/domain/windows.js';
import { departmentWith } from '../../../helpers/department.js';

const managers = [
  { user_id: 11, name: 'Иван', mode: 'active' },
  { user_id: 12, name: 'Мария', mode: 'passive' },
  { user_id: 13, name: 'Олег', mode: 'active', hired: '2026-11-16' },
  {
    user_id: 14,
    name: 'Елена',
    mode: 'passive',
    absences: [{ from: '2026-11-23', to: '2026-11-23', reason: 'больничный' }],
  },
];

function department(overrides: Record<string, unknown> = {}): Department {
  return departmentWith({
    department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
    standup: { times: ['09:00'], meeting_time: '09:30' },
    calendar: { holidays_country: 'RU' },
    managers,
    norms: {
      all: {
        meetings: { day: 2, week: 10, month: 40 },
        emails: { day: 4 },
        overdue_activities: { now: 3 },
        conversion: { month: 25 },
        quotes_sent: { day: 0 },
      },
      active: { calls_outgoing: { day: 40, week: 200 } },
      passive: { calls_outgoing: { day: 20 } },
    },
    ...overrides,
  });
}

function setup(dept: Department, runAt = '2026-11-24T09:00') {
  const calendar = createCalendar(dept);
  const run = DateTime.fromISO(runAt, { zone: dept.timeZone });
  const input: StandupInput = {
    dept,
    catalogue: metricCatalogue(dept.customMetrics),
    windows: standupWindows(dept, calendar, run),
    standupId: 'sales-20261124',
    day: run.toISODate() ?? '',
    runAt: run.toISO() ?? '',
  };
  /** Every measured cell at `value(managerId, metric, window)`, default: comfortably on norm. */
  const report = (value: (m: number, metric: string, window: string) => number | undefined) => {
    const facts = new Map<string, number>();
    const plan = planCollection(cellsToMeasure(input), input.catalogue, input.runAt);
    const keys = [
      ...plan.counts.map((c) => c.key),
      ...plan.sums.flatMap((s) => s.buckets.map((b) => b.key)),
      ...(plan.nextStep?.keys.values() ?? []),
    ];
    for (const key of keys) {
      const [m, metric, window] = key.split('|');
      const v = value(Number(m), metric ?? '', window ?? '');
      if (v !== undefined) {
        facts.set(key, v);
      }
    }
    return buildStandupReport(input, facts, 0);
  };
  return { input, report };
}

/** A department with a 2M monthly plan that asks managers behind it. */
const askingAboutPlan = () =>
  department({
    plan: {
      periods: [
        {
          period: '2026-11',
          amount: { pessimistic: 1_600_000, realistic: 2_000_000, optimistic: 2_400_000 },
        },
      ],
      ask_managers: true,
    },
  });

const onNorm = (_m: number, metric: string): number =>
  ({ overdue_activities: 0, deals_lost: 1, deals_won: 3 })[metric] ?? 1000;

describe('evaluation', () => {
  it('marks lag and watch by the thresholds and ranks laggards by severity', () => {
    const { report } = setup(department());
    const r = report((m, metric, window) => {
      if (m === 11 && metric === 'calls_outgoing' && window === 'day') {
        return 10;
      }
      if (m === 12 && metric === 'calls_outgoing' && window === 'day') {
        return 17;
      }
      if (m === 13 && metric === 'meetings' && window === 'day') {
        return 1;
      }
      return onNorm(m, metric);
    });
    const fig = (m: number, metric: string, window: string) =>
      r.managers
        .find((x) => x.managerId === m)
        ?.figures.find((f) => f.metric === metric && f.window === window);
    expect(fig(11, 'calls_outgoing', 'day')).toMatchObject({
      fact: 10,
      norm: 40,
      ratio: 0.25,
      status: 'lag',
      from: '2026-11-23T00:00:00+03:00',
    });
    expect(fig(12, 'calls_outgoing', 'day')).toMatchObject({ norm: 20, status: 'watch' });
    expect(fig(13, 'meetings', 'day')).toMatchObject({ status: 'lag', ratio: 0.5 });
    expect(r.laggards).toEqual([11, 13]);
    expect(r.managers.find((x) => x.managerId === 12)?.lags).toEqual([]);
  });

  it('does not ask someone away today, though the lag stays in the table', () => {
    const away = managers.map((m) =>
      m.user_id === 11 ? { ...m, absences: [{ from: '2026-11-24', to: '2026-11-27' }] } : m,
    );
    const { report } = setup(department({ managers: away }));
    const r = report((m, metric, window) =>
      m === 11 && metric === 'calls_outgoing' && window === 'day' ? 10 : onNorm(m, metric),
    );
    expect(r.managers.find((x) => x.managerId === 11)?.lags.map((f) => f.metric)).toEqual([
      'calls_outgoing',
    ]);
    expect(r.laggards).toEqual([]);
    expect(r.away).toMatchObject([{ managerId: 11, until: '2026-11-27' }]);
  });

  it('prorates norms for an absent manager and one hired mid-month', () => {
    const { report, input } = setup(department());
    const r = report(onNorm);
    const elena = r.managers.find((m) => m.managerId === 14);
    expect(
      elena?.figures.find((f) => f.metric === 'calls_outgoing' && f.window === 'day'),
    ).toBeUndefined(); // away on the judged day
    expect(elena?.figures.find((f) => f.metric === 'meetings' && f.window === 'week')?.norm).toBe(
      8,
    ); // 10 x 4/5
    const oleg = r.managers.find((m) => m.managerId === 13);
    const monthDays = input.windows.monthWorkingDays.length;
    expect(
      oleg?.figures.find((f) => f.metric === 'meetings' && f.window === 'month')?.norm,
    ).toBeCloseTo((40 * 6) / monthDays); // 16-23 Nov: 6 working days
    expect(
      oleg?.figures.find((f) => f.metric === 'calls_outgoing' && f.window === 'week')?.norm,
    ).toBe(200); // hired before the week began
  });

  it.each([
    ['a zero norm asks nothing', 'quotes_sent', 'day', 0, 'ok'],
    ['less is better: under the norm', 'overdue_activities', 'now', 3, 'ok'],
    ['less is better: a little over', 'overdue_activities', 'now', 4, 'watch'],
    ['less is better: far over', 'overdue_activities', 'now', 5, 'lag'],
    ['no data at all is zero, and a lag', 'emails', 'day', 0, 'lag'],
  ])('%s', (_name, metric, window, value, status) => {
    const { report } = setup(department());
    const r = report((m, mt, w) =>
      m === 11 && mt === metric && w === window ? value : onNorm(m, mt),
    );
    expect(
      r.managers[0]?.figures.find((f) => f.metric === metric && f.window === window)?.status,
    ).toBe(status);
  });

  it('does not judge a ratio without a denominator', () => {
    const { report } = setup(department());
    const r = report((m, metric) =>
      m === 11 && (metric === 'deals_won' || metric === 'deals_lost') ? 0 : onNorm(m, metric),
    );
    expect(r.managers[0]?.figures.find((f) => f.metric === 'conversion')).toBeUndefined();
    expect(r.managers[1]?.figures.find((f) => f.metric === 'conversion')).toMatchObject({
      fact: 75,
      status: 'ok',
    });
  });

  it('raises a lag shared by most of the team once, as a team topic, not as questions', () => {
    const { report } = setup(department());
    const r = report((m, metric, window) =>
      metric === 'emails' && window === 'day' && m !== 12
        ? 0
        : m === 11 && metric === 'meetings' && window === 'day'
          ? 0
          : onNorm(m, metric),
    );
    expect(r.teamTopics).toEqual([
      expect.objectContaining({ metric: 'emails', window: 'day', managerIds: [11, 13], judged: 3 }),
    ]);
    expect(r.managers.find((m) => m.managerId === 11)?.lags.map((f) => f.metric)).toEqual([
      'meetings',
    ]);
    expect(r.laggards).toEqual([11]);
  });

  it('judges the plan pace for the team and each manager, breaking a yearly plan down by seasonality', () => {
    const seasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1];
    const dept = department({
      plan: {
        periods: [
          {
            period: 2026,
            amount: { pessimistic: 7_000_000, realistic: 13_000_000, optimistic: 26_000_000 },
          },
        ],
        seasonality,
      },
    });
    const { report, input } = setup(dept);
    const r = report((m, metric, window) =>
      metric === 'won_amount' && window === 'plan_month'
        ? m === 11
          ? 100_000
          : 500_000
        : onNorm(m, metric),
    );
    const team = r.plan.find((p) => p.scope === 'team' && p.period === 'month');
    expect(team?.plan.realistic).toBeCloseTo(2_000_000); // 13M x 2/13
    const elapsed =
      input.windows.plan.month.workingDays.length / input.windows.plan.month.allWorkingDays.length;
    expect(team?.elapsed).toBeCloseTo(elapsed);
    expect(team?.pace.realistic).toBeCloseTo(1_600_000 / (2_000_000 * elapsed));
    const ivan = r.plan.find((p) => p.scope === 11 && p.period === 'month');
    expect(ivan?.status).toBe('lag');
    expect(r.plan.find((p) => p.scope === 12 && p.period === 'month')?.status).toBe('ok');
    expect(r.plan.some((p) => p.period === 'year')).toBe(true);
    // Off by default: the pace is for the head, nobody is asked about it.
    expect(r.laggards).toEqual([]);
  });

  it('asks a manager behind the monthly plan when the department wants it', () => {
    const dept = askingAboutPlan();
    const { report, input } = setup(dept);
    const r = report((m, metric, window) =>
      metric === 'won_amount' && window === 'plan_month'
        ? m === 11
          ? 50_000
          : 500_000
        : onNorm(m, metric),
    );
    expect(r.laggards).toEqual([11]);
    const [lag] = r.managers.find((m) => m.managerId === 11)?.lags ?? [];
    const ivan = r.plan.find(
      (p) => p.scope === 11 && p.period === 'month' && p.target === 'amount',
    );
    expect(lag).toMatchObject({
      metric: 'won_amount',
      window: 'plan_month',
      basis: 'plan',
      fact: 50_000,
      unit: 'rub',
      from: input.windows.plan.month.from,
    });
    expect(lag?.norm).toBeCloseTo((ivan?.plan.realistic ?? 0) * (ivan?.elapsed ?? 0));
    // The plan per day the manager is there: what the deadline check will hold him to.
    expect(lag?.perDay).toBeCloseTo(
      (ivan?.plan.realistic ?? 0) / input.windows.plan.month.allWorkingDays.length,
    );
  });

  it('asks nobody about the monthly plan in its first quarter', () => {
    const dept = askingAboutPlan();
    const { report } = setup(dept, '2026-11-05T09:00');
    const r = report((_m, metric) => (metric === 'won_amount' ? 0 : onNorm(_m, metric)));
    expect(r.plan.find((p) => p.scope === 11 && p.period === 'month')?.status).toBe('lag');
    expect(r.laggards).toEqual([]);
  });
});

describe('collection plan', () => {
  it('asks one batched count per counted cell, one scan per summed metric, and the parts of ratios', () => {
    const dept = department({
      norms: {
        all: {
          calls_outgoing: { day: 40 },
          talk_minutes: { day: 60, week: 300 },
          avg_deal: { month: 50000 },
        },
      },
    });
    const { input } = setup(dept);
    const plan = planCollection(cellsToMeasure(input), input.catalogue, input.runAt);
    const calls = plan.counts.find((c) => c.key === cellKey(11, 'calls_outgoing', 'day'));
    expect(calls?.query).toEqual({
      method: 'crm.activity.list',
      params: {
        filter: {
          TYPE_ID: 2,
          DIRECTION: 2,
          COMPLETED: 'Y',
          '>=START_TIME': '2026-11-23T00:00:00+03:00',
          '<START_TIME': '2026-11-24T00:00:00+03:00',
          RESPONSIBLE_ID: 11,
        },
        select: ['ID'],
      },
    });
    expect(
      plan.counts.find((c) => c.key === cellKey(12, 'deals_won', 'month'))?.query.params,
    ).toMatchObject({
      entityTypeId: 2,
      filter: { stageSemanticId: 'S', assignedById: 12 },
      select: ['id'],
    });
    expect(plan.sums.map((s) => s.metric).sort()).toEqual(['talk_minutes', 'won_amount']);
    const talk = plan.sums.find((s) => s.metric === 'talk_minutes');
    expect(talk?.query.params).toMatchObject({
      FILTER: { CALL_FAILED_CODE: '200', '@PORTAL_USER_ID': [11, 12, 13, 14] },
      SORT: 'ID',
      ORDER: 'ASC',
    });
    expect(talk?.buckets.filter((b) => b.managerId === 11).length).toBe(2);
  });

  it('counts a custom filter metric like a built-in one', () => {
    const dept = department({
      custom_metrics: [
        {
          id: 'site_measurements',
          title: { ru: 'Замеры', en: 'Measurements' },
          source: 'activities',
          filter: { PROVIDER_ID: 'CRM_TODO', '%SUBJECT': 'Замер' },
        },
      ],
      norms: { all: { site_measurements: { week: 3 } } },
    });
    const { input } = setup(dept);
    const plan = planCollection(cellsToMeasure(input), input.catalogue, input.runAt);
    expect(
      plan.counts.find((c) => c.key === cellKey(11, 'site_measurements', 'week'))?.query.params,
    ).toMatchObject({
      filter: {
        PROVIDER_ID: 'CRM_TODO',
        '%SUBJECT': 'Замер',
        '>=CREATED': '2026-11-17T00:00:00+03:00',
        RESPONSIBLE_ID: 11,
      },
    });
  });
});
