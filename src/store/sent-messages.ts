import type { Redis } from 'ioredis';

/**
 * Which outgoing messages (by effect id) have been delivered, and the portal's id for each.
 * An effect is sent only when it has no mark, and marked right after the portal accepted it,
 * so a retried job sends only what is unmarked: a duplicate needs a crash between the two.
 */
export interface SentMessages {
  get(effectId: string): Promise<number | undefined>;
  getMany(effectIds: readonly string[]): Promise<(number | undefined)[]>;
  mark(effectId: string, messageId: number): Promise<void>;
}

/** Long enough to outlive any conversation (a plan's deadline is weeks away at most). */
const KEEP_SECONDS = 120 * 24 * 3600;

export function createRedisSentMessages(redis: Redis, keyPrefix: string): SentMessages {
  const key = (effectId: string) => `${keyPrefix}sent:${effectId}`;
  const toId = (value: string | null) => (value === null ? undefined : Number(value));
  return {
    async get(effectId) {
      return toId(await redis.get(key(effectId)));
    },
    async getMany(effectIds) {
      if (effectIds.length === 0) {
        return [];
      }
      return (await redis.mget(effectIds.map(key))).map(toId);
    },
    async mark(effectId, messageId) {
      await redis.set(key(effectId), String(messageId), 'EX', KEEP_SECONDS);
    },
  };
}
