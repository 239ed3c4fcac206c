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
import { SEND, standupDone } from '../../helpers/process-checks.js';

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
  }, 180_000);
  afterAll(async () => {
    taken.close();
    await world.close();
  });

  it('a health port in use', async () => {
    const { code, output } = await world.cli(['run'], { HEALTH_PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`the health port 127.0.0.1:${port} is in use`);
    // Nothing of the service ran: no poll, no schedule.
    expect(output).not.toContain('standup-bot running');
  }, 180_000);

  it('report --json prints only JSON on stdout while the portal fails and the log speaks', async () => {
    world.emulator.control.injectFault({ kind: 'html', method: 'batch', count: 2 });
    world.emulator.control.injectFault({ kind: '503', count: 2 });
    const { code, stdout, output } = await world.cli(['report', '--json'], {
      BITRIX_TIMEOUT_MS: '5000',
    });
    expect(code).toBe(0);
    expect(output).toContain('bitrix call retried');
    const report = JSON.parse(stdout) as { managers: unknown[] };
    expect(report.managers.length).toBeGreaterThan(0);
  }, 180_000);

  it('register-bot on a fresh Redis, against a bot another installation registered, says what to do', async () => {
    const { code, output } = await world.cli(['register-bot'], {
      REDIS_PREFIX: uniquePrefix('fresh'),
    });
    expect(code).toBe(1);
    expect(output).toContain('BOT_OWNERSHIP_ERROR');
    expect(output).toContain('set BOT_TOKEN to the token of the installation that registered it');
    expect(output).toContain('BOT_CODE=standup_bot_2 standup-bot register-bot');
  }, 180_000);

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
    180_000,
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
  }, 180_000);
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
    // Jobs get SHUTDOWN_TIMEOUT_MS (2 s here), every other step a bounded few seconds: about
    // 5 s on a quiet machine (README). The test holds only that it ends, not how fast; before,
    // it took as long as the pause (two minutes here).
    expect(afterMs).toBeLessThan(90_000);
  }, 300_000);

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
    // About 7 s on a quiet machine (README); before, it hung for ten minutes.
    expect(afterMs).toBeLessThan(90_000);
    await redis.start();
  }, 300_000);
});

describe('a running service explains itself at /metrics', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 27 });
  }, 180_000);
  afterAll(async () => world.close());

  it('counts the standup, its questions, the portal requests by method and the queue', async () => {
    const process = world.run();
    await world.until('the process runs', running(process));
    const line = process
      .output()
      .split('\n')
      .find((l) => l.includes('standup-bot running'));
    const port = (JSON.parse(line ?? '{}') as { healthPort?: number }).healthPort;
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world.until('the standup is done', () => standupDone(world));
    const page = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(page).toMatch(/^standup_runs_total 1$/m);
    expect(page).toMatch(/^standup_questions_total [1-9]\d*$/m);
    expect(page).toMatch(/^bitrix_requests_total\{method="batch"\} [1-9]\d*$/m);
    expect(page).toMatch(/^standup_queue_jobs\{state="completed"\} 1$/m);
    expect(page).toMatch(/^standup_events_pending 0$/m);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
  }, 180_000);
});
