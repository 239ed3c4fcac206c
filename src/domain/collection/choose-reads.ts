import { covers, spanHull } from './spans.js';
import {
  isListable,
  mustList,
  type Bucket,
  type CollectionPlan,
  type ListQuery,
  type Reading,
  type RowSet,
  type Span,
} from './collection-plan.js';
import { openDealsQuery } from './next-step.js';
import { canonical } from './refinement.js';
import { countQuery, listQuery, managersOf } from './queries.js';

/** The probe of the team's open deals (deals without a next step), whose pages are all read. */
export const NEXT_STEP = 'next-step';

/** Rows in a page of any Bitrix24 list, and sub-calls in one `batch` request. */
export const PAGE_ROWS = 50;
export const BATCH_SUB_CALLS = 50;

/**
 * The first page of a list the plan may read, asked in the opening batch: its `total` says
 * what reading the whole list would cost, and its rows are the list's first page if it is read.
 */
export interface Probe {
  id: string;
  setId: string;
  span: Span | undefined;
  managers: number[];
  query: ListQuery;
}

/** A list read for its rows, bucketed by manager and window; the first page may be in hand. */
export interface ListRead {
  set: RowSet;
  span: Span | undefined;
  query: ListQuery;
  /** The probe whose answer is this list's first page; undefined: read the first page too. */
  probe: string | undefined;
  /** Rows the list holds, when a probe told; undefined until its first page says. */
  total: number | undefined;
  /** The buckets these rows answer, by reading (the others are counted). */
  readings: { reading: Reading; buckets: Bucket[] }[];
}

/** One bucket counted by the portal (`total` of a list call). */
export interface CountRead {
  key: string;
  query: ListQuery;
}

export interface ReadPlan {
  lists: ListRead[];
  counts: CountRead[];
  /** Sub-calls still to make, as far as the probes tell (list pages beyond the first, counts). */
  subCalls: number;
}

/** Pages of a list beyond the first, which its probe already brought. */
export const pagesAfterFirst = (total: number): number =>
  Math.max(0, Math.ceil(total / PAGE_ROWS) - 1);

/**
 * The lists worth probing, most useful first, at most `room` of them (a summed set's widest
 * list and the open deals are always probed: they are read whatever they cost). Each listable
 * set is probed over the span of all its windows, then, while there is room, over each
 * narrower window span that still holds its sums, biggest sets first: a day's rows may be
 * cheap where a month's are not.
 */
export function probesOf(plan: CollectionPlan, room: number): Probe[] {
  const sets = plan.rowSets
    .filter(isListable)
    .sort((a, b) => Number(mustList(b)) - Number(mustList(a)) || countCells(b) - countCells(a));
  const wide: Omit<Probe, 'id'>[] = [];
  const narrow: Omit<Probe, 'id'>[] = [];
  for (const set of sets) {
    const managers = managersOf(set);
    candidateSpans(set).forEach((span, index) =>
      (index === 0 ? wide : narrow).push({
        setId: set.id,
        span,
        managers,
        query: listQuery(set, managers, span),
      }),
    );
  }
  const forced = wide.filter((p) => mustList(sets.find((s) => s.id === p.setId) as RowSet));
  if (plan.nextStep !== undefined) {
    const managers = [...plan.nextStep.managerIds].sort((a, b) => a - b);
    forced.push({ setId: NEXT_STEP, span: undefined, managers, query: openDealsQuery(managers) });
  }
  const optional = [...wide.filter((p) => !forced.includes(p)), ...narrow];
  const chosen = [...forced, ...optional.slice(0, Math.max(0, room - forced.length))];
  return chosen.map((probe, index) => ({ ...probe, id: `p${index}` }));
}

/** Buckets that a count could answer (sums cannot be counted). */
const countCells = (set: RowSet) =>
  set.readings.filter((r) => r.sum === undefined).reduce((n, r) => n + r.buckets.length, 0);

/**
 * Spans a set's list could cover, widest first: the hull of every bucket, then each distinct
 * window span that still holds every summed bucket. A snapshot has the one "span" of now.
 */
export function candidateSpans(set: RowSet): (Span | undefined)[] {
  const buckets = set.readings.flatMap((r) => r.buckets);
  if (set.dateField === undefined) {
    return [undefined];
  }
  const sums = spanHull(set.readings.filter((r) => r.sum !== undefined).flatMap((r) => r.buckets));
  const spans = new Map<string, Span>();
  for (const span of [spanHull(buckets), ...buckets.map((b) => b.span)]) {
    if (span !== undefined && (sums === undefined || covers(span, sums))) {
      spans.set(`${span.from}|${span.to}`, span);
    }
  }
  const width = (s: Span) => Date.parse(s.to) - Date.parse(s.from);
  return [...spans.values()].sort((a, b) => width(b) - width(a));
}

/**
 * The cost model: for each row set, the cheapest way in sub-calls to answer every bucket.
 * Counting costs one sub-call per bucket; listing over a probed span costs the pages beyond the
 * probe's first, plus a count for each bucket outside the span. Sums must be listed. Ties go
 * to counting (less data moved). A summed set with no usable probe is listed page by page.
 */
export function chooseReads(
  plan: CollectionPlan,
  probes: readonly Probe[],
  totals: ReadonlyMap<string, number>,
): ReadPlan {
  const lists: ListRead[] = [];
  const counts: CountRead[] = [];
  let subCalls = 0;
  for (const set of plan.rowSets) {
    const managers = managersOf(set);
    const options = probes
      .filter((p) => p.setId === set.id && totals.has(p.id) && p.managers.length >= managers.length)
      .filter((p) => managers.every((m) => p.managers.includes(m)))
      .filter((p) => sumsWithin(set, p.span))
      // Planned for the file's department, a set may have gained a reading once people were
      // known: the probe serves only if it is the same list with every field now needed.
      .filter((p) => serves(p.query, listQuery(set, p.managers, p.span)))
      .map((p) => {
        const outside = uncovered(set, p.span).length;
        const total = totals.get(p.id) ?? 0;
        return { probe: p, total, cost: pagesAfterFirst(total) + outside };
      })
      .sort((a, b) => a.cost - b.cost || a.total - b.total);
    const best = options[0];
    const countAll = mustList(set) ? undefined : countCells(set);
    if (best !== undefined && (countAll === undefined || best.cost < countAll)) {
      lists.push(listRead(set, best.probe.span, best.probe.query, best.probe.id, best.total));
      counts.push(...countsOf(set, uncovered(set, best.probe.span)));
      subCalls += best.cost;
    } else if (countAll !== undefined) {
      counts.push(...countsOf(set, uncovered(set, null)));
      subCalls += countAll;
    } else {
      const hull = candidateSpans(set)[0];
      lists.push(listRead(set, hull, listQuery(set, managers, hull), undefined, undefined));
      subCalls += 1;
    }
  }
  return { lists, counts, subCalls };
}

/** Whether a probed list is `wanted`, selecting at least its fields. */
function serves(probed: ListQuery, wanted: ListQuery): boolean {
  const { select: has, ...probedRest } = probed.params;
  const { select: needs, ...wantedRest } = wanted.params;
  const fields = new Set(Array.isArray(has) ? has : []);
  return (
    probed.method === wanted.method &&
    canonical(probedRest) === canonical(wantedRest) &&
    (!Array.isArray(needs) || needs.every((f) => fields.has(f)))
  );
}

function sumsWithin(set: RowSet, span: Span | undefined): boolean {
  return set.readings
    .filter((r) => r.sum !== undefined)
    .every((r) => r.buckets.every((b) => covers(span, b.span)));
}

/** Counted buckets a list over `span` would not hold (`null`: no list, all of them). */
function uncovered(
  set: RowSet,
  span: Span | undefined | null,
): { reading: Reading; bucket: Bucket }[] {
  return set.readings
    .filter((r) => r.sum === undefined)
    .flatMap((reading) =>
      reading.buckets
        .filter((bucket) => span === null || !covers(span, bucket.span))
        .map((bucket) => ({ reading, bucket })),
    );
}

function countsOf(set: RowSet, buckets: { reading: Reading; bucket: Bucket }[]): CountRead[] {
  return buckets.map(({ reading, bucket }) => ({
    key: bucket.key,
    query: countQuery(set, reading, bucket),
  }));
}

function listRead(
  set: RowSet,
  span: Span | undefined,
  query: ListQuery,
  probe: string | undefined,
  total: number | undefined,
): ListRead {
  return {
    set,
    span,
    query,
    probe,
    total,
    readings: set.readings.map((reading) => ({
      reading,
      buckets: reading.buckets.filter((b) => covers(span, b.span)),
    })),
  };
}
