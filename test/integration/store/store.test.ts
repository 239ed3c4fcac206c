import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRedisEventInbox, type InboxEvent } from '../../../src/store/event-inbox.js';
import { createRedisHistory } from '../../../src/store/history.js';
import { createRedisSentMessages } from '../../../src/store/sent-messages.js';
import { createRedisVersionedDocs, updateWithRetry } from '../../../src/store/versioned-docs.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('store')}:`;
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const counterSchema = z.object({ count: z.number(), by: z.array(z.string()) });

describe('versioned documents', () => {
  const docs = createRedisVersionedDocs({
    redis,
    keyPrefix: `${prefix}doc:`,
    schema: counterSchema,
  });

  it('creates once and writes only at the version it read', async () => {
    expect(await docs.create('a', { count: 0, by: [] })).toBe(true);
    expect(await docs.create('a', { count: 9, by: [] })).toBe(false);
    const read = await docs.get('a');
    expect(read).toEqual({ version: 1, value: { count: 0, by: [] } });
    expect(await docs.compareAndSet('a', 1, { count: 1, by: ['x'] })).toBe(true);
    expect(await docs.compareAndSet('a', 1, { count: 2, by: ['stale'] })).toBe(false);
    expect(await docs.get('a')).toEqual({ version: 2, value: { count: 1, by: ['x'] } });
  });

  it('lets exactly one of many concurrent writers win each version', async () => {
    await docs.create('b', { count: 0, by: [] });
    const writers = Array.from({ length: 25 }, (_, i) =>
      updateWithRetry(
        docs,
        'b',
        (current) => ({
          value: {
            count: (current?.value.count ?? 0) + 1,
            by: [...(current?.value.by ?? []), `w${i}`],
          },
          result: i,
        }),
        100,
      ),
    );
    await Promise.all(writers);
    const final = await docs.get('b');
    expect(final?.value.count).toBe(25);
    expect(new Set(final?.value.by).size).toBe(25);
    expect(final?.version).toBe(26);
  });

  it('reads many at once and refuses a stored document that no longer fits', async () => {
    await redis.hset(`${prefix}doc:broken`, 'v', '1', 'd', JSON.stringify({ count: 'many' }));
    const [a, missing] = await docs.getMany(['a', 'nope']);
    expect(a?.version).toBe(2);
    expect(missing).toBeUndefined();
    await expect(docs.get('broken')).rejects.toThrow(
      /stored document broken does not match its schema/,
    );
  });
});

describe('event inbox', () => {
  const inbox = createRedisEventInbox(redis, `${prefix}inbox:`);
  const event = (eventId: number): InboxEvent => ({
    eventId,
    type: 'ONIMBOTV2MESSAGEADD',
    date: '2026-11-24T09:00:00+03:00',
    data: { n: eventId },
  });

  it('stores before acknowledging, once per event id, and only raises the offset', async () => {
    expect(await inbox.offset()).toBeUndefined();
    expect(await inbox.store([event(3), event(1), event(2)], 4)).toBe(3);
    expect(await inbox.store([event(2), event(3)], 4)).toBe(0); // delivered twice
    expect(await inbox.store([], 2)).toBe(0); // a stale poller never moves the offset back
    expect(await inbox.offset()).toBe(4);
    expect((await inbox.pending(10)).map((e) => e.eventId)).toEqual([1, 2, 3]);
    expect(await inbox.pendingCount()).toBe(3);
  });

  it('gives an event to one worker at a time and keeps it until completed', async () => {
    expect(await inbox.claim(1, 'worker-a', 5_000)).toBe(true);
    expect(await inbox.claim(1, 'worker-b', 5_000)).toBe(false);
    expect(await inbox.fail(1)).toBe(1);
    expect(await inbox.claim(1, 'worker-b', 5_000)).toBe(true); // a failure releases the claim
    expect((await inbox.pending(10)).map((e) => e.eventId)).toEqual([1, 2, 3]);
    await inbox.complete(1);
    expect((await inbox.pending(10)).map((e) => e.eventId)).toEqual([2, 3]);
    expect(await inbox.store([event(1)], 4)).toBe(0); // a late duplicate of a processed event
    expect((await inbox.pending(1))[0]?.data).toEqual({ n: 2 });
    expect(await redis.ttl(`${prefix}inbox:event:1`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${prefix}inbox:event:2`)).toBe(-1);
  });
});

describe('sent messages and history', () => {
  it('remembers which effects were delivered and their message ids', async () => {
    const sent = createRedisSentMessages(redis, `${prefix}out:`);
    expect(await sent.get('conv-1-e1')).toBeUndefined();
    await sent.mark('conv-1-e1', { kind: 'attempted', at: 1_000, lastAt: 1_500 });
    expect(await sent.get('conv-1-e1')).toEqual({ kind: 'attempted', at: 1_000, lastAt: 1_500 });
    await sent.mark('conv-1-e1', { kind: 'sent', messageId: 9001 });
    await sent.mark('conv-1-e3', { kind: 'attempted', at: 2_000, lastAt: 2_000 });
    await sent.forget('conv-1-e3');
    expect(await sent.getMany(['conv-1-e1', 'conv-1-e2', 'conv-1-e3'])).toEqual([
      { kind: 'sent', messageId: 9001 },
      undefined,
      undefined,
    ]);
    // Marks written by an earlier version (a bare message id, 0 done, -1 refused) still read.
    await redis.set(`${prefix}out:sent:old`, '77');
    await redis.set(`${prefix}out:sent:older`, '-1');
    expect(await sent.getMany(['old', 'older'])).toEqual([
      { kind: 'sent', messageId: 77 },
      { kind: 'refused' },
    ]);
  });

  it('keeps one entry per conversation, overwritten as it moves on, queried by day', async () => {
    const history = createRedisHistory(redis, `${prefix}hist:`, z.object({ outcome: z.string() }));
    await history.put('sales-20261123-11', '2026-11-23', { outcome: 'asked' });
    await history.put('sales-20261124-11', '2026-11-24', { outcome: 'asked' });
    await history.put('sales-20261123-11', '2026-11-23', { outcome: 'held' });
    expect(await history.range('2026-11-23', '2026-11-23')).toEqual([{ outcome: 'held' }]);
    expect(await history.range('2026-11-01', '2026-11-30')).toHaveLength(2);
    expect(await history.range('2026-12-01', '2026-12-31')).toEqual([]);
  });
});
