import type { Random } from './random.js';

/** Daily norms the generated department writes down; its window norms are multiples of them. */
export const DAILY_NORMS = {
  all: { meetings: 2, emails: 4, quotes_sent: 1 },
  active: { calls_outgoing: 40, calls_connected: 15, talk_minutes: 45 },
  passive: { calls_outgoing: 20, calls_connected: 8 },
} as const;

/**
 * Work done in one day: at least 1.2x the daily norm, or at most 0.4x for a manager made to
 * lag. Every window is a sum of days, so its ratio stays on the same side of the thresholds.
 */
export function dailyCount(random: Random, norm: number, lagging: boolean): number {
  return lagging
    ? Math.floor(norm * (0.15 + random.next() * 0.25))
    : Math.ceil(norm * (1.2 + random.next() * 0.3));
}
