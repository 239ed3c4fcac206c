import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';

const run = promisify(execFile);
// A Redis of its own: "leaves nothing behind" must not see another run's keys.
let server: PrivateRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startPrivateRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describe('npm run demo', () => {
  it('plays the whole loop on the emulator, prints one JSON summary and leaves nothing in Redis', async () => {
    const { stdout } = await run('node', ['bin/standup-bot.js', 'demo', '--json'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL: server.url },
      timeout: 150_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? '{}') as Record<string, number> & {
      redisPrefix: string;
      monthCardSent: boolean;
      monthPlanApproved: boolean;
      weekCardSent: boolean;
    };
    expect(summary).toMatchObject({
      managers: 10,
      lagging: 4,
      questionsSent: 4,
      answers: 4,
      approved: 2,
      corrected: 1,
      discussed: 1,
      held: 1,
      notHeld: 2,
    });
    expect(summary.headActions).toBeLessThanOrEqual((summary.lagging ?? 0) + 1);
    // What the summary counts is in the chat: every check reached the head.
    expect(summary.checksToldHead).toBe((summary.held ?? 0) + (summary.notHeld ?? 0));
    expect(summary.httpRequests).toBeGreaterThan(0);
    // The morning digest names the large deal standing still, not the fresh one; the month's
    // card reaches the head on the month's last working day and next month's plan is approved.
    expect(summary).toMatchObject({
      largeDealsInDigest: 1,
      monthCardSent: true,
      monthPlanApproved: true,
    });
    // The weekly meeting's card (GRID table and issue buttons) reaches the head on the
    // department's next meeting day.
    expect(summary.weekCardSent).toBe(true);
    // Its own prefix only: other demos may share this Redis at the same time.
    expect(summary.redisPrefix).toMatch(/^demo-[0-9a-f]{8}:$/);
    expect(await redis.keys(`${summary.redisPrefix}*`)).toEqual([]);
  }, 160_000);
});
