import type { Redis } from 'ioredis';
import { RetryLaterError } from '../lib/retry-later.js';

/**
 * The portal's leaky bucket, mirrored in Redis so that every process calling one portal
 * shares it (the portal counts per portal *and source IP*). Each request adds one; the level
 * drains at `perSecond`; a request that would overflow `burst - safetyMargin` waits. The script
 * reads Redis's own clock, so processes with skewed clocks still agree.
 */
export interface RateLimiter {
  /** Resolves when a request may go out, the slot taken: with Redis's time of it, in ms. */
  acquire(): Promise<number>;
  /** The portal refused us (503): assume the bucket is full, so every process slows down. */
  fill(): Promise<void>;
}

export interface RateLimiterOptions {
  redis: Redis;
  key: string;
  burst: number;
  perSecond: number;
  /** Slots kept free for network jitter between our count and the portal's. */
  safetyMargin?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * A wait longer than this is not slept through: `acquire` throws a RetryLaterError for the
   * time the slot frees, so a job of a throttled portal gives its worker slot back to the
   * other portals' jobs (the worker delays it; the poller leaves its event for a later round).
   * Undefined: always wait.
   */
  maxWaitMs?: number;
}

// KEYS[1] bucket; ARGV[1] capacity, ARGV[2] drain per second, ARGV[3] "take" or "fill".
// Returns { wait, now }: wait is 0 when the slot was taken (at Redis's time `now`, in ms), else
// the milliseconds to wait before trying again.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
local ts = tonumber(redis.call('HGET', KEYS[1], 'ts') or tostring(now))
level = math.max(0, level - (now - ts) * rate / 1000)
local wait = 0
if ARGV[3] == 'fill' then
  level = math.max(level, capacity)
elseif level + 1 <= capacity then
  level = level + 1
else
  wait = math.ceil((level + 1 - capacity) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 60000)
return { wait, now }`;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = Math.max(1, options.burst - (options.safetyMargin ?? 1));
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const run = (mode: 'take' | 'fill') =>
    options.redis.eval(
      SCRIPT,
      1,
      options.key,
      String(capacity),
      String(options.perSecond),
      mode,
    ) as Promise<[number, number]>;
  return {
    async acquire() {
      for (;;) {
        const [wait, now] = await run('take');
        if (wait <= 0) {
          return now;
        }
        if (options.maxWaitMs !== undefined && wait > options.maxWaitMs) {
          throw new RetryLaterError(
            Date.now() + wait,
            `the portal's request limit is used up for ${Math.ceil(wait / 1000)} s: later`,
          );
        }
        await sleep(wait);
      }
    },
    async fill() {
      await run('fill');
    },
  };
}
