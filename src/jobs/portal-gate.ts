import type { Redis } from 'ioredis';

/**
 * At most `limit` jobs of one portal run at once, across every worker process on every
 * machine. OSS BullMQ has no groups (per-group limits are a Pro feature), so the limit lives
 * here: a job that finds its portal's places taken is not run but delayed (a RetryLaterError),
 * and its worker slot goes to another portal's job. A place is leased: a process that dies
 * holding one frees it after `leaseMs`.
 */
export interface PortalGate {
  /** True when this job may run now (a place was taken, or it already held one). */
  enter(portal: string, jobId: string): Promise<boolean>;
  leave(portal: string, jobId: string): Promise<void>;
}

// KEYS[1] the portal's running jobs (member job id, score lease end in Redis ms);
// ARGV[1] job id, ARGV[2] limit, ARGV[3] lease ms. Returns 1 when the job may run.
const ENTER = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if held or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  return 1
end
return 0`;

export function createPortalGate(options: {
  redis: Redis;
  keyPrefix: string;
  limit: number;
  leaseMs: number;
}): PortalGate {
  const key = (portal: string) =>
    `${options.keyPrefix}portal-running:${portal === '' ? '-' : portal}`;
  return {
    async enter(portal, jobId) {
      const allowed = (await options.redis.eval(
        ENTER,
        1,
        key(portal),
        jobId,
        String(options.limit),
        String(options.leaseMs),
      )) as number;
      return allowed === 1;
    },
    async leave(portal, jobId) {
      await options.redis.zrem(key(portal), jobId);
    },
  };
}
