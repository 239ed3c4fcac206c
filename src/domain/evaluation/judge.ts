import type { Status } from './report-schema.js';

export interface Thresholds {
  watch: number;
  lag: number;
}

/**
 * The status of a fact against a norm (docs/contracts.md section 2). "More is better": the
 * ratio fact / norm against the thresholds, a zero norm asks nothing. "Less is better" (open
 * deals without a next step, overdue work): over the norm is `watch`, over norm / lag is `lag`,
 * and a zero norm tolerates none.
 */
export function judge(
  fact: number,
  norm: number,
  direction: 'more' | 'less',
  thresholds: Thresholds,
): { ratio: number; status: Status } {
  if (direction === 'more') {
    if (norm <= 0) {
      return { ratio: 1, status: 'ok' };
    }
    const ratio = fact / norm;
    return {
      ratio,
      status: ratio < thresholds.lag ? 'lag' : ratio < thresholds.watch ? 'watch' : 'ok',
    };
  }
  if (fact <= norm) {
    return { ratio: fact === 0 ? 1 : norm / fact, status: 'ok' };
  }
  const ratio = fact === 0 ? 1 : norm / fact;
  const lagLimit = norm <= 0 ? 0 : norm / thresholds.lag;
  return { ratio, status: norm <= 0 || fact > lagLimit ? 'lag' : 'watch' };
}

/** How bad a lag is, for ranking: how far below (or above, for "less") the norm it is. */
export function severityOf(fact: number, norm: number, direction: 'more' | 'less'): number {
  if (direction === 'more') {
    return norm <= 0 ? 0 : Math.max(0, 1 - fact / norm);
  }
  return Math.max(0, (fact - norm) / Math.max(norm, 1));
}
