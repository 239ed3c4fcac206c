import { DateTime } from 'luxon';
import type { Department, Manager } from '../department/department.js';
import { availableDays } from '../availability.js';
import type { DepartmentCalendar, IsoDay } from '../calendar.js';
import type { Cell } from '../collection/collection-plan.js';
import type { MetricDefinition } from '../metrics/catalogue.js';
import { isSnapshotMetric } from '../metric-ids.js';
import { resolveNorms } from '../norms.js';
import { rangeWindow, workingDaysBetween, type TimeWindow } from '../windows.js';
import type { Figure } from './report-schema.js';

export interface CheckCell extends Cell {
  norm: number;
  direction: 'more' | 'less';
  unit: Figure['unit'];
}

/**
 * What to measure at a plan's deadline: each metric the manager lagged on, over the plan's
 * days (from the standup day to the deadline, both included) against the daily norm times the
 * days the manager was there; snapshot metrics now; ratios against their own norm.
 */
export function checkCells(
  dept: Department,
  manager: Manager,
  catalogue: ReadonlyMap<string, MetricDefinition>,
  calendar: DepartmentCalendar,
  lags: readonly Figure[],
  range: { from: IsoDay; to: IsoDay; nowIso: string },
): CheckCell[] {
  const norms = resolveNorms(dept, manager);
  const days = rangeWindow(calendar, 'plan_days', range.from, range.to);
  const available = availableDays(manager, days.workingDays).length;
  const cells: CheckCell[] = [];
  for (const lag of uniqueByMetric(lags)) {
    const metric = catalogue.get(lag.metric);
    if (metric === undefined) {
      continue;
    }
    const base = {
      managerId: manager.userId,
      metric: lag.metric,
      direction: metric.direction,
      unit: metric.unit,
    };
    if (isSnapshotMetric(lag.metric)) {
      const now: TimeWindow = { id: 'now', from: range.nowIso, to: range.nowIso, workingDays: [] };
      cells.push({ ...base, window: now, norm: norms[lag.metric]?.now ?? lag.norm });
    } else if (metric.measure.kind === 'ratio') {
      cells.push({ ...base, window: days, norm: lag.norm });
    } else if (available > 0) {
      const daily =
        (lag.basis === 'plan' ? lag.perDay : undefined) ??
        dailyNorm(norms[lag.metric] ?? {}, calendar, range.to) ??
        lag.norm / Math.max(1, lag.window === 'week' ? 5 : lag.window === 'three_days' ? 3 : 1);
      cells.push({ ...base, window: days, norm: daily * available });
    }
  }
  return cells;
}

function uniqueByMetric(lags: readonly Figure[]): Figure[] {
  const seen = new Map<string, Figure>();
  for (const lag of lags) {
    if (!seen.has(lag.metric)) {
      seen.set(lag.metric, lag);
    }
  }
  return [...seen.values()];
}

/** A metric's norm for one working day, from the shortest window that has one. */
function dailyNorm(
  byWindow: Record<string, number | undefined>,
  calendar: DepartmentCalendar,
  day: IsoDay,
): number | undefined {
  if (byWindow.day !== undefined) {
    return byWindow.day;
  }
  if (byWindow.three_days !== undefined) {
    return byWindow.three_days / 3;
  }
  if (byWindow.week !== undefined) {
    return byWindow.week / 5;
  }
  if (byWindow.month !== undefined) {
    const start = DateTime.fromISO(day, { zone: calendar.zone }).startOf('month');
    const monthDays = workingDaysBetween(
      calendar,
      start.toISODate() ?? day,
      start.endOf('month').toISODate() ?? day,
    ).length;
    return byWindow.month / Math.max(1, monthDays);
  }
  return byWindow.half_day === undefined ? undefined : byWindow.half_day * 2;
}
