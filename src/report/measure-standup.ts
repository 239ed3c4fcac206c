import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import type { ReadPlan } from '../domain/collection/choose-reads.js';
import { planCollection } from '../domain/collection/collection-plan.js';
import {
  buildStandupReport,
  cellsToMeasure,
  type StandupInput,
} from '../domain/evaluation/build-report.js';
import type { Cell } from '../domain/collection/collection-plan.js';
import type { StandupReport } from '../domain/evaluation/report-schema.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import { largeDealsQuery, selectLargeDeals } from '../domain/evaluation/large-deals.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import { standupSlot } from '../domain/standup-slot.js';
import { standupWindows } from '../domain/windows.js';
import type { CrmReader } from './crm-reader.js';
import { measureWithPeople } from './measure-with-people.js';
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
  /** Told what the cost model chose: which row sets are listed, which cells counted. */
  onReads?: (reads: ReadPlan) => void;
  /** The working day judged, when not the one before `at` (the weekly card judges its own day). */
  judgedDay?: string;
  /** Cells measured besides the standup's own, in the same collection (the week's plan facts). */
  extraCells?: (input: StandupInput) => Cell[];
  /** Told every measured fact, keyed by cellKey, once collected. */
  onFacts?: (facts: ReadonlyMap<string, number>) => void;
}

/** Measures everyone and evaluates: the whole "who sags, on what" for one run. */
export async function measureStandup(options: MeasureOptions): Promise<StandupReport> {
  const { calendar } = options;
  const run = DateTime.fromJSDate(options.at, { zone: calendar.zone });
  const day = run.toISODate() ?? '';
  const windows = standupWindows(options.dept, calendar, run, options.judgedDay);
  const before = options.reader.requests();
  // Who is active, and days away over every judged window up to today (someone away today
  // is not asked): asked in the opening batch, with the first page of every list to read.
  const days = [
    ...windows.monthWorkingDays,
    ...Object.values(windows.norm).flatMap((w) => w.workingDays),
    day,
  ].sort();
  // The portal sets people aside and adds days away; the metrics are the file's.
  const catalogue = metricCatalogue(options.dept.customMetrics);
  const inputOf = (dept: Department) => ({
    dept,
    catalogue,
    windows,
    standupId:
      options.standupId ?? standupSlot(dept, day, parseLocalTime(run.toFormat('HH:mm'))).standupId,
    day,
    runAt: run.toISO({ suppressMilliseconds: true }) ?? '',
  });
  const large = options.dept.rhythm?.largeDeals;
  const largeOn = large !== undefined && large.enabled && options.dept.managers.length > 0;
  const { dept, facts, extra } = await measureWithPeople(options.reader, options.dept, {
    // Large stale deals ride in the opening batch: one sub-call, no request of their own.
    ...(largeOn
      ? {
          extra: {
            [LARGE_DEALS_KEY]: largeDealsQuery(
              large,
              options.dept.managers.map((m) => m.userId),
              run,
            ),
          },
        }
      : {}),
    people: { from: days[0] ?? day, to: day, today: day, zone: calendar.zone },
    planFor: (d) => {
      const input = inputOf(d);
      const cells = [...cellsToMeasure(input), ...(options.extraCells?.(input) ?? [])];
      return planCollection(cells, input.catalogue, input.runAt);
    },
    log: options.log,
    onProgress: options.onProgress,
    onReads: (reads) => {
      options.log?.debug(
        {
          listed: reads.lists.map((l) => ({
            metrics: l.readings.map((r) => r.reading.metric),
            from: l.span?.from,
            to: l.span?.to,
            rows: l.total,
          })),
          counted: reads.counts.length,
          subCalls: reads.subCalls,
        },
        'collection plan: rows listed, cells counted',
      );
      options.onReads?.(reads);
    },
  });
  options.onFacts?.(facts);
  const report = buildStandupReport(inputOf(dept), facts, options.reader.requests() - before);
  if (!largeOn) {
    return report;
  }
  const outcome = extra[LARGE_DEALS_KEY];
  if (outcome?.ok !== true) {
    options.log?.warn(
      { err: outcome?.ok === false ? outcome.error : undefined },
      'the portal did not list the large deals: the digest goes without them',
    );
    return report;
  }
  return {
    ...report,
    largeDeals: selectLargeDeals(
      outcome.result,
      large,
      dept.managers.map((m) => m.userId),
      run,
      options.reader.portal,
    ),
  };
}

const LARGE_DEALS_KEY = 'large_deals';
