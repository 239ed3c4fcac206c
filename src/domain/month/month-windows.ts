import { DateTime } from 'luxon';
import type { Department } from '../department/department.js';
import type { DepartmentCalendar, IsoDay } from '../calendar.js';
import type { Cell } from '../collection/collection-plan.js';
import { planCellsOf, planWindowId } from '../evaluation/standup-cells.js';
import { standupWindows, type StandupWindows } from '../windows.js';

/**
 * The windows of the month's results measured on `day`: the standup's own windows as a run
 * the next morning would see them, so `day` itself is the judged day and counts (on the
 * month's last working day the whole month is in). The plan windows are the same objects the
 * daily pace uses: one measuring path for the day and the month.
 */
export function monthResultWindows(
  dept: Department,
  calendar: DepartmentCalendar,
  day: IsoDay,
): StandupWindows {
  const nextMidnight = DateTime.fromISO(day, { zone: calendar.zone }).plus({ days: 1 });
  return standupWindows(dept, calendar, nextMidnight.startOf('day'));
}

/** The month plan's cells: each planned target's metric for every manager, month to date. */
export function monthPlanCells(dept: Department, windows: StandupWindows): Cell[] {
  return planCellsOf(dept, windows).filter((cell) => cell.window.id === planWindowId('month'));
}
