import { afterAll, describe, expect, it } from 'vitest';
import { createPortalGate } from '../../../src/jobs/portal-gate.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('gate')}:`;
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

describe('the per-portal gate', () => {
  it('lets at most `limit` jobs of one portal run, leaves other portals alone, and frees on leave', async () => {
    const gate = createPortalGate({ redis, keyPrefix: prefix, limit: 2, leaseMs: 60_000 });
    expect(await gate.enter('slow', 'a')).toBe(true);
    expect(await gate.enter('slow', 'b')).toBe(true);
    expect(await gate.enter('slow', 'c')).toBe(false);
    // A job that already holds a place (taken over after a crash) may go on.
    expect(await gate.enter('slow', 'a')).toBe(true);
    expect(await gate.enter('other', 'x')).toBe(true);
    await gate.leave('slow', 'b');
    expect(await gate.enter('slow', 'c')).toBe(true);
  });
});
