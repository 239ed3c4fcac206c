import type { PlanVersion, PlanTarget } from '../metric-ids.js';
import { PLAN_TARGETS } from '../metric-ids.js';
import type { MonthManager, MonthTarget } from './month-report.js';

export interface Unranked {
  managerId: number;
  name: string;
  targets: MonthTarget[];
}

/** The target the month is ranked by: money first, then deals, then new clients. */
export function rankingTarget(managers: readonly Unranked[]): PlanTarget | undefined {
  return PLAN_TARGETS.find((target) =>
    managers.some((m) => m.targets.some((t) => t.target === target)),
  );
}

/**
 * Managers by plan fulfilment (fact / the month's plan in the judged version) of the ranking
 * target, best first; ties go to the next targets, then to the user id. A manager without a
 * plan for the ranking target comes last.
 */
export function rankManagers(managers: readonly Unranked[], judgeBy: PlanVersion): MonthManager[] {
  const first = rankingTarget(managers);
  const order = first === undefined ? [] : [first, ...PLAN_TARGETS.filter((t) => t !== first)];
  const score = (m: Unranked, target: PlanTarget) =>
    m.targets.find((t) => t.target === target)?.fulfilment[judgeBy] ?? -1;
  const sorted = [...managers].sort((a, b) => {
    for (const target of order) {
      const diff = score(b, target) - score(a, target);
      if (diff !== 0) {
        return diff;
      }
    }
    return a.managerId - b.managerId;
  });
  return sorted.map((m, index) => {
    const statuses = m.targets.map((t) => t.status);
    return {
      managerId: m.managerId,
      name: m.name,
      rank: index + 1,
      fulfilment: first === undefined ? 0 : Math.max(0, score(m, first)),
      status: statuses.includes('lag') ? 'lag' : statuses.includes('watch') ? 'watch' : 'ok',
      targets: m.targets,
    };
  });
}

/** Those to encourage: who met the plan (at most three), or else the first, if anything was done. */
export function bestOf(ranked: readonly MonthManager[]): number[] {
  const met = ranked.filter((m) => m.fulfilment >= 1).slice(0, 3);
  if (met.length > 0) {
    return met.map((m) => m.managerId);
  }
  const top = ranked[0];
  return top !== undefined && top.fulfilment > 0 ? [top.managerId] : [];
}
