import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { standupWindows } from '../domain/windows.js';
import {
  buildWeekReport,
  weekIdOf,
  weekPlanCells,
  type WeekReport,
} from '../domain/week/week-report.js';
import type { Logger } from '../lib/logger.js';
import type { CrmReader } from './crm-reader.js';
import { measureStandup } from './measure-standup.js';

export interface MeasureWeekOptions {
  dept: Department;
  calendar: DepartmentCalendar;
  reader: CrmReader;
  /** When the card is made; the week ends with this day (or the last working day before it). */
  at: Date;
  log?: Logger;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The week for the meeting, through the standup's own measuring path (the same collection,
 * the same evaluation, the same truth): a standup judged on the meeting day, whose `week`
 * window is the last five working days to it, plus the week's plan facts in the same reads.
 */
export async function measureWeek(options: MeasureWeekOptions): Promise<WeekReport> {
  const run = DateTime.fromJSDate(options.at, { zone: options.calendar.zone });
  const today = run.toISODate() ?? '';
  const judgedDay = options.calendar.isWorkingDay(today)
    ? today
    : options.calendar.previousWorkingDay(today);
  let facts: ReadonlyMap<string, number> = new Map();
  const report = await measureStandup({
    dept: options.dept,
    calendar: options.calendar,
    reader: options.reader,
    at: options.at,
    judgedDay,
    standupId: weekIdOf(options.dept.id, judgedDay),
    extraCells: (input) => weekPlanCells(input.dept, input.windows),
    onFacts: (measured) => (facts = measured),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const windows = standupWindows(options.dept, options.calendar, run, judgedDay);
  // The people the portal set aside are out of the report already; the plan is the file's.
  return buildWeekReport(options.dept, report, windows, facts);
}
