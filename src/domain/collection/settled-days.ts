import { DateTime } from 'luxon';
import type { Source } from '../metrics/catalogue.js';
import {
  mustList,
  type Bucket,
  type CollectionPlan,
  type RowSet,
  type Span,
} from './collection-plan.js';
import { filterField } from './refinement.js';

/**
 * Figures of settled days: a call record is written once, when the call ends, and none of the
 * fields the call metrics filter on changes afterwards (voximplant.statistic.get lists finished
 * calls). So what a manager's calls of a day long past add up to can be kept instead of listed
 * again at every standup: a month of call records is most of what a big team's standup reads.
 * CRM rows (deals, activities) are edited and moved between stages, so they are always read.
 */

/** Fields of a call record that never change once the record exists. */
const SETTLED_CALL_FIELDS = new Set([
  'CALL_TYPE',
  'CALL_FAILED_CODE',
  'CALL_DURATION',
  'CALL_START_DATE',
  'PORTAL_USER_ID',
  'PORTAL_NUMBER',
  'PHONE_NUMBER',
]);

/** Whether the rows of `set` for a past day are final: call records filtered on fixed fields. */
export function isSettledSet(set: RowSet): boolean {
  return (
    isCalls(set.source) &&
    set.dateField === 'CALL_START_DATE' &&
    mustList(set) &&
    [set.filter, ...set.readings.map((r) => r.refinement)].every((filter) =>
      Object.keys(filter).every((key) => SETTLED_CALL_FIELDS.has(filterField(key).field)),
    )
  );
}

const isCalls = (source: Source) => source.method === 'voximplant.statistic.get';

/** A figure of one settled day: a reading of a row set, a manager, a local day (its start). */
export interface DayFigure {
  setId: string;
  metric: string;
  managerId: number;
  /** The day's start, ISO 8601 with the department's offset. */
  day: string;
}

/** The field a day figure is kept under, within its row set. */
export const dayField = (f: Pick<DayFigure, 'metric' | 'managerId' | 'day'>) =>
  `${f.metric}|${f.managerId}|${f.day}`;

/** Day figures known from earlier standups, by row set id, then by dayField. */
export type KnownDays = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface SettledSplit {
  /** The plan with settled days taken out of buckets whose days are all known. */
  plan: CollectionPlan;
  /** What the known days add to each bucket shortened (or removed) above. */
  addends: Map<string, number>;
  /** Day buckets added to the plan, to be kept after this read, by their bucket key. */
  toKeep: Map<string, DayFigure>;
}

/**
 * Takes the settled days out of the plan. For each bucket of a settled set, its part before
 * `settledBefore` (whole local days in `zone`) is either added from `known`, when every one of
 * its days is there, or read as now, with a bucket per day added alongside so that the next
 * standup knows them: the rows are listed anyway, so a day bucket costs no request. A bucket
 * that does not start at a local midnight is left alone.
 */
export function splitSettledDays(
  plan: CollectionPlan,
  options: { zone: string; settledBefore: string; known: KnownDays },
): SettledSplit {
  const settledMs = Date.parse(options.settledBefore);
  const addends = new Map<string, number>();
  const toKeep = new Map<string, DayFigure>();
  const rowSets = plan.rowSets.map((set) => {
    if (!isSettledSet(set)) {
      return set;
    }
    const known = options.known.get(set.id) ?? new Map<string, number>();
    const readings = set.readings.map((reading) => {
      const buckets: Bucket[] = [];
      const dayBuckets = new Map<string, Bucket>();
      for (const bucket of reading.buckets) {
        const days = settledDaysOf(bucket.span, settledMs, options.zone);
        if (bucket.span === undefined || days === undefined || days.length === 0) {
          buckets.push(bucket);
          continue;
        }
        const figures = days.map((day) => ({
          setId: set.id,
          metric: reading.metric,
          managerId: bucket.managerId,
          day,
        }));
        if (figures.every((f) => known.has(dayField(f)))) {
          addends.set(
            bucket.key,
            figures.reduce((sum, f) => sum + (known.get(dayField(f)) ?? 0), 0),
          );
          if (Date.parse(bucket.span.to) > settledMs) {
            buckets.push({ ...bucket, span: { from: options.settledBefore, to: bucket.span.to } });
          }
          continue;
        }
        // Read as now, with a bucket per day alongside: the rows are listed anyway.
        buckets.push(bucket);
        for (const figure of figures) {
          const key = `settled|${set.id}|${dayField(figure)}`;
          if (!dayBuckets.has(key)) {
            toKeep.set(key, figure);
            dayBuckets.set(key, {
              key,
              managerId: figure.managerId,
              span: daySpan(figure.day, options.zone),
            });
          }
        }
      }
      return { ...reading, buckets: [...buckets, ...dayBuckets.values()] };
    });
    return { ...set, readings: readings.filter((r) => r.buckets.length > 0) };
  });
  return {
    plan: { ...plan, rowSets: rowSets.filter((s) => s.readings.length > 0) },
    addends,
    toKeep,
  };
}

/**
 * The local days (their starts) of `span` before `settledMs`: none when it starts after; when
 * its part before is not whole local days, undefined (left alone).
 */
function settledDaysOf(
  span: Span | undefined,
  settledMs: number,
  zone: string,
): string[] | undefined {
  if (span === undefined) {
    return undefined;
  }
  if (Date.parse(span.from) >= settledMs) {
    return [];
  }
  let day = DateTime.fromISO(span.from, { zone });
  if (!day.isValid || day.toMillis() !== day.startOf('day').toMillis()) {
    return undefined;
  }
  const end = Math.min(Date.parse(span.to), settledMs);
  const days: string[] = [];
  while (day.plus({ days: 1 }).toMillis() <= end) {
    days.push(day.toISO({ suppressMilliseconds: true }) ?? '');
    day = day.plus({ days: 1 });
  }
  return day.toMillis() === end ? days : undefined;
}

function daySpan(day: string, zone: string): Span {
  const from = DateTime.fromISO(day, { zone });
  return {
    from: from.toISO({ suppressMilliseconds: true }) ?? day,
    to: from.plus({ days: 1 }).toISO({ suppressMilliseconds: true }) ?? day,
  };
}
