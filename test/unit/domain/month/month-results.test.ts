import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../../src/domain/calendar.js';
import { cellKey } from '../../../../src/domain/collection/collection-plan.js';
import { buildMonthReport } from '../../../../src/domain/month/build-month-report.js';
import {
  lastWorkingDayOfMonth,
  nextMonthKey,
  planWarningDay,
} from '../../../../src/domain/month/month-days.js';
import { monthRecordOf } from '../../../../src/domain/month/month-record.js';
import { monthPlanCells, monthResultWindows } from '../../../../src/domain/month/month-windows.js';
import { nextMonthPlan } from '../../../../src/domain/month/next-month-plan.js';
import { bestOf, rankManagers } from '../../../../src/domain/month/rank-managers.js';
import type { HistoryEntry } from '../../../../src/domain/standup/history-entry.js';
import { departmentWith } from '../../../helpers/department.js';

const v = (realistic: number) => ({
  pessimistic: realistic * 0.8,
  realistic,
  optimistic: realistic * 1.2,
});

function team(periods: unknown[], managers?: unknown[]) {
  return departmentWith({
    department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
    standup: { times: ['09:00'], meeting_time: '09:30' },
    calendar: { holidays_country: 'RU', extra_days_off: ['2026-12-31'] },
    managers: managers ?? [
      { user_id: 11, name: 'Иван', mode: 'active' },
      { user_id: 12, name: 'Мария', mode: 'passive' },
      { user_id: 13, name: 'Олег', mode: 'active' },
    ],
    plan: { judge_by: 'realistic', periods },
  });
}

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  conversationId: `c-${Math.random()}`,
  standupId: 's',
  day: '2026-11-10',
  managerId: 11,
  managerName: 'Иван',
  lags: [],
  steps: [],
  outcome: 'open',
  late: false,
  reminded: false,
  ...fields,
});

describe("the month's days", () => {
  const calendar = createCalendar(team([]));
  it('finds the last working day and the warning day a week before the end', () => {
    expect(lastWorkingDayOfMonth(calendar, '2026-11-03')).toBe('2026-11-30');
    // 31.12 is a day off in this file: the 30th is the last working day.
    expect(lastWorkingDayOfMonth(calendar, '2026-12-01')).toBe('2026-12-30');
    // 23.11 is a Monday, a working day.
    expect(planWarningDay(calendar, '2026-11-05')).toBe('2026-11-23');
    // 24.01.2027 is a Sunday: the Friday before.
    expect(planWarningDay(calendar, '2027-01-10')).toBe('2027-01-22');
    expect(nextMonthKey('2026-12-15')).toBe('2027-01');
  });
});

describe("the month's results", () => {
  const dept = team([{ period: '2026-11', amount: v(3_000_000), units: v(30) }]);
  const calendar = createCalendar(dept);
  const windows = monthResultWindows(dept, calendar, '2026-11-30');
  const facts = new Map<string, number>([
    [cellKey(11, 'won_amount', 'plan_month'), 500_000],
    [cellKey(12, 'won_amount', 'plan_month'), 1_500_000],
    [cellKey(13, 'won_amount', 'plan_month'), 1_000_000],
    [cellKey(11, 'deals_won', 'plan_month'), 4],
    [cellKey(12, 'deals_won', 'plan_month'), 12],
    [cellKey(13, 'deals_won', 'plan_month'), 10],
  ]);

  it('judges the last working day itself: the whole month is in', () => {
    expect(windows.plan.month.key).toBe('2026-11');
    expect(windows.plan.month.to).toBe('2026-12-01T00:00:00+03:00');
    expect(windows.plan.month.workingDays).toEqual(windows.plan.month.allWorkingDays);
    expect(monthPlanCells(dept, windows).map((c) => `${c.managerId}:${c.metric}`)).toEqual([
      '11:won_amount',
      '12:won_amount',
      '13:won_amount',
      '11:deals_won',
      '12:deals_won',
      '13:deals_won',
    ]);
  });

  it('ranks managers by fulfilment, names the best and gives laggards their record', () => {
    const entries = [
      entry({ day: '2026-11-10', plan: 'обзвон', outcome: 'held' }),
      entry({ day: '2026-11-10', plan: 'ещё', outcome: 'not_held' }),
      entry({ day: '2026-11-17', outcome: 'open' }),
      entry({ day: '2026-11-18', managerId: 12, plan: 'x', outcome: 'held' }),
    ];
    const report = buildMonthReport(
      {
        dept,
        windows,
        day: '2026-11-30',
        entries,
        nextMonth: nextMonthPlan(dept, calendar, '2026-11-30'),
      },
      facts,
      3,
    );
    expect(report.elapsed).toBe(1);
    expect(report.rankedBy).toBe('amount');
    // An equal share each: 1,000,000 and 10 deals.
    expect(report.managers.map((m) => [m.managerId, m.rank, m.fulfilment])).toEqual([
      [12, 1, 1.5],
      [13, 2, 1],
      [11, 3, 0.5],
    ]);
    expect(report.best).toEqual([12, 13]);
    expect(report.team.find((t) => t.target === 'amount')).toMatchObject({
      fact: 3_000_000,
      fulfilment: { realistic: 1, pessimistic: 1.25 },
    });
    expect(report.laggards).toEqual([
      {
        managerId: 11,
        name: 'Иван',
        record: { daysLagging: 2, plansMade: 2, plansHeld: 1, plansNotHeld: 1 },
      },
    ]);
    expect(report.nextMonth).toMatchObject({ key: '2026-12', missing: true, managers: [] });
  });

  it('breaks a tie on the ranking target by the next target', () => {
    const target = (t: 'amount' | 'units', f: number) => ({
      target: t,
      fact: f,
      plan: v(1),
      fulfilment: v(f),
      pace: v(f),
      status: 'ok' as const,
    });
    const ranked = rankManagers(
      [
        { managerId: 1, name: 'A', targets: [target('amount', 0.9), target('units', 0.5)] },
        { managerId: 2, name: 'B', targets: [target('amount', 0.9), target('units', 0.7)] },
      ],
      'realistic',
    );
    expect(ranked.map((m) => m.managerId)).toEqual([2, 1]);
    // Nobody met the plan: the first is named, once he did something.
    expect(bestOf(ranked)).toEqual([2]);
  });
});

describe("next month's plan", () => {
  it('shares the department plan by working days, keeps personal plans, and says when missing', () => {
    const dept = team(
      [{ period: '2026-12', amount: v(2_000_000) }],
      [
        { user_id: 11, name: 'Иван', mode: 'active' },
        {
          user_id: 12,
          name: 'Мария',
          mode: 'passive',
          plan: [{ period: '2026-12', amount: v(1_500_000) }],
        },
        {
          user_id: 13,
          name: 'Олег',
          mode: 'active',
          absences: [{ from: '2026-12-01', to: '2026-12-30' }],
        },
      ],
    );
    const calendar = createCalendar(dept);
    const plan = nextMonthPlan(dept, calendar, '2026-11-30');
    expect(plan.missing).toBe(false);
    expect(plan.team.amount?.realistic).toBe(2_000_000);
    // Олег is away the whole month: no share. The plan is shared by days as the daily pace
    // shares it; Мария's own entry wins for her.
    expect(plan.managers.map((m) => [m.managerId, m.plan.amount?.realistic, m.personal])).toEqual([
      [11, 1_000_000, false],
      [12, 1_500_000, true],
    ]);
    expect(nextMonthPlan(dept, calendar, '2026-12-30').missing).toBe(true);
  });

  it('counts the month record from the history alone', () => {
    expect(monthRecordOf([], 11)).toEqual({
      daysLagging: 0,
      plansMade: 0,
      plansHeld: 0,
      plansNotHeld: 0,
    });
  });
});
