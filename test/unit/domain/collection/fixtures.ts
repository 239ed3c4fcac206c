import type { Cell } from '../../../../src/domain/collection/collection-plan.js';
import { metricCatalogue } from '../../../../src/domain/metrics/catalogue.js';
import type { TimeWindow } from '../../../../src/domain/windows.js';

/** Windows of a standup on Tuesday 24.11.2026 in Moscow. */
export const DAY: TimeWindow = {
  id: 'day',
  from: '2026-11-23T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  workingDays: ['2026-11-23'],
};
export const WEEK: TimeWindow = {
  id: 'week',
  from: '2026-11-17T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  workingDays: ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23'],
};
export const MONTH: TimeWindow = {
  id: 'month',
  from: '2026-11-01T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  workingDays: [],
};
export const NOW: TimeWindow = {
  id: 'now',
  from: '2026-11-24T08:45:00+03:00',
  to: '2026-11-24T08:45:00+03:00',
  workingDays: [],
};
export const RUN_AT = '2026-11-24T08:45:00+03:00';

export const catalogue = metricCatalogue([
  {
    id: 'site_measurements',
    title: { ru: 'Замеры', en: 'Measurements' },
    source: 'activities',
    filter: { PROVIDER_ID: 'CRM_TODO', '%SUBJECT': 'Замер' },
    direction: 'more',
  },
  {
    id: 'own_calls',
    title: { ru: 'Свои', en: 'Own' },
    source: 'activities',
    filter: { TYPE_ID: 2, RESPONSIBLE_ID: 11 },
    direction: 'more',
  },
]);

/** Every manager on every metric in every window given. */
export function cells(
  managers: readonly number[],
  metrics: readonly string[],
  windows: readonly TimeWindow[],
): Cell[] {
  return managers.flatMap((managerId) =>
    metrics.flatMap((metric) => windows.map((window) => ({ managerId, metric, window }))),
  );
}
