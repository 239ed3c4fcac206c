import { afterAll, describe, expect, it } from 'vitest';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../helpers/redis.js';

describe('the test Redis harness', () => {
  const redis = connectTestRedis();
  const mine = uniquePrefix('harness');
  const neighbour = uniquePrefix('harness');

  afterAll(async () => {
    await deleteByPrefix(redis, neighbour);
    await redis.quit();
  });

  it('isolates a test file by prefix and cleans only its own keys', async () => {
    expect(mine).not.toBe(neighbour);
    await redis.set(`${mine}:a`, '1');
    await redis.set(`${mine}:b`, '2');
    await redis.set(`${neighbour}:a`, '3');
    await deleteByPrefix(redis, mine);
    expect(await redis.exists(`${mine}:a`, `${mine}:b`)).toBe(0);
    expect(await redis.get(`${neighbour}:a`)).toBe('3');
  });
});
