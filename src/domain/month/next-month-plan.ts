import { DateTime } from 'luxon';
import type { Department, PlanVersions } from '../department/department.js';
import type { DepartmentCalendar, IsoDay } from '../calendar.js';
import { availableDays } from '../availability.js';
import { PLAN_TARGETS, type PlanTarget } from '../metric-ids.js';
import { departmentPlan, personalPlan } from '../evaluation/plan-targets.js';
import { rangeWindow, type PlanWindow } from '../windows.js';
import { nextMonthKey } from './month-days.js';
import type { NextMonthPlan } from './month-report.js';

/**
 * Next month's plan as the file has it: the department's (its own entry, or the year broken
 * down by seasonality) and each manager's, personal or the department's shared by the working
 * days the manager is there, exactly as the daily pace shares it. `missing` when neither the
 * department nor anyone has a plan for that month.
 */
export function nextMonthPlan(
  dept: Department,
  calendar: DepartmentCalendar,
  day: IsoDay,
): NextMonthPlan {
  const key = nextMonthKey(day);
  const start = DateTime.fromISO(`${key}-01`, { zone: calendar.zone });
  const last = start.endOf('month').toISODate() ?? '';
  const whole = rangeWindow(calendar, 'plan_month', start.toISODate() ?? '', last);
  const window: PlanWindow = {
    ...whole,
    period: 'month',
    key,
    allWorkingDays: whole.workingDays,
  };
  const team: Partial<Record<PlanTarget, PlanVersions>> = {};
  for (const target of PLAN_TARGETS) {
    const plan = departmentPlan(dept, window, target);
    if (plan !== undefined) {
      team[target] = plan;
    }
  }
  const available = new Map(
    dept.managers.map((m) => [m.userId, availableDays(m, window.allWorkingDays).length]),
  );
  const total = [...available.values()].reduce((a, b) => a + b, 0);
  const managers = dept.managers.flatMap((manager) => {
    const plan: Partial<Record<PlanTarget, PlanVersions>> = {};
    let personal = false;
    for (const target of PLAN_TARGETS) {
      const own = personalPlan(manager, window, target);
      const shared = team[target];
      if (own !== undefined) {
        plan[target] = own;
        personal = true;
      } else if (shared !== undefined && total > 0 && (available.get(manager.userId) ?? 0) > 0) {
        // Nobody is given a share of a month he is away for (as the daily pace does).
        plan[target] = scaled(shared, (available.get(manager.userId) ?? 0) / total);
      }
    }
    return Object.keys(plan).length === 0
      ? []
      : [{ managerId: manager.userId, name: manager.name, plan, personal }];
  });
  return {
    key,
    missing: Object.keys(team).length === 0 && managers.length === 0,
    team,
    managers,
  };
}

const scaled = (plan: PlanVersions, factor: number): PlanVersions => ({
  pessimistic: plan.pessimistic * factor,
  realistic: plan.realistic * factor,
  optimistic: plan.optimistic * factor,
});
