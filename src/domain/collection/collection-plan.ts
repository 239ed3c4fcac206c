import type { MetricDefinition, Source } from '../metrics/catalogue.js';
import type { TimeWindow } from '../windows.js';

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

/** A department-wide read whose rows are summed per manager and window. */
export interface SumScan {
  metric: string;
  query: ListQuery;
  managerField: string;
  dateField: string;
  valueField: string;
  scale: number;
  rowsPath: 'result' | 'items';
  buckets: { key: string; managerId: number; fromMs: number; toMs: number }[];
}

export interface CollectionPlan {
  counts: { key: string; query: ListQuery }[];
  sums: SumScan[];
  /** Managers whose open deals without a next step are wanted, keyed per manager. */
  nextStep: { managerIds: number[]; keys: Map<number, string> } | undefined;
}

/**
 * Turns the cells a standup needs into the fewest reads: one count per counted cell (they
 * share batch requests 50 at a time), one department-wide scan per summed metric over the
 * union of its windows (rows bucketed here, not one scan per manager), and one pair of scans
 * for deals without a next step. Ratios become the counts and sums they are made of.
 */
export function planCollection(
  cells: readonly Cell[],
  catalogue: ReadonlyMap<string, MetricDefinition>,
  nowIso: string,
): CollectionPlan {
  const counts = new Map<string, ListQuery>();
  const sums = new Map<string, SumScan>();
  const nextStep = { managerIds: [] as number[], keys: new Map<number, string>() };
  const add = (cell: Cell) => {
    const metric = catalogue.get(cell.metric);
    if (metric === undefined) {
      throw new Error(`unknown metric ${cell.metric}`);
    }
    const key = cellKey(cell.managerId, cell.metric, cell.window.id);
    const m = metric.measure;
    switch (m.kind) {
      case 'count':
        counts.set(
          key,
          countQuery(
            m.source,
            { ...m.filter, ...between(m.dateField, cell.window) },
            cell.managerId,
          ),
        );
        return;
      case 'snapshot_count':
        counts.set(
          key,
          countQuery(
            m.source,
            {
              ...m.filter,
              ...(m.beforeNowField === undefined ? {} : { [`<${m.beforeNowField}`]: nowIso }),
            },
            cell.managerId,
          ),
        );
        return;
      case 'sum':
        addToSum(sums, metric.id, m, cell, key);
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
    counts: [...counts].map(([key, query]) => ({ key, query })),
    sums: [...sums.values()].map(finishScan),
    nextStep: nextStep.managerIds.length === 0 ? undefined : nextStep,
  };
}

function between(field: string, window: TimeWindow): Record<string, string> {
  return { [`>=${field}`]: window.from, [`<${field}`]: window.to };
}

function countQuery(source: Source, filter: Record<string, unknown>, managerId: number): ListQuery {
  const withManager = { ...filter, [source.managerField]: managerId };
  if (source.method === 'crm.item.list') {
    return {
      method: source.method,
      params: { entityTypeId: source.entityTypeId, filter: withManager, select: ['id'] },
    };
  }
  if (source.method === 'voximplant.statistic.get') {
    return { method: source.method, params: { FILTER: withManager } };
  }
  return { method: source.method, params: { filter: withManager, select: ['ID'] } };
}

function addToSum(
  sums: Map<string, SumScan>,
  metric: string,
  m: Extract<MetricDefinition['measure'], { kind: 'sum' }>,
  cell: Cell,
  key: string,
) {
  let scan = sums.get(metric);
  if (scan === undefined) {
    scan = {
      metric,
      query: { method: m.source.method, params: { filter: m.filter, source: m.source } },
      managerField: m.source.managerField,
      dateField: m.dateField,
      valueField: m.valueField,
      scale: m.scale,
      rowsPath: m.source.method === 'crm.item.list' ? 'items' : 'result',
      buckets: [],
    };
    sums.set(metric, scan);
  }
  scan.buckets.push({
    key,
    managerId: cell.managerId,
    fromMs: Date.parse(cell.window.from),
    toMs: Date.parse(cell.window.to),
  });
}

/** The scan's real query: its filter, the managers, and the span covering every bucket. */
function finishScan(scan: SumScan): SumScan {
  const { filter, source } = scan.query.params as {
    filter: Record<string, unknown>;
    source: Source;
  };
  const managers = [...new Set(scan.buckets.map((b) => b.managerId))].sort((a, b) => a - b);
  const from = new Date(Math.min(...scan.buckets.map((b) => b.fromMs)));
  const to = new Date(Math.max(...scan.buckets.map((b) => b.toMs)));
  const fullFilter = {
    ...filter,
    [`@${source.managerField}`]: managers,
    [`>=${scan.dateField}`]: from.toISOString(),
    [`<${scan.dateField}`]: to.toISOString(),
  };
  const select = [
    source.method === 'crm.item.list' ? 'id' : 'ID',
    source.managerField,
    scan.dateField,
    scan.valueField,
  ];
  const params: Record<string, unknown> =
    source.method === 'crm.item.list'
      ? { entityTypeId: source.entityTypeId, filter: fullFilter, select, order: { id: 'ASC' } }
      : source.method === 'voximplant.statistic.get'
        ? { FILTER: fullFilter, SORT: 'ID', ORDER: 'ASC' }
        : { filter: fullFilter, select, order: { ID: 'ASC' } };
  return { ...scan, query: { method: source.method, params } };
}
