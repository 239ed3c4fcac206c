import { DateTime } from 'luxon';
import type { Department, Manager, PlanVersions } from '../department/department.js';
import type { PlanTarget } from '../metric-ids.js';
import type { PlanWindow } from '../windows.js';

/**
 * The department's plan for a period: its own entry, or the yearly plan broken down by the
 * months it covers, weighted by `plan.seasonality` (equal weights when there is none).
 */
export function departmentPlan(
  dept: Department,
  window: PlanWindow,
  target: PlanTarget,
): PlanVersions | undefined {
  const own = dept.plan.periods.find((p) => p.period === window.key)?.[target];
  if (own !== undefined) {
    return own;
  }
  const yearKey = window.key.slice(0, 4);
  const year = dept.plan.periods.find((p) => p.period === yearKey)?.[target];
  if (year === undefined || window.period === 'year') {
    return undefined;
  }
  const weights = dept.plan.seasonality ?? new Array<number>(12).fill(1);
  const total = weights.reduce((a, b) => a + b, 0);
  const share =
    total === 0
      ? 0
      : monthsOf(window).reduce((sum, month) => sum + (weights[month - 1] ?? 0), 0) / total;
  return {
    pessimistic: year.pessimistic * share,
    realistic: year.realistic * share,
    optimistic: year.optimistic * share,
  };
}

export function personalPlan(
  manager: Manager,
  window: PlanWindow,
  target: PlanTarget,
): PlanVersions | undefined {
  return manager.plan?.find((p) => p.period === window.key)?.[target];
}

/** Month numbers (1-12) a period covers. */
function monthsOf(window: PlanWindow): number[] {
  const start = DateTime.fromISO(window.from, { setZone: true });
  const count = { month: 1, quarter: 3, half_year: 6, year: 12 }[window.period];
  return Array.from({ length: count }, (_, i) => start.plus({ months: i }).month);
}
