import type { Redis } from 'ioredis';

/**
 * Per-method pauses shared by every process: after 429 OPERATION_TIME_LIMIT a method is
 * paused until `operating_reset_at`, and a method whose `time.operating` nears the budget
 * (480 s in 10 minutes by the docs' example) is slowed before the portal blocks it.
 */
export interface MethodPauses {
  /** Waits while `method` is paused. */
  wait(method: string): Promise<void>;
  /**
   * The portal refused the method with 429: pause it until the reset time the refusal names,
   * else the last `operating_reset_at` seen for it (the docs' advice), else a minute.
   */
  refused(method: string, resetAtMs: number | undefined): Promise<void>;
  /** Records the method's spent budget from a response's `time`. */
  track(
    method: string,
    operatingSeconds: number | undefined,
    resetAtMs: number | undefined,
  ): Promise<void>;
}

export interface MethodPausesOptions {
  redis: Redis;
  keyPrefix: string;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Seconds of operating time per 10 minutes after which we stop calling the method. */
  softBudgetSeconds?: number;
}

export function createMethodPauses(options: MethodPausesOptions): MethodPauses {
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const soft = options.softBudgetSeconds ?? 400;
  const key = (method: string) => `${options.keyPrefix}${method}`;
  const pauseUntil = async (method: string, untilMs: number) => {
    const ms = Math.ceil(untilMs - options.now());
    if (ms > 0) {
      await options.redis.set(key(method), String(untilMs), 'PX', ms);
    }
  };
  const lastResetAt = new Map<string, number>();
  return {
    async wait(method) {
      for (;;) {
        const until = await options.redis.get(key(method));
        const ms = until === null ? 0 : Number(until) - options.now();
        if (ms <= 0) {
          return;
        }
        await sleep(Math.min(ms, 30_000));
      }
    },
    async refused(method, resetAtMs) {
      const remembered = lastResetAt.get(method);
      const candidates = [resetAtMs, remembered].filter(
        (t): t is number => t !== undefined && t > options.now(),
      );
      await pauseUntil(method, candidates[0] ?? options.now() + 60_000);
    },
    async track(method, operatingSeconds, resetAtMs) {
      if (resetAtMs !== undefined) {
        lastResetAt.set(method, resetAtMs);
      }
      if (operatingSeconds !== undefined && operatingSeconds >= soft) {
        await pauseUntil(method, resetAtMs ?? options.now() + 60_000);
      }
    },
  };
}
