/**
 * The names every other part of the product uses for metrics, windows and plan periods.
 * The catalogue (how each metric is measured) lives in `metrics/`; this file only names them,
 * so that the configuration schema can validate a department file without pulling in the
 * catalogue.
 */

/** Built-in metrics, measured from the CRM and telephony. */
export const BUILTIN_METRIC_IDS = [
  'calls_outgoing',
  'calls_connected',
  'talk_minutes',
  'meetings',
  'emails',
  'deals_created',
  'quotes_sent',
  'invoices_issued',
  'deals_won',
  'won_amount',
  'avg_deal',
  'conversion',
  'new_clients',
  'deals_without_next_step',
  'overdue_activities',
] as const;
export type BuiltinMetricId = (typeof BUILTIN_METRIC_IDS)[number];

/**
 * Metrics that describe the state of the CRM at standup time rather than work done during a
 * window ("open deals without a next step now"). Their norms use the single window `now`.
 */
export const SNAPSHOT_METRIC_IDS: readonly BuiltinMetricId[] = [
  'deals_without_next_step',
  'overdue_activities',
];

/** Windows over which activity is judged against norms (seed 003: half a day, day, 3 days, 5 days). */
export const NORM_WINDOWS = ['half_day', 'day', 'three_days', 'week', 'month'] as const;
export type NormWindow = (typeof NORM_WINDOWS)[number];

/** Window for snapshot metrics. */
export const SNAPSHOT_WINDOW = 'now' as const;

/** Periods for which the sales plan is set and its pace is judged. */
export const PLAN_PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PlanPeriod = (typeof PLAN_PERIODS)[number];

/** What a plan counts: the money won, the units sold (won deals), the new clients won. */
export const PLAN_TARGETS = ['amount', 'units', 'new_clients'] as const;
export type PlanTarget = (typeof PLAN_TARGETS)[number];

/** A plan has three versions (seed 000): pessimistic, realistic, optimistic. */
export const PLAN_VERSIONS = ['pessimistic', 'realistic', 'optimistic'] as const;
export type PlanVersion = (typeof PLAN_VERSIONS)[number];

export function isSnapshotMetric(id: string): boolean {
  return (SNAPSHOT_METRIC_IDS as readonly string[]).includes(id);
}
