import type { Redis } from 'ioredis';

/** A bot event as fetched from the portal, kept verbatim until it has been processed. */
export interface InboxEvent {
  eventId: number;
  type: string;
  date: string;
  data: unknown;
}

/**
 * The durable inbox between the portal's event queue and the conversation. An event fetched
 * by `imbot.v2.Event.get` is written here *before* its offset is acknowledged, so a crash
 * after the fetch loses nothing; it leaves the pending set only once processed, so a crash
 * during processing retries it. Storing is idempotent by event id: a second poller, or the
 * portal delivering the same event again, adds nothing.
 */
export interface EventInbox {
  /** Stores new events and raises the acknowledged offset; returns how many were new. */
  store(events: readonly InboxEvent[], nextOffset: number): Promise<number>;
  /** The offset to send with the next `Event.get` (acknowledges everything below it). */
  offset(): Promise<number | undefined>;
  /** Oldest pending events first. */
  pending(limit: number): Promise<InboxEvent[]>;
  /** Claims an event for processing so two workers do not process it at once. */
  claim(eventId: number, owner: string, ttlMs: number): Promise<boolean>;
  complete(eventId: number): Promise<void>;
  /** Gives a claimed event back without counting a failure (it waits for a later round). */
  release(eventId: number): Promise<void>;
  /** Records a failed attempt; the event stays pending. Returns the attempt count. */
  fail(eventId: number): Promise<number>;
  /**
   * Sets an event aside for good (it failed every time): it leaves the pending set, so the
   * events after it go on, and is kept for an administrator under `dead` for 30 days.
   */
  deadLetter(eventId: number, reason: string): Promise<void>;
  /** Events set aside, newest first. */
  deadLetters(limit: number): Promise<{ eventId: number; reason: string; at: string }[]>;
  pendingCount(): Promise<number>;
}

/** Processed events are remembered this long, so a late duplicate is still recognised. */
const KEEP_SECONDS = 30 * 24 * 3600;

// KEYS[1] pending zset, KEYS[2] offset key; ARGV[1] next offset, then triples of
// (event key, event id, JSON). A pending event never expires; a processed one is kept for
// KEEP_SECONDS so that a late duplicate is recognised.
const STORE_SCRIPT = `
local added = 0
for i = 2, #ARGV, 3 do
  if redis.call('SET', ARGV[i], ARGV[i + 2], 'NX') then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i + 1])
    added = added + 1
  end
end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[2], ARGV[1]) end
return added`;

export function createRedisEventInbox(redis: Redis, keyPrefix: string): EventInbox {
  const pendingKey = `${keyPrefix}events:pending`;
  const offsetKey = `${keyPrefix}events:offset`;
  const attemptsKey = `${keyPrefix}events:attempts`;
  const eventKey = (id: number) => `${keyPrefix}event:${id}`;
  const claimKey = (id: number) => `${keyPrefix}event-claim:${id}`;
  const deadKey = `${keyPrefix}events:dead`;

  return {
    async store(events, nextOffset) {
      const args = events.flatMap((e) => [
        eventKey(e.eventId),
        String(e.eventId),
        JSON.stringify(e),
      ]);
      const added = await redis.eval(
        STORE_SCRIPT,
        2,
        pendingKey,
        offsetKey,
        String(nextOffset),
        ...args,
      );
      return Number(added);
    },
    async offset() {
      const value = await redis.get(offsetKey);
      return value === null ? undefined : Number(value);
    },
    async pending(limit) {
      const ids = await redis.zrange(pendingKey, 0, limit - 1);
      if (ids.length === 0) {
        return [];
      }
      const values = await redis.mget(ids.map((id) => eventKey(Number(id))));
      return values.flatMap((value) => (value === null ? [] : [JSON.parse(value) as InboxEvent]));
    },
    async claim(eventId, owner, ttlMs) {
      return (await redis.set(claimKey(eventId), owner, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async complete(eventId) {
      await redis
        .multi()
        .zrem(pendingKey, String(eventId))
        .expire(eventKey(eventId), KEEP_SECONDS)
        .hdel(attemptsKey, String(eventId))
        .del(claimKey(eventId))
        .exec();
    },
    async release(eventId) {
      await redis.del(claimKey(eventId));
    },
    async fail(eventId) {
      const [[, attempts] = []] =
        (await redis
          .multi()
          .hincrby(attemptsKey, String(eventId), 1)
          .del(claimKey(eventId))
          .exec()) ?? [];
      return Number(attempts);
    },
    async deadLetter(eventId, reason) {
      const entry = JSON.stringify({ eventId, reason, at: new Date().toISOString() });
      await redis
        .multi()
        .zrem(pendingKey, String(eventId))
        .expire(eventKey(eventId), KEEP_SECONDS)
        .hdel(attemptsKey, String(eventId))
        .del(claimKey(eventId))
        .lpush(deadKey, entry)
        .ltrim(deadKey, 0, 999)
        .expire(deadKey, KEEP_SECONDS)
        .exec();
    },
    async deadLetters(limit) {
      return (await redis.lrange(deadKey, 0, limit - 1)).map(
        (value) => JSON.parse(value) as { eventId: number; reason: string; at: string },
      );
    },
    pendingCount: () => redis.zcard(pendingKey),
  };
}
