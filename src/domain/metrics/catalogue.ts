import type { CustomMetric } from '../department/department.js';
import type { BuiltinMetricId } from '../metric-ids.js';

/** Where a metric's rows come from, and how that method names its fields. */
export type Source =
  | { method: 'crm.activity.list'; managerField: 'RESPONSIBLE_ID'; filterKey: 'filter' }
  | {
      method: 'crm.item.list';
      entityTypeId: 2 | 7 | 31;
      managerField: 'assignedById';
      filterKey: 'filter';
    }
  | { method: 'voximplant.statistic.get'; managerField: 'PORTAL_USER_ID'; filterKey: 'FILTER' };

export const ACTIVITIES: Source = {
  method: 'crm.activity.list',
  managerField: 'RESPONSIBLE_ID',
  filterKey: 'filter',
};
export const CALLS: Source = {
  method: 'voximplant.statistic.get',
  managerField: 'PORTAL_USER_ID',
  filterKey: 'FILTER',
};
export const items = (entityTypeId: 2 | 7 | 31): Source => ({
  method: 'crm.item.list',
  entityTypeId,
  managerField: 'assignedById',
  filterKey: 'filter',
});

export type Measure =
  /** Rows matching `filter` with `dateField` in the window: answered by a list's `total`. */
  | { kind: 'count'; source: Source; filter: Record<string, unknown>; dateField: string }
  /** Sum of `valueField` x `scale` over the same rows (read page by page). */
  | {
      kind: 'sum';
      source: Source;
      filter: Record<string, unknown>;
      dateField: string;
      valueField: string;
      scale: number;
    }
  /** `scale x numerator / (sum of denominators)`; no value when the denominator is 0. */
  | { kind: 'ratio'; numerator: string; denominators: string[]; scale: number }
  /** The CRM now: rows matching `filter`, `deadlineField` before the run (overdue work). */
  | {
      kind: 'snapshot_count';
      source: Source;
      filter: Record<string, unknown>;
      beforeNowField: string | undefined;
    }
  /** Open deals of the manager with no open activity bound to them. */
  | { kind: 'deals_without_next_step' };

export interface MetricDefinition {
  id: string;
  title: { ru: string; en: string };
  unit: 'count' | 'minutes' | 'rub' | 'percent';
  direction: 'more' | 'less';
  measure: Measure;
  /** Helper metrics feed others and are never judged or shown. */
  hidden?: boolean;
}

const count = (source: Source, filter: Record<string, unknown>, dateField: string): Measure => ({
  kind: 'count',
  source,
  filter,
  dateField,
});
const WON = { stageSemanticId: 'S' };

/** Built-in metrics, exactly as docs/contracts.md section 2 describes them. */
export const BUILTIN_METRICS: Record<BuiltinMetricId | 'deals_lost', MetricDefinition> = {
  calls_outgoing: {
    id: 'calls_outgoing',
    title: { ru: 'Исходящие звонки', en: 'Outgoing calls' },
    unit: 'count',
    direction: 'more',
    measure: count(ACTIVITIES, { TYPE_ID: 2, DIRECTION: 2, COMPLETED: 'Y' }, 'START_TIME'),
  },
  calls_connected: {
    id: 'calls_connected',
    title: { ru: 'Дозвоны', en: 'Connected calls' },
    unit: 'count',
    direction: 'more',
    measure: count(
      CALLS,
      { CALL_TYPE: 1, CALL_FAILED_CODE: '200', '>CALL_DURATION': 0 },
      'CALL_START_DATE',
    ),
  },
  talk_minutes: {
    id: 'talk_minutes',
    title: { ru: 'Минуты разговоров', en: 'Talk minutes' },
    unit: 'minutes',
    direction: 'more',
    measure: {
      kind: 'sum',
      source: CALLS,
      filter: { CALL_FAILED_CODE: '200' },
      dateField: 'CALL_START_DATE',
      valueField: 'CALL_DURATION',
      scale: 1 / 60,
    },
  },
  meetings: {
    id: 'meetings',
    title: { ru: 'Встречи', en: 'Meetings' },
    unit: 'count',
    direction: 'more',
    measure: count(ACTIVITIES, { TYPE_ID: 1, COMPLETED: 'Y' }, 'START_TIME'),
  },
  emails: {
    id: 'emails',
    title: { ru: 'Письма', en: 'E-mails' },
    unit: 'count',
    direction: 'more',
    measure: count(ACTIVITIES, { TYPE_ID: 4, DIRECTION: 2 }, 'CREATED'),
  },
  deals_created: {
    id: 'deals_created',
    title: { ru: 'Новые сделки', en: 'Deals created' },
    unit: 'count',
    direction: 'more',
    measure: count(items(2), {}, 'createdTime'),
  },
  quotes_sent: {
    id: 'quotes_sent',
    title: { ru: 'КП отправлено', en: 'Proposals sent' },
    unit: 'count',
    direction: 'more',
    measure: count(items(7), {}, 'createdTime'),
  },
  invoices_issued: {
    id: 'invoices_issued',
    title: { ru: 'Счета выставлены', en: 'Invoices issued' },
    unit: 'count',
    direction: 'more',
    measure: count(items(31), {}, 'createdTime'),
  },
  deals_won: {
    id: 'deals_won',
    title: { ru: 'Выигранные сделки', en: 'Deals won' },
    unit: 'count',
    direction: 'more',
    measure: count(items(2), WON, 'movedTime'),
  },
  deals_lost: {
    id: 'deals_lost',
    title: { ru: 'Проигранные сделки', en: 'Deals lost' },
    unit: 'count',
    direction: 'less',
    hidden: true,
    measure: count(items(2), { stageSemanticId: 'F' }, 'movedTime'),
  },
  won_amount: {
    id: 'won_amount',
    title: { ru: 'Сумма продаж', en: 'Sales amount' },
    unit: 'rub',
    direction: 'more',
    measure: {
      kind: 'sum',
      source: items(2),
      filter: WON,
      dateField: 'movedTime',
      valueField: 'opportunity',
      scale: 1,
    },
  },
  avg_deal: {
    id: 'avg_deal',
    title: { ru: 'Средний чек', en: 'Average deal' },
    unit: 'rub',
    direction: 'more',
    measure: { kind: 'ratio', numerator: 'won_amount', denominators: ['deals_won'], scale: 1 },
  },
  conversion: {
    id: 'conversion',
    title: { ru: 'Конверсия закрытых сделок', en: 'Win rate' },
    unit: 'percent',
    direction: 'more',
    measure: {
      kind: 'ratio',
      numerator: 'deals_won',
      denominators: ['deals_won', 'deals_lost'],
      scale: 100,
    },
  },
  new_clients: {
    id: 'new_clients',
    title: { ru: 'Новые клиенты', en: 'New clients' },
    unit: 'count',
    direction: 'more',
    measure: count(items(2), { ...WON, isReturnCustomer: 'N' }, 'movedTime'),
  },
  deals_without_next_step: {
    id: 'deals_without_next_step',
    title: { ru: 'Сделки без следующего шага', en: 'Deals without a next step' },
    unit: 'count',
    direction: 'less',
    measure: { kind: 'deals_without_next_step' },
  },
  overdue_activities: {
    id: 'overdue_activities',
    title: { ru: 'Просроченные дела', en: 'Overdue activities' },
    unit: 'count',
    direction: 'less',
    measure: {
      kind: 'snapshot_count',
      source: ACTIVITIES,
      filter: { COMPLETED: 'N' },
      beforeNowField: 'DEADLINE',
    },
  },
};

const CUSTOM_SOURCES: Record<CustomMetric['source'], { source: Source; dateField: string }> = {
  activities: { source: ACTIVITIES, dateField: 'CREATED' },
  deals: { source: items(2), dateField: 'createdTime' },
  quotes: { source: items(7), dateField: 'createdTime' },
  invoices: { source: items(31), dateField: 'createdTime' },
};

/** The catalogue of one department: the built-ins plus its own filter metrics. */
export function metricCatalogue(custom: readonly CustomMetric[]): Map<string, MetricDefinition> {
  const catalogue = new Map<string, MetricDefinition>(Object.entries(BUILTIN_METRICS));
  for (const metric of custom) {
    const { source, dateField } = CUSTOM_SOURCES[metric.source];
    catalogue.set(metric.id, {
      id: metric.id,
      title: metric.title,
      unit: 'count',
      direction: metric.direction,
      measure: count(source, metric.filter, metric.dateField ?? dateField),
    });
  }
  return catalogue;
}

/** Metrics a measure needs first (ratios need their parts). */
export function dependenciesOf(metric: MetricDefinition): string[] {
  return metric.measure.kind === 'ratio'
    ? [metric.measure.numerator, ...metric.measure.denominators]
    : [];
}
