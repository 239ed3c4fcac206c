import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/lib/local-redis.js';
import {
  startProcessWorld,
  type BotProcess,
  type ProcessWorld,
} from '../../helpers/bot-process.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import { uniquePrefix } from '../../helpers/redis.js';
import { SEND } from '../../helpers/process-checks.js';

/** Resolves with the exit code and how long after `since` the process ended. */
async function exitOf(process: BotProcess, since: number) {
  const code = await process.exited;
  return { code, afterMs: Date.now() - since };
}

const running = (p: BotProcess) => () => p.output().includes('standup-bot running');

describe('a start that cannot succeed stops at once, with one line naming the cause', () => {
  let world: ProcessWorld;
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 21 });
    taken = createServer();
    port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
  }, 60_000);
  afterAll(async () => {
    taken.close();
    await world.close();
  });

  it('a health port in use', async () => {
    const started = Date.now();
    const { code, output } = await world.cli(['run'], { HEALTH_PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`the health port 127.0.0.1:${port} is in use`);
    // Nothing of the service ran: no poll, no schedule.
    expect(output).not.toContain('standup-bot running');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('register-bot on a fresh Redis, against a bot another installation registered, says what to do', async () => {
    const { code, output } = await world.cli(['register-bot'], {
      REDIS_PREFIX: uniquePrefix('fresh'),
    });
    expect(code).toBe(1);
    expect(output).toContain('BOT_OWNERSHIP_ERROR');
    expect(output).toContain('set BOT_TOKEN to the token of the installation that registered it');
    expect(output).toContain('BOT_CODE=standup_bot_2 standup-bot register-bot');
  }, 30_000);

  it.each([
    ['run'],
    ['standup', '--now'],
    ['history', '--from', '2026-11-01', '--to', '2026-11-30'],
    ['report', '--json'],
    ['register-bot'],
  ])(
    'Redis away: "%s" says where it looked, in one line, and exits',
    async (...args) => {
      const nowhere = `redis://127.0.0.1:${await freePort()}`;
      const { code, output, stdout } = await world.cli(args, { REDIS_URL: nowhere });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(output.trim()).toBe(
        `standup-bot ${args[0]} failed: Redis is not reachable at ${nowhere}`,
      );
    },
    30_000,
  );
});

describe('SIGTERM ends the process within its bound, whatever it is waiting for', () => {
  let redis: PrivateRedis;
  const worlds: ProcessWorld[] = [];
  const world = async (seed: number) => {
    const made = await startProcessWorld({ seed, redisUrl: redis.url });
    worlds.push(made);
    return made;
  };
  beforeAll(async () => {
    redis = await startPrivateRedis();
  }, 60_000);
  afterAll(async () => {
    for (const made of worlds) {
      await made.close();
    }
    await redis.stop();
  });

  it('during a 429 pause of the portal', async () => {
    const w = await world(23);
    const process = w.run(undefined, { SHUTDOWN_TIMEOUT_MS: '2000' });
    await w.until('the process runs', running(process));
    // The figures' method is blocked for two minutes: the standup job sits in the pause.
    w.emulator.control.injectFault({ kind: '429', method: 'batch', count: 1, delayMs: 120_000 });
    expect((await w.cli(['standup', '--now'])).code).toBe(0);
    await w.until('the job is in the pause', () =>
      process.output().includes('OPERATION_TIME_LIMIT'),
    );
    const since = Date.now();
    process.child.kill('SIGTERM');
    const { afterMs } = await exitOf(process, since);
    // Jobs get SHUTDOWN_TIMEOUT_MS (2 s here), every other step a bounded few seconds.
    expect(afterMs).toBeLessThan(15_000);
  }, 60_000);

  it('with Redis gone in the middle of a standup', async () => {
    const w = await world(25);
    w.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1_000, delayMs: 300 });
    const process = w.run(undefined, { SHUTDOWN_TIMEOUT_MS: '2000' });
    expect((await w.cli(['standup', '--now'])).code).toBe(0);
    await w.until('the first message is out', () =>
      w.transcript().some((m) => m.authorId === w.botId),
    );
    await redis.crash();
    const since = Date.now();
    process.child.kill('SIGTERM');
    const { afterMs } = await exitOf(process, since);
    expect(afterMs).toBeLessThan(20_000);
    await redis.start();
  }, 60_000);
});
