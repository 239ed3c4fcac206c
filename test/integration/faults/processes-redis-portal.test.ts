import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessWorld, type ProcessWorld } from '../../helpers/bot-process.js';
import { expectStandupInvariants } from '../../helpers/invariants.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import {
  ANSWER,
  expectEveryAnswerOnce,
  fromBot,
  slowStandupUnderWay,
  standupDone,
} from '../../helpers/process-checks.js';

describe('Redis restarted in the middle of a standup', () => {
  let redis: PrivateRedis;
  let world: ProcessWorld;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    world = await startProcessWorld({ seed: 13, redisUrl: redis.url });
  }, 180_000);
  afterAll(async () => {
    await world.close();
    await redis.stop();
  });

  it('the running process carries on when Redis is back, and nothing is lost or repeated', async () => {
    const process = await slowStandupUnderWay(world);
    expect(await standupDone(world)).toBe(false);
    await redis.crash();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.start();
    world.emulator.control.clearFaults();
    await world.until('the standup is done', () => standupDone(world).catch(() => false), 180_000);
    const laggards = await expectStandupInvariants(world, world.standupId);

    const [manager] = laggards;
    world.emulator.control.userWrites({ fromUserId: manager!, to: world.botId, text: ANSWER });
    await expectEveryAnswerOnce(world, [manager!]);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
  }, 300_000);
});

describe('a webhook the portal refuses for good', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    // The administrator forgot the crm scope: the bot can talk, but not read the figures.
    world = await startProcessWorld({
      seed: 19,
      scopes: ['user', 'department', 'telephony', 'im', 'imbot', 'basic'],
    });
  }, 180_000);
  afterAll(async () => world.close());

  it('fails the standup at once, tells the head once, and keeps running', async () => {
    const process = world.run();
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world
      .until('the head is told', () => fromBot(world, world.headId).length > 0)
      .catch((e: unknown) => {
        console.log(process.output());
        throw e;
      });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const told = fromBot(world, world.headId);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('insufficient_scope');
    expect(told[0]?.text).not.toContain(new URL(world.emulator.webhookUrl).pathname.split('/')[3]);
    expect(world.managerIds.flatMap((id) => fromBot(world, id))).toEqual([]);
    expect(await world.store.standups.get(world.standupId)).toBeUndefined();
    expect(process.child.exitCode).toBeNull();
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
    expect(process.output().match(/failed for good|job failed/gi)?.length ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
