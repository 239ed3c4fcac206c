import type { Department } from '../department/department.js';
import type { PlanPace } from '../evaluation/report-schema.js';
import { planPaces } from '../evaluation/plan-pace.js';
import type { HistoryEntry } from '../standup/history-entry.js';
import type { StandupWindows } from '../windows.js';
import { monthRecordOf } from './month-record.js';
import type { MonthReport, MonthTarget, NextMonthPlan } from './month-report.js';
import { bestOf, rankManagers, rankingTarget, type Unranked } from './rank-managers.js';

export interface MonthInput {
  dept: Department;
  windows: StandupWindows;
  /** The day measured. */
  day: string;
  /** The standups' history of the month so far. */
  entries: readonly HistoryEntry[];
  nextMonth: NextMonthPlan;
}

/**
 * The month's results, pure: the team and every manager against the month's plan in its three
 * versions (the daily pace's own computation, planPaces), managers ranked by fulfilment, the
 * best, the laggards with their month's record, and next month's plan.
 */
export function buildMonthReport(
  input: MonthInput,
  facts: ReadonlyMap<string, number>,
  requests: number,
): MonthReport {
  const { dept, windows } = input;
  const paces = planPaces(dept, windows, facts, dept.thresholds).filter(
    (p) => p.period === 'month',
  );
  const team = paces.filter((p) => p.scope === 'team').map(toTarget);
  const unranked: Unranked[] = dept.managers.flatMap((m) => {
    const targets = paces.filter((p) => p.scope === m.userId).map(toTarget);
    return targets.length === 0 ? [] : [{ managerId: m.userId, name: m.name, targets }];
  });
  const managers = rankManagers(unranked, dept.plan.judgeBy);
  const rankedBy = rankingTarget(unranked);
  const window = windows.plan.month;
  return {
    departmentId: dept.id,
    month: window.key,
    day: input.day,
    from: window.from,
    to: window.to,
    elapsed:
      window.allWorkingDays.length === 0
        ? 0
        : window.workingDays.length / window.allWorkingDays.length,
    judgeBy: dept.plan.judgeBy,
    ...(rankedBy === undefined ? {} : { rankedBy }),
    team,
    managers,
    best: bestOf(managers),
    laggards: managers
      .filter((m) => m.status === 'lag')
      .map((m) => ({
        managerId: m.managerId,
        name: m.name,
        record: monthRecordOf(input.entries, m.managerId),
      })),
    nextMonth: input.nextMonth,
    requests,
  };
}

function toTarget(p: PlanPace): MonthTarget {
  const part = (plan: number) => (plan <= 0 ? 1 : p.fact / plan);
  return {
    target: p.target,
    fact: p.fact,
    plan: p.plan,
    fulfilment: {
      pessimistic: part(p.plan.pessimistic),
      realistic: part(p.plan.realistic),
      optimistic: part(p.plan.optimistic),
    },
    pace: p.pace,
    status: p.status,
  };
}
