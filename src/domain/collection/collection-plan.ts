import type { MetricDefinition, Source } from '../metrics/catalogue.js';
import type { TimeWindow } from '../windows.js';
import { canonical, filterField, refinementOf } from './refinement.js';
import { covers, spanHull, type Span } from './spans.js';

export type { Span } from './spans.js';

/** One figure to measure: a manager, a metric, a window. */
export interface Cell {
  managerId: number;
  metric: string;
  window: TimeWindow;
}

export const cellKey = (managerId: number, metric: string, windowId: string) =>
  `${managerId}|${metric}|${windowId}`;

export interface ListQuery {
  method: string;
  params: Record<string, unknown>;
}

/** One cell of a reading: a manager over a window, or the CRM now when `span` is absent. */
export interface Bucket {
  key: string;
  managerId: number;
  span: Span | undefined;
}

/** What one metric takes from a row set: each matching row counted, or a field summed. */
export interface Reading {
  metric: string;
  /** The metric's own filter: what a count of one bucket asks, with the manager and window. */
  filter: Record<string, unknown>;
  /** Conditions of `filter` beyond the row set's, tested on each row (see refinementOf). */
  refinement: Record<string, unknown>;
  sum: { field: string; scale: number } | undefined;
  buckets: Bucket[];
}

/**
 * Rows of one source that several metrics read: the same filter, the same date field (none for
 * a snapshot of the CRM now). Either each bucket is counted by the portal, or the team's rows
 * are listed once and bucketed here by manager and window (see chooseReads).
 */
export interface RowSet {
  /** Source, date field and filter, as a stable text: the same set in any plan has the same id. */
  id: string;
  source: Source;
  filter: Record<string, unknown>;
  dateField: string | undefined;
  readings: Reading[];
}

export interface CollectionPlan {
  rowSets: RowSet[];
  /** Managers whose open deals without a next step are wanted, keyed per manager. */
  nextStep: { managerIds: number[]; keys: Map<number, string> } | undefined;
}

/** A sum cannot be counted: its rows must be read. */
export const mustList = (set: RowSet): boolean => set.readings.some((r) => r.sum !== undefined);

/**
 * Whether the set's rows may be listed for the whole team and bucketed here: not when its own
 * filter names the manager or the date field, which the list and the counts would then treat
 * differently.
 */
export function isListable(set: RowSet): boolean {
  const own = [set.source.managerField, set.dateField]
    .filter((f): f is string => f !== undefined)
    .map((f) => f.toLowerCase());
  return Object.keys(set.filter).every(
    (key) => !own.includes(filterField(key).field.toLowerCase()),
  );
}

/**
 * Turns the cells to measure into row sets: a metric's cells become the buckets of its reading,
 * readings with the same source, date field and filter share a row set, and a count whose rows
 * lie within a summed set (same source and date field, a narrower filter, windows within the
 * sum's) joins that set, tested row by row. Ratios become the counts and sums they are made
 * of; deals without a next step are their own read.
 */
export function planCollection(
  cells: readonly Cell[],
  catalogue: ReadonlyMap<string, MetricDefinition>,
  nowIso: string,
): CollectionPlan {
  const sets = new Map<string, RowSet>();
  const seen = new Set<string>();
  const nextStep = { managerIds: [] as number[], keys: new Map<number, string>() };
  const add = (cell: Cell) => {
    const metric = catalogue.get(cell.metric);
    if (metric === undefined) {
      throw new Error(`unknown metric ${cell.metric}`);
    }
    const key = cellKey(cell.managerId, cell.metric, cell.window.id);
    const m = metric.measure;
    const span = { from: cell.window.from, to: cell.window.to };
    switch (m.kind) {
      case 'count':
        readingOf(sets, seen, m.source, m.dateField, m.filter, metric.id, undefined).push(
          key,
          cell.managerId,
          span,
        );
        return;
      case 'snapshot_count': {
        const filter =
          m.beforeNowField === undefined
            ? m.filter
            : { ...m.filter, [`<${m.beforeNowField}`]: nowIso };
        readingOf(sets, seen, m.source, undefined, filter, metric.id, undefined).push(
          key,
          cell.managerId,
          undefined,
        );
        return;
      }
      case 'sum':
        readingOf(sets, seen, m.source, m.dateField, m.filter, metric.id, {
          field: m.valueField,
          scale: m.scale,
        }).push(key, cell.managerId, span);
        return;
      case 'ratio':
        for (const part of [m.numerator, ...m.denominators]) {
          add({ ...cell, metric: part });
        }
        return;
      case 'deals_without_next_step':
        if (!nextStep.keys.has(cell.managerId)) {
          nextStep.managerIds.push(cell.managerId);
        }
        nextStep.keys.set(cell.managerId, key);
        return;
    }
  };
  cells.forEach(add);
  return {
    rowSets: joinRefinements([...sets.values()]),
    nextStep: nextStep.managerIds.length === 0 ? undefined : nextStep,
  };
}

function readingOf(
  sets: Map<string, RowSet>,
  seen: Set<string>,
  source: Source,
  dateField: string | undefined,
  filter: Record<string, unknown>,
  metric: string,
  sum: Reading['sum'],
): { push: (key: string, managerId: number, span: Span | undefined) => void } {
  const id = rowSetId(source, dateField, filter);
  let set = sets.get(id);
  if (set === undefined) {
    set = { id, source, filter, dateField, readings: [] };
    sets.set(id, set);
  }
  let reading = set.readings.find((r) => r.metric === metric);
  if (reading === undefined) {
    reading = { metric, filter, refinement: {}, sum, buckets: [] };
    set.readings.push(reading);
  }
  const buckets = reading.buckets;
  return {
    push: (key, managerId, span) => {
      if (!seen.has(`${id}#${key}`)) {
        seen.add(`${id}#${key}`);
        buckets.push({ key, managerId, span });
      }
    },
  };
}

/** The method, and the entity type for crm.item.list: where rows come from. */
export const sourceKey = (source: Source): string =>
  source.method === 'crm.item.list' ? `${source.method}:${source.entityTypeId}` : source.method;

export function rowSetId(
  source: Source,
  dateField: string | undefined,
  filter: Record<string, unknown>,
): string {
  return `${sourceKey(source)}|${dateField ?? 'now'}|${canonical(filter)}`;
}

/** Moves counted sets into a summed set whose rows contain theirs (see refinementOf). */
function joinRefinements(sets: RowSet[]): RowSet[] {
  const summed = sets.filter((s) => mustList(s) && isListable(s));
  const out: RowSet[] = [];
  for (const set of sets) {
    const host = mustList(set)
      ? undefined
      : summed.find(
          (s) =>
            sourceKey(s.source) === sourceKey(set.source) &&
            s.dateField === set.dateField &&
            refinementOf(s.filter, set.filter) !== undefined &&
            within(set, s),
        );
    if (host === undefined) {
      out.push(set);
      continue;
    }
    const refinement = refinementOf(host.filter, set.filter) ?? {};
    host.readings.push(...set.readings.map((r) => ({ ...r, refinement })));
  }
  return out;
}

/** Whether every bucket of `set` lies within the span the sums of `host` must read anyway. */
function within(set: RowSet, host: RowSet): boolean {
  const hull = spanHull(host.readings.filter((r) => r.sum !== undefined).flatMap((r) => r.buckets));
  return set.readings.every((r) => r.buckets.every((b) => covers(hull, b.span)));
}

/** Every cell the plan measures, by key (the parts of ratios included, each once). */
export function plannedKeys(plan: CollectionPlan): string[] {
  return [
    ...plan.rowSets.flatMap((s) => s.readings.flatMap((r) => r.buckets.map((b) => b.key))),
    ...(plan.nextStep?.keys.values() ?? []),
  ];
}
