import { afterAll, describe, expect, it, vi } from 'vitest';
import { bitrixCaller } from '../../../src/chat/imbot-events.js';
import { registerBot } from '../../../src/chat/register-bot.js';
import { resolveBitrixAuth } from '../../../src/config/env-schema.js';
import { parseEnv, type Config } from '../../../src/config/load-config.js';
import { createContext, type AppContext } from '../../../src/context.js';
import type { Department } from '../../../src/domain/department/department.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { createManualClock } from '../../../src/lib/clock.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { startRuntime, type Role, type Runtime } from '../../../src/runtime/start-runtime.js';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../../helpers/redis.js';

const DAY = '2026-11-24';
const A_MANAGERS = [11, 12, 13, 14];
const B_MANAGERS = [15, 16, 17, 18];

interface World {
  emulator: Emulator;
  ctx: AppContext;
  botId: number;
  clock: ReturnType<typeof createManualClock>;
  a: Department;
  b: Department;
  start(roles: Role[]): Promise<Runtime>;
  fromBot(userId: number): { text: string; id: number; buttons: { text: string }[] }[];
  close(): Promise<void>;
}

/**
 * One portal, one bot, two departments of the seeded team: sales-msk (Moscow, head 1,
 * managers 11-14) and sales-kgd (`kgd` as given: Kaliningrad by default, head 2, 15-18).
 */
async function startWorld(at: string, kgd: (d: Department) => Partial<Department>): Promise<World> {
  const generated = generateDepartment({ seed: 9, managers: 8, today: DAY });
  const base = generated.department;
  const a: Department = {
    ...base,
    id: 'sales-msk',
    managers: base.managers.filter((m) => A_MANAGERS.includes(m.userId)),
  };
  const b: Department = {
    ...base,
    id: 'sales-kgd',
    name: 'Отдел продаж, Калининград',
    timeZone: 'Europe/Kaliningrad',
    head: { userId: 2, name: 'Борис Ким', deputies: [] },
    managers: base.managers.filter((m) => B_MANAGERS.includes(m.userId)),
    ...kgd(base),
  };
  const now = new Date(at);
  const emulator = await startEmulator({
    populate: (state) => {
      generated.populate(state);
      const head = state.users.get(1)!;
      state.users.set(2, {
        ...head,
        id: 2,
        name: 'Борис',
        lastName: 'Ким',
        email: 'b@example.com',
      });
    },
    rateLimit: false,
    now,
  });
  const env = parseEnv({
    BITRIX_WEBHOOK_URL: emulator.webhookUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: uniquePrefix('depts'),
    LOG_LEVEL: 'silent',
  });
  const config: Config = {
    env,
    bitrix: resolveBitrixAuth(env),
    department: a,
    departmentFile: 'msk.yaml',
    departments: [
      { department: a, file: 'msk.yaml' },
      { department: b, file: 'kgd.yaml' },
    ],
  };
  const clock = createManualClock(now);
  const secrets = createSecrets();
  const ctx = await createContext(config, {
    clock,
    secrets,
    log: createLogger({ level: 'silent', format: 'json', secrets }),
  });
  const bot = await registerBot({
    caller: bitrixCaller(ctx.bitrix),
    code: 'standup_bot',
    token: undefined,
    name: 'Планёрка',
    workPosition: 'бот',
  });
  await ctx.redis.hset(`${ctx.keyPrefix}bot`, 'id', String(bot.id), 'token', bot.token);
  const runtimes: Runtime[] = [];
  return {
    emulator,
    ctx,
    botId: bot.id,
    clock,
    a,
    b,
    async start(roles) {
      const runtime = await startRuntime(ctx, {
        roles,
        concurrency: 2,
        graceMinutes: 120,
        pollIntervalMs: 50,
      });
      runtimes.push(runtime);
      return runtime;
    },
    fromBot: (userId) =>
      emulator.control
        .transcript(privateConversation(userId, bot.id))
        .filter((m) => m.authorId === bot.id),
    async close() {
      for (const runtime of runtimes) {
        await runtime.stop();
      }
      await deleteByPrefix(ctx.redis, ctx.keyPrefix);
      await ctx.close();
      await emulator.close();
    },
  };
}

const worlds: World[] = [];
afterAll(async () => {
  for (const world of worlds) {
    await world.close();
  }
});

const stateOf = (runtime: Runtime, jobId: string) => runtime.queue.queue.getJobState(jobId);

describe('two departments in one deployment', () => {
  it('run their own standups at their own local times, with their own heads, nobody asked twice', async () => {
    // 05:50 UTC: 08:50 in Moscow (its 08:45 is due), 07:50 in Kaliningrad (not yet).
    const world = await startWorld('2026-11-24T05:50:00Z', () => ({}));
    worlds.push(world);
    const first = await world.start(['scheduler', 'worker']);
    await vi.waitFor(
      async () => expect(await stateOf(first, 'standup-sales-msk-20261124')).toBe('completed'),
      { timeout: 60_000, interval: 100 },
    );
    expect(await stateOf(first, 'standup-sales-kgd-20261124')).toBe('unknown');
    expect(
      (
        (await first.queue.queue.getJob('standup-sales-msk-20261124'))?.data as
          { runAt?: string } | undefined
      )?.runAt,
    ).toBe('2026-11-24T08:45:00+03:00');
    const askedA = A_MANAGERS.filter((id) => world.fromBot(id).length > 0);
    expect(askedA.length).toBeGreaterThan(0);
    expect(B_MANAGERS.flatMap((id) => world.fromBot(id))).toEqual([]);
    expect(world.fromBot(1)).toHaveLength(1);
    expect(world.fromBot(2)).toEqual([]);
    await first.stop();

    // An hour later a process starts again: Kaliningrad's 08:45 is due, Moscow's is done.
    world.clock.set(new Date('2026-11-24T06:50:00Z'));
    world.emulator.control.setNow(new Date('2026-11-24T06:50:00Z'));
    const second = await world.start(['scheduler', 'worker']);
    await vi.waitFor(
      async () => expect(await stateOf(second, 'standup-sales-kgd-20261124')).toBe('completed'),
      { timeout: 60_000, interval: 100 },
    );
    expect(
      (
        (await second.queue.queue.getJob('standup-sales-kgd-20261124'))?.data as
          { runAt?: string } | undefined
      )?.runAt,
    ).toBe('2026-11-24T08:45:00+02:00');
    const askedB = B_MANAGERS.filter((id) => world.fromBot(id).length > 0);
    expect(askedB.length).toBeGreaterThan(0);
    for (const id of [...A_MANAGERS, ...B_MANAGERS]) {
      expect(world.fromBot(id).length).toBeLessThanOrEqual(1);
    }
    // Each head got his own department's digest, once.
    expect(world.fromBot(1)).toHaveLength(1);
    expect(world.fromBot(2)).toHaveLength(1);
    const name = (d: Department, id: number) => d.managers.find((m) => m.userId === id)!.name;
    const digestB = world.fromBot(2)[0]!.text;
    for (const id of askedB) {
      expect(digestB).toContain(name(world.b, id));
    }
    for (const id of askedA) {
      expect(digestB).not.toContain(name(world.a, id));
      expect(world.fromBot(1)[0]!.text).toContain(name(world.a, id));
    }
    // Two departments never share state: each has its own latest standup.
    const key = (dept: string) => `${world.ctx.keyPrefix}dept:${dept}:standup-latest`;
    expect(await world.ctx.redis.get(key('sales-msk'))).toBe('sales-msk-20261124');
    expect(await world.ctx.redis.get(key('sales-kgd'))).toBe('sales-kgd-20261124');
  }, 180_000);

  it('a head of both is answered per department: by the card he presses, or asked whose plan', async () => {
    // 06:50 UTC: both standups are due (Moscow's an hour ago, within the grace time).
    const world = await startWorld('2026-11-24T06:50:00Z', () => ({
      head: { userId: 1, name: 'Анна Соколова', deputies: [] },
    }));
    worlds.push(world);
    const runtime = await world.start(['scheduler', 'worker', 'poller']);
    for (const id of ['standup-sales-msk-20261124', 'standup-sales-kgd-20261124']) {
      await vi.waitFor(async () => expect(await stateOf(runtime, id)).toBe('completed'), {
        timeout: 60_000,
        interval: 100,
      });
    }
    expect(world.fromBot(1)).toHaveLength(2);
    const managerA = A_MANAGERS.find((id) => world.fromBot(id).length > 0)!;
    const managerB = B_MANAGERS.find((id) => world.fromBot(id).length > 0)!;
    const nameA = world.a.managers.find((m) => m.userId === managerA)!.name;
    const nameB = world.b.managers.find((m) => m.userId === managerB)!.name;
    const lastFromBot = (id: number) => world.fromBot(id).at(-1)?.text ?? '';
    for (const id of [managerA, managerB]) {
      world.emulator.control.userWrites({
        fromUserId: id,
        to: world.botId,
        text: 'Причина: был на выезде. План: сделаю по 25 звонков в день. Срок: завтра',
      });
      await vi.waitFor(() => expect(lastFromBot(id)).toContain('отправлен руководителю'), {
        timeout: 30_000,
        interval: 50,
      });
    }
    const cardOf = (name: string) =>
      world
        .fromBot(1)
        .filter((m) => m.text.includes(name) && m.buttons.length > 0)
        .at(-1);
    await vi.waitFor(() => expect(cardOf(nameB)).toBeDefined(), { timeout: 30_000, interval: 50 });

    // Plain words with a plan waiting in each department: whose? Both are named.
    world.emulator.control.userWrites({ fromUserId: 1, to: world.botId, text: 'ок' });
    await vi.waitFor(() => expect(lastFromBot(1)).toContain('О чьём плане речь?'), {
      timeout: 30_000,
      interval: 50,
    });
    expect(lastFromBot(1)).toContain(nameA);
    expect(lastFromBot(1)).toContain(nameB);

    // The card's button reaches its own department's plan, and only that one.
    world.emulator.control.userPresses({
      fromUserId: 1,
      messageId: cardOf(nameB)!.id,
      button: 'Утвердить',
    });
    await vi.waitFor(() => expect(lastFromBot(managerB)).toContain('утвердил ваш план'), {
      timeout: 30_000,
      interval: 50,
    });
    expect(lastFromBot(managerA)).toContain('отправлен руководителю');

    // Now one plan waits, in Moscow: plain words are about it.
    world.emulator.control.userWrites({ fromUserId: 1, to: world.botId, text: 'ок' });
    await vi.waitFor(() => expect(lastFromBot(managerA)).toContain('утвердил ваш план'), {
      timeout: 30_000,
      interval: 50,
    });
    for (const id of [...A_MANAGERS, ...B_MANAGERS]) {
      expect(
        world.fromBot(id).filter((m) => m.text.includes('причину')).length,
      ).toBeLessThanOrEqual(1);
    }
  }, 180_000);
});
