import type { Department } from '../domain/department/department.js';
import type { MetricDefinition } from '../domain/metrics/catalogue.js';
import { PLAN_METRIC } from '../domain/evaluation/standup-cells.js';
import { PLAN_TARGETS } from '../domain/metric-ids.js';

/** A webhook scope the file needs, and what for (said in the problem). */
export interface NeededScope {
  scope: string;
  /** Other scopes that do as well (user.get works with user_brief or user_basic). */
  orAnyOf: readonly string[];
  why: string;
  /** Without it the bot still runs, with less (said as a note, not a problem). */
  optional: boolean;
}

const SCOPE_OF_METHOD: Record<string, string> = {
  'crm.activity.list': 'crm',
  'crm.item.list': 'crm',
  'voximplant.statistic.get': 'telephony',
};

/**
 * The scopes this department needs: those of the methods its metrics read (every metric with
 * a norm, the plan's, the custom ones), plus the people and the chat the bot always uses.
 */
export function neededScopes(
  dept: Department,
  catalogue: ReadonlyMap<string, MetricDefinition>,
): NeededScope[] {
  const metrics = new Set<string>([
    ...[
      dept.norms.all,
      dept.norms.active,
      dept.norms.passive,
      ...dept.managers.map((m) => m.norms ?? {}),
    ].flatMap((norms) => Object.keys(norms)),
    ...(dept.plan.periods.length > 0 ? PLAN_TARGETS.map((t) => PLAN_METRIC[t]) : []),
  ]);
  const byScope = new Map<string, Set<string>>();
  const visit = (id: string, depth: number) => {
    const measure = catalogue.get(id)?.measure;
    if (measure === undefined || depth > 5) {
      return;
    }
    if (measure.kind === 'ratio') {
      [measure.numerator, ...measure.denominators].forEach((part) => visit(part, depth + 1));
      return;
    }
    const method =
      measure.kind === 'deals_without_next_step' ? 'crm.item.list' : measure.source.method;
    const scope = SCOPE_OF_METHOD[method] ?? 'crm';
    byScope.set(scope, (byScope.get(scope) ?? new Set()).add(id));
  };
  metrics.forEach((id) => visit(id, 0));
  return [
    ...[...byScope].map(([scope, ids]) => ({
      scope,
      orAnyOf: [],
      why: `the metrics ${[...ids].sort().join(', ')}`,
      optional: false,
    })),
    {
      scope: 'user',
      orAnyOf: ['user_brief', 'user_basic'],
      why: 'who is active (user.get)',
      optional: false,
    },
    { scope: 'im', orAnyOf: [], why: 'who is away now (im.user.list.get)', optional: false },
    { scope: 'imbot', orAnyOf: [], why: 'the chat bot', optional: false },
    {
      scope: 'department',
      orAnyOf: [],
      why: "checking the managers against the portal's department",
      optional: true,
    },
    {
      scope: 'calendar',
      orAnyOf: [],
      why: "days away from the portal's calendar",
      optional: true,
    },
  ];
}
