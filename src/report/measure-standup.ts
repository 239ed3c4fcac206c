import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { planCollection } from '../domain/collection/collection-plan.js';
import { buildStandupReport, cellsToMeasure } from '../domain/evaluation/build-report.js';
import type { StandupReport } from '../domain/evaluation/report-schema.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import { standupSlot } from '../domain/standup-slot.js';
import { standupWindows } from '../domain/windows.js';
import { collectFacts } from './collect-facts.js';
import type { CrmReader } from './crm-reader.js';
import { withPortalPeople } from './with-portal-people.js';
import type { Logger } from '../lib/logger.js';

export interface MeasureOptions {
  dept: Department;
  calendar: DepartmentCalendar;
  reader: CrmReader;
  /** When the standup runs (local time in the department's zone is what counts). */
  at: Date;
  /** The standup this run belongs to; derived from `at` when omitted. */
  standupId?: string;
  onProgress?: (done: number, total: number) => void;
  /** Told which people method the portal refused, once (the file then stands for it). */
  log?: Logger;
}

/** Measures everyone and evaluates: the whole "who sags, on what" for one run. */
export async function measureStandup(options: MeasureOptions): Promise<StandupReport> {
  const { calendar } = options;
  const run = DateTime.fromJSDate(options.at, { zone: calendar.zone });
  const day = run.toISODate() ?? '';
  const windows = standupWindows(options.dept, calendar, run);
  const before = options.reader.requests();
  // Who is active, and days away over every judged window up to today (someone away today
  // is not asked): one batch request, before anything is measured.
  const days = [
    ...windows.monthWorkingDays,
    ...Object.values(windows.norm).flatMap((w) => w.workingDays),
    day,
  ].sort();
  const dept = await withPortalPeople(
    options.reader,
    options.dept,
    { from: days[0] ?? day, to: day, today: day, zone: calendar.zone },
    options.log,
  );
  const catalogue = metricCatalogue(dept.customMetrics);
  const input = {
    dept,
    catalogue,
    windows,
    standupId:
      options.standupId ?? standupSlot(dept, day, parseLocalTime(run.toFormat('HH:mm'))).standupId,
    day,
    runAt: run.toISO({ suppressMilliseconds: true }) ?? '',
  };
  const plan = planCollection(cellsToMeasure(input), catalogue, input.runAt);
  const facts = await collectFacts(options.reader, plan, options.onProgress);
  return buildStandupReport(input, facts, options.reader.requests() - before);
}
