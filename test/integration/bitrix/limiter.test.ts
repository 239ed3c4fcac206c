import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/bitrix/limiter.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = uniquePrefix('limiter');
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

/** Replays admission times through the portal's bucket and returns its highest level. */
function peakLevel(times: number[], perSecond: number): number {
  let level = 0;
  let last = times[0] ?? 0;
  let peak = 0;
  for (const t of [...times].sort((a, b) => a - b)) {
    level = Math.max(0, level - ((t - last) / 1000) * perSecond) + 1;
    last = t;
    peak = Math.max(peak, level);
  }
  return peak;
}

describe('shared leaky bucket', () => {
  it('never lets two processes together overflow the portal bucket', async () => {
    const key = `${prefix}:bucket`;
    const a = createRateLimiter({ redis, key, burst: 10, perSecond: 20 });
    const b = createRateLimiter({ redis, key, burst: 10, perSecond: 20 });
    const admitted: number[] = [];
    // Admission times as Redis's clock saw them, the clock the bucket runs on: when this
    // process got to hear of them depends on how busy the machine is, not on the limiter.
    const take = async (limiter: typeof a) => {
      admitted.push(await limiter.acquire());
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 === 0 ? a : b)));
    expect(admitted).toHaveLength(40);
    // The bucket holds burst - safety margin = 9; Redis's clock counts whole milliseconds.
    expect(peakLevel(admitted, 20)).toBeLessThanOrEqual(9.05);
    // 40 requests through a bucket of 9 draining 20 a second take at least (40 - 9) / 20 s.
    expect(Math.max(...admitted) - Math.min(...admitted)).toBeGreaterThanOrEqual(1_500);
  });

  it('after a refusal, makes everyone wait for the bucket to drain', async () => {
    const key = `${prefix}:filled`;
    const slept: number[] = [];
    const limiter = createRateLimiter({
      redis,
      key,
      burst: 50,
      perSecond: 2,
      sleep: async (ms) => {
        slept.push(ms);
        await new Promise((r) => setTimeout(r, 1));
        throw new Error('stop');
      },
    });
    await limiter.fill();
    await expect(limiter.acquire()).rejects.toThrow('stop');
    expect(slept[0]).toBeGreaterThan(400);
  });
});
