import type { Redis } from 'ioredis';
import type { z } from 'zod';

/**
 * The department's standup history: one entry per conversation (who lagged, on what, the
 * plan, the decision, whether it held), written again as the conversation moves on, and
 * queried by the standup day.
 */
export interface History<T> {
  put(conversationId: string, day: string, entry: T): Promise<void>;
  /** Entries whose day is within `from..to` (inclusive, "YYYY-MM-DD"), oldest first. */
  range(from: string, to: string): Promise<T[]>;
  /** Forgets the entries of days before `day`; returns how many. */
  prune(day: string): Promise<number>;
}

const dayScore = (day: string) => Number(day.replaceAll('-', ''));

export function createRedisHistory<T>(
  redis: Redis,
  keyPrefix: string,
  schema: z.ZodType<T>,
): History<T> {
  const indexKey = `${keyPrefix}history:index`;
  const entriesKey = `${keyPrefix}history:entries`;
  return {
    async put(conversationId, day, entry) {
      await redis
        .multi()
        .hset(entriesKey, conversationId, JSON.stringify(entry))
        .zadd(indexKey, dayScore(day), conversationId)
        .exec();
    },
    async range(from, to) {
      const ids = await redis.zrangebyscore(indexKey, dayScore(from), dayScore(to));
      if (ids.length === 0) {
        return [];
      }
      const values = await redis.hmget(entriesKey, ...ids);
      return values.flatMap((value) => (value === null ? [] : [schema.parse(JSON.parse(value))]));
    },
    async prune(day) {
      const ids = await redis.zrangebyscore(indexKey, '-inf', `(${dayScore(day)}`);
      if (ids.length === 0) {
        return 0;
      }
      await redis
        .multi()
        .hdel(entriesKey, ...ids)
        .zrem(indexKey, ...ids)
        .exec();
      return ids.length;
    },
  };
}
