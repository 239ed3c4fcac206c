import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { planCollection } from '../domain/collection/collection-plan.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import { buildMonthReport } from '../domain/month/build-month-report.js';
import type { MonthReport } from '../domain/month/month-report.js';
import { monthPlanCells, monthResultWindows } from '../domain/month/month-windows.js';
import { nextMonthPlan } from '../domain/month/next-month-plan.js';
import type { HistoryEntry } from '../domain/standup/history-entry.js';
import type { Logger } from '../lib/logger.js';
import type { CrmReader } from './crm-reader.js';
import { measureWithPeople } from './measure-with-people.js';

export interface MeasureMonthOptions {
  dept: Department;
  calendar: DepartmentCalendar;
  reader: CrmReader;
  /** The moment measured: its local day is the last day counted. */
  at: Date;
  /** The standups' history, for the laggards' month (none: every record is empty). */
  history?: { range(from: string, to: string): Promise<HistoryEntry[]> };
  log?: Logger;
}

/**
 * The month's results, measured the standup's way: the month plan's cells go through the same
 * collection (people in the opening batch, counts or lists by cost) and the same pace.
 */
export async function measureMonth(options: MeasureMonthOptions): Promise<MonthReport> {
  const { calendar, reader } = options;
  const local = DateTime.fromJSDate(options.at, { zone: calendar.zone });
  const day = local.toISODate() ?? '';
  const windows = monthResultWindows(options.dept, calendar, day);
  const catalogue = metricCatalogue(options.dept.customMetrics);
  const runAt = local.toISO({ suppressMilliseconds: true }) ?? '';
  const before = reader.requests();
  const monthStart = local.startOf('month').toISODate() ?? day;
  const { dept, facts } = await measureWithPeople(reader, options.dept, {
    people: { from: monthStart, to: day, today: day, zone: calendar.zone },
    planFor: (d) => planCollection(monthPlanCells(d, windows), catalogue, runAt),
    log: options.log,
  });
  const entries = (await options.history?.range(monthStart, day)) ?? [];
  return buildMonthReport(
    { dept, windows, day, entries, nextMonth: nextMonthPlan(dept, calendar, day) },
    facts,
    reader.requests() - before,
  );
}
