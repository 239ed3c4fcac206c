import type { Department, Manager } from '../department/department.js';
import { availableDays, proratedNorm } from '../availability.js';
import type { Cell } from '../collection/collection-plan.js';
import type { MetricDefinition } from '../metrics/catalogue.js';
import { PLAN_PERIODS, PLAN_TARGETS, SNAPSHOT_WINDOW, type PlanTarget } from '../metric-ids.js';
import { resolveNorms } from '../norms.js';
import type { StandupWindows, TimeWindow } from '../windows.js';
import { departmentPlan, personalPlan } from './plan-targets.js';

/** A norm cell the standup judges, with its norm already prorated. */
export interface NormCell extends Cell {
  norm: number;
}

/** The plan target each metric answers. */
export const PLAN_METRIC: Record<PlanTarget, string> = {
  amount: 'won_amount',
  units: 'deals_won',
  new_clients: 'new_clients',
};

/** Plan windows are named `plan_<period>` among the cells. */
export const planWindowId = (period: string) => `plan_${period}`;

/**
 * The cells a manager is judged on: every metric with a norm in a window where the manager
 * had working time, the norm prorated to that time (contracts section 1). Empty with a reason
 * when the manager was not there at all.
 */
export function normCellsOf(
  dept: Department,
  manager: Manager,
  catalogue: ReadonlyMap<string, MetricDefinition>,
  windows: StandupWindows,
  today: string,
): NormCell[] {
  const cells: NormCell[] = [];
  for (const [metric, byWindow] of Object.entries(resolveNorms(dept, manager))) {
    const definition = catalogue.get(metric);
    if (definition === undefined || definition.hidden === true) {
      continue;
    }
    for (const [windowId, norm] of Object.entries(byWindow)) {
      if (norm === undefined) {
        continue;
      }
      const cell = normCell(manager, metric, windowId, norm, windows, today);
      if (cell !== undefined) {
        cells.push(cell);
      }
    }
  }
  return cells;
}

function normCell(
  manager: Manager,
  metric: string,
  windowId: string,
  norm: number,
  windows: StandupWindows,
  today: string,
): NormCell | undefined {
  if (windowId === SNAPSHOT_WINDOW) {
    return availableDays(manager, [today]).length === 0
      ? undefined
      : { managerId: manager.userId, metric, window: windows.now, norm };
  }
  const window = windows.norm[windowId as keyof StandupWindows['norm']] as TimeWindow | undefined;
  if (window === undefined) {
    return undefined;
  }
  const available = availableDays(manager, window.workingDays).length;
  const reference =
    windowId === 'month' ? windows.monthWorkingDays.length : window.workingDays.length;
  const prorated = proratedNorm(norm, available, reference);
  return prorated === undefined
    ? undefined
    : { managerId: manager.userId, metric, window, norm: prorated };
}

/** Cells for the plan pace: each planned target's metric over each planned period to date. */
export function planCellsOf(dept: Department, windows: StandupWindows): Cell[] {
  const cells: Cell[] = [];
  for (const period of PLAN_PERIODS) {
    const window = windows.plan[period];
    for (const target of PLAN_TARGETS) {
      const planned =
        departmentPlan(dept, window, target) !== undefined ||
        dept.managers.some((m) => personalPlan(m, window, target) !== undefined);
      if (!planned) {
        continue;
      }
      for (const manager of dept.managers) {
        cells.push({
          managerId: manager.userId,
          metric: PLAN_METRIC[target],
          window: { ...window, id: planWindowId(period) },
        });
      }
    }
  }
  return cells;
}
