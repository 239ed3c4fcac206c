import type { Department, PlanVersions } from '../department/department.js';
import { availableDays } from '../availability.js';
import type { PLAN_VERSIONS } from '../metric-ids.js';
import { PLAN_PERIODS, PLAN_TARGETS, type PlanTarget } from '../metric-ids.js';
import type { PlanWindow, StandupWindows } from '../windows.js';
import { cellKey } from '../collection/collection-plan.js';
import { judge, type Thresholds } from './judge.js';
import { departmentPlan, personalPlan } from './plan-targets.js';
import type { Figure, PlanPace } from './report-schema.js';
import { PLAN_METRIC, planWindowId } from './standup-cells.js';

const scaled = (plan: PlanVersions, factor: number): PlanVersions => ({
  pessimistic: plan.pessimistic * factor,
  realistic: plan.realistic * factor,
  optimistic: plan.optimistic * factor,
});

/**
 * Plan vs fact to date, for the team and every manager: pace = fact / (plan x elapsed share of
 * working time). A manager without a personal plan gets the department plan shared by
 * available working days in the period (contracts section 2).
 */
export function planPaces(
  dept: Department,
  windows: StandupWindows,
  facts: ReadonlyMap<string, number>,
  thresholds: Thresholds,
): PlanPace[] {
  const paces: PlanPace[] = [];
  for (const period of PLAN_PERIODS) {
    const window = windows.plan[period];
    for (const target of PLAN_TARGETS) {
      paces.push(...paceForTarget(dept, window, target, facts, thresholds));
    }
  }
  return paces;
}

function paceForTarget(
  dept: Department,
  window: PlanWindow,
  target: PlanTarget,
  facts: ReadonlyMap<string, number>,
  thresholds: Thresholds,
): PlanPace[] {
  const team = departmentPlan(dept, window, target);
  const factOf = (managerId: number) =>
    facts.get(cellKey(managerId, PLAN_METRIC[target], planWindowId(window.period))) ?? 0;
  const available = new Map(
    dept.managers.map((m) => [m.userId, availableDays(m, window.allWorkingDays).length]),
  );
  const totalAvailable = [...available.values()].reduce((a, b) => a + b, 0);
  const paces: PlanPace[] = [];
  if (team !== undefined) {
    const elapsed =
      window.allWorkingDays.length === 0
        ? 0
        : window.workingDays.length / window.allWorkingDays.length;
    paces.push(
      pace(
        'team',
        target,
        window,
        dept.managers.reduce((sum, m) => sum + factOf(m.userId), 0),
        team,
        elapsed,
        dept,
        thresholds,
      ),
    );
  }
  for (const manager of dept.managers) {
    const own = personalPlan(manager, window, target);
    const share = available.get(manager.userId) ?? 0;
    const plan =
      own ??
      (team === undefined || totalAvailable === 0
        ? undefined
        : scaled(team, share / totalAvailable));
    if (plan === undefined || share === 0) {
      continue;
    }
    const elapsed = availableDays(manager, window.workingDays).length / share;
    paces.push(
      pace(manager.userId, target, window, factOf(manager.userId), plan, elapsed, dept, thresholds),
    );
  }
  return paces;
}

function pace(
  scope: 'team' | number,
  target: PlanTarget,
  window: PlanWindow,
  fact: number,
  plan: PlanVersions,
  elapsed: number,
  dept: Department,
  thresholds: Thresholds,
): PlanPace {
  const versionPace = (version: (typeof PLAN_VERSIONS)[number]) => {
    const expected = plan[version] * elapsed;
    return expected <= 0 ? 1 : fact / expected;
  };
  const byVersion = {
    pessimistic: versionPace('pessimistic'),
    realistic: versionPace('realistic'),
    optimistic: versionPace('optimistic'),
  };
  const judged = dept.plan.judgeBy;
  return {
    scope,
    target,
    period: window.period,
    key: window.key,
    fact,
    plan,
    elapsed,
    pace: byVersion,
    status: judge(fact, plan[judged] * elapsed, 'more', thresholds).status,
  };
}

/** A monthly plan is judged in the chat only once this share of the month is behind. */
const MIN_ELAPSED_TO_ASK = 0.25;

/**
 * Managers behind their monthly plan, as figures to ask about like any lag: fact so far
 * against the plan due by now (the version the department judges by). Early in the month one
 * deal more or less swings the pace, so nobody is asked before a quarter of it has passed.
 */
export function planLagFigures(
  dept: Department,
  windows: StandupWindows,
  paces: readonly PlanPace[],
  units: ReadonlyMap<string, Figure['unit']>,
): Figure[] {
  const window = windows.plan.month;
  return paces.flatMap((p): Figure[] => {
    if (p.scope === 'team' || p.period !== 'month' || p.status !== 'lag') {
      return [];
    }
    if (p.elapsed < MIN_ELAPSED_TO_ASK) {
      return [];
    }
    const manager = dept.managers.find((m) => m.userId === p.scope);
    const share = manager === undefined ? 0 : availableDays(manager, window.allWorkingDays).length;
    const planned = p.plan[dept.plan.judgeBy];
    const due = planned * p.elapsed;
    if (share === 0 || due <= 0) {
      return [];
    }
    const metric = PLAN_METRIC[p.target];
    return [
      {
        managerId: p.scope,
        metric,
        window: planWindowId('month'),
        from: window.from,
        to: window.to,
        fact: p.fact,
        norm: due,
        ratio: p.fact / due,
        status: 'lag',
        direction: 'more',
        unit: units.get(metric) ?? 'count',
        basis: 'plan',
        perDay: planned / share,
      },
    ];
  });
}
