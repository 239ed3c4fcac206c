import { z } from 'zod';
import type { Department } from '../department/department.js';
import type { Cell } from '../collection/collection-plan.js';
import { cellKey } from '../collection/collection-plan.js';
import { judge } from '../evaluation/judge.js';
import { departmentPlan, personalPlan } from '../evaluation/plan-targets.js';
import {
  figureSchema,
  statusSchema,
  type StandupReport,
  type Status,
} from '../evaluation/report-schema.js';
import { PLAN_METRIC } from '../evaluation/standup-cells.js';
import { PLAN_TARGETS, PLAN_VERSIONS } from '../metric-ids.js';
import type { StandupWindows } from '../windows.js';

/** Week plan facts are measured over the week's window under this id. */
export const WEEK_PLAN_WINDOW = 'plan_week';

const versionsSchema = z.object({
  pessimistic: z.number(),
  realistic: z.number(),
  optimistic: z.number(),
});

/** The team's plan against fact for one period and target, in the three versions. */
export const weekPaceSchema = z.object({
  period: z.enum(['week', 'month', 'quarter']),
  key: z.string(),
  target: z.enum(['amount', 'units', 'new_clients']),
  fact: z.number(),
  /** The plan due for the period (the week: the month's plan per working day, times the week's). */
  plan: versionsSchema,
  /** fact / (plan x elapsed) per version; the week counts as whole. */
  pace: versionsSchema,
  status: statusSchema,
});
export type WeekPace = z.infer<typeof weekPaceSchema>;

export const weekManagerSchema = z.object({
  managerId: z.number(),
  name: z.string(),
  /** The week's figures against the week norms (the same cells as the daily report's week). */
  figures: z.array(figureSchema),
  /** The worst status among the figures; `ok` with none. */
  status: statusSchema,
  notJudged: z.string().optional(),
});
export type WeekManager = z.infer<typeof weekManagerSchema>;

/** The week as measured for the weekly meeting: the last five working days to the meeting day. */
export const weekReportSchema = z.object({
  departmentId: z.string(),
  weekId: z.string(),
  /** The meeting day (the last of the five working days). */
  day: z.string(),
  runAt: z.string(),
  from: z.string(),
  to: z.string(),
  workingDays: z.array(z.string()),
  managers: z.array(weekManagerSchema),
  plan: z.array(weekPaceSchema),
  away: z.array(z.object({ managerId: z.number(), name: z.string(), until: z.string() })),
  notActive: z.array(
    z.object({ userId: z.number(), name: z.string(), reason: z.enum(['dismissed', 'unknown']) }),
  ),
  requests: z.number(),
});
export type WeekReport = z.infer<typeof weekReportSchema>;

/** `<dept>-w<yyyymmdd>` of the meeting day: no colon (a job id and a Redis key). */
export const weekIdOf = (deptId: string, day: string) => `${deptId}-w${day.replaceAll('-', '')}`;

/** The week's plan cells: each planned target's metric over the week, for every manager. */
export function weekPlanCells(dept: Department, windows: StandupWindows): Cell[] {
  const month = windows.plan.month;
  return PLAN_TARGETS.filter(
    (target) =>
      departmentPlan(dept, month, target) !== undefined ||
      dept.managers.some((m) => personalPlan(m, month, target) !== undefined),
  ).flatMap((target) =>
    dept.managers.map((m) => ({
      managerId: m.userId,
      metric: PLAN_METRIC[target],
      window: { ...windows.norm.week, id: WEEK_PLAN_WINDOW },
    })),
  );
}

const RANK: Record<Status, number> = { ok: 0, watch: 1, lag: 2 };

/**
 * The week from a standup report judged on the meeting day: each manager's week figures
 * (the same cells, the same truth as the daily report's `week`), and the team's plan pace for
 * the week, the month and the quarter in the three versions.
 */
export function buildWeekReport(
  dept: Department,
  report: StandupReport,
  windows: StandupWindows,
  facts: ReadonlyMap<string, number>,
): WeekReport {
  const week = windows.norm.week;
  const managers = report.managers.map((m): WeekManager => {
    const figures = m.figures.filter((f) => f.window === 'week');
    const status = figures.reduce<Status>(
      (worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst),
      'ok',
    );
    return {
      managerId: m.managerId,
      name: m.name,
      figures,
      status,
      ...(m.notJudged === undefined ? {} : { notJudged: m.notJudged }),
    };
  });
  const teamPaces = report.plan.filter(
    (p) => p.scope === 'team' && (p.period === 'month' || p.period === 'quarter'),
  );
  const month = windows.plan.month;
  const weekShare =
    month.allWorkingDays.length === 0 ? 0 : week.workingDays.length / month.allWorkingDays.length;
  const weekPaces = PLAN_TARGETS.flatMap((target): WeekPace[] => {
    const monthPlan = departmentPlan(dept, month, target);
    if (monthPlan === undefined) {
      return [];
    }
    const fact = dept.managers.reduce(
      (sum, m) => sum + (facts.get(cellKey(m.userId, PLAN_METRIC[target], WEEK_PLAN_WINDOW)) ?? 0),
      0,
    );
    const plan = {
      pessimistic: monthPlan.pessimistic * weekShare,
      realistic: monthPlan.realistic * weekShare,
      optimistic: monthPlan.optimistic * weekShare,
    };
    return [paceOf('week', month.key, target, fact, plan, 1, dept)];
  });
  return {
    departmentId: dept.id,
    weekId: weekIdOf(dept.id, report.judgedDay),
    day: report.judgedDay,
    runAt: report.runAt,
    from: week.from,
    to: week.to,
    workingDays: week.workingDays,
    managers,
    plan: [
      ...weekPaces,
      ...teamPaces.map((p) =>
        paceOf(p.period as 'month' | 'quarter', p.key, p.target, p.fact, p.plan, p.elapsed, dept),
      ),
    ],
    away: report.away,
    notActive: report.notActive,
    requests: report.requests,
  };
}

function paceOf(
  period: WeekPace['period'],
  key: string,
  target: WeekPace['target'],
  fact: number,
  plan: WeekPace['plan'],
  elapsed: number,
  dept: Department,
): WeekPace {
  const pace = Object.fromEntries(
    PLAN_VERSIONS.map((v) => {
      const due = plan[v] * elapsed;
      return [v, due <= 0 ? 1 : fact / due];
    }),
  ) as WeekPace['pace'];
  const judged = dept.plan.judgeBy;
  return {
    period,
    key,
    target,
    fact,
    plan,
    pace,
    status: judge(fact, plan[judged] * elapsed, 'more', dept.thresholds).status,
  };
}
