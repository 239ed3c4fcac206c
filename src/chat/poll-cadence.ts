/**
 * How long the poller waits before asking for events again while none are waiting. Fast right
 * after the bot sent or received something (an answer is likely), the configured interval
 * while the team works, three times that after a quarter of an hour of silence, and once a
 * minute outside working time. The imbot.v2 docs ask for 5-30 s when idle and at least 2 s
 * between calls.
 */
export interface CadenceOptions {
  /** POLL_INTERVAL_MS: the working-time interval. */
  idleMs: number;
  /** POLL_SLOWEST_MS: the interval outside working time (once a minute by default). */
  slowestMs: number;
  isWorkingTime: (at: Date) => boolean;
}

export const ACTIVE_MS = 2_000;
/** Activity keeps the poller fast this long. */
export const ACTIVE_FOR_MS = 2 * 60_000;
/** Silence this long makes it slower, even in working time. */
export const QUIET_AFTER_MS = 15 * 60_000;

export function pollCadence(
  options: CadenceOptions,
): (now: Date, lastActivityAt: number | undefined) => number {
  return (now, lastActivityAt) => {
    const since = lastActivityAt === undefined ? Infinity : now.getTime() - lastActivityAt;
    if (since <= ACTIVE_FOR_MS) {
      return Math.min(ACTIVE_MS, options.idleMs);
    }
    const slowest = Math.max(options.slowestMs, options.idleMs);
    if (!options.isWorkingTime(now)) {
      return slowest;
    }
    return since <= QUIET_AFTER_MS ? options.idleMs : Math.min(3 * options.idleMs, slowest);
  };
}
