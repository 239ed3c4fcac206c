import type { Random } from './random.js';

/** Daily norms the generated department writes down; its window norms are multiples of them. */
export const DAILY_NORMS = {
  all: { meetings: 2, emails: 4, quotes_sent: 1 },
  active: { calls_outgoing: 40, calls_connected: 15, talk_minutes: 45 },
  passive: { calls_outgoing: 20, calls_connected: 8 },
} as const;

/** A plausible daily norm per metric for the bench's grid departments (see gridMetrics). */
export const GRID_DAILY_NORMS: Record<string, number> = {
  calls_outgoing: 30,
  calls_connected: 10,
  talk_minutes: 30,
  meetings: 2,
  emails: 4,
  deals_created: 0.5,
  quotes_sent: 1,
  invoices_issued: 0.2,
  deals_won: 0.2,
  won_amount: 50_000,
  new_clients: 0.1,
  avg_deal: 100_000,
  conversion: 30,
  overdue_activities: 3,
  deals_without_next_step: 2,
  site_measurements: 0.5,
};

/**
 * Work done in one day: at least 1.2x the daily norm, or at most 0.4x for a manager made to
 * lag. Every window is a sum of days, so its ratio stays on the same side of the thresholds.
 */
export function dailyCount(random: Random, norm: number, lagging: boolean): number {
  return lagging
    ? Math.floor(norm * (0.15 + random.next() * 0.25))
    : Math.ceil(norm * (1.2 + random.next() * 0.3));
}
