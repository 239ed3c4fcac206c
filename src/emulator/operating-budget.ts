/**
 * The per-method operating-time limit: execution time is summed over ten one-minute buckets;
 * once the sum passes the limit, the *next* call to that method is refused with 429 until the
 * oldest bucket drops off (`operating_reset_at`). Other methods still work.
 */
export interface OperatingBudget {
  /** Seconds the method used in the last ten minutes. */
  spent(method: string, nowMs: number): number;
  isBlocked(method: string, nowMs: number): boolean;
  record(method: string, seconds: number, nowMs: number): void;
  /** Unix seconds at which the oldest bucket of the method drops off. */
  resetAt(method: string, nowMs: number): number;
}

const MINUTE = 60_000;

export function createOperatingBudget(limitSeconds: number): OperatingBudget {
  const buckets = new Map<string, Map<number, number>>();
  const live = (method: string, nowMs: number) => {
    const current = Math.floor(nowMs / MINUTE);
    const map = buckets.get(method) ?? new Map<number, number>();
    for (const minute of map.keys()) {
      if (minute <= current - 10) {
        map.delete(minute);
      }
    }
    buckets.set(method, map);
    return map;
  };
  const spent = (method: string, nowMs: number) =>
    [...live(method, nowMs).values()].reduce((a, b) => a + b, 0);
  return {
    spent,
    isBlocked: (method, nowMs) => spent(method, nowMs) > limitSeconds,
    record(method, seconds, nowMs) {
      const map = live(method, nowMs);
      const minute = Math.floor(nowMs / MINUTE);
      map.set(minute, (map.get(minute) ?? 0) + seconds);
    },
    resetAt(method, nowMs) {
      const minutes = [...live(method, nowMs).keys()];
      const oldest = minutes.length === 0 ? Math.floor(nowMs / MINUTE) : Math.min(...minutes);
      return Math.ceil(((oldest + 10) * MINUTE) / 1000);
    },
  };
}
