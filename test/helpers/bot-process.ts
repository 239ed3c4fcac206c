import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { standupSlot } from '../../src/domain/standup-slot.js';
import {
  generateDepartment,
  type GeneratedDepartment,
} from '../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../src/emulator/start-emulator.js';
import { createStandupStore } from '../../src/standup/standup-store.js';
import type { StandupWorld } from './invariants.js';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from './redis.js';

export interface BotProcess {
  child: ChildProcess;
  /** Standard output and error, interleaved as they came. */
  output: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/**
 * A portal (the emulator, in this process, over HTTP) and the real `standup-bot` binary in
 * child processes, sharing one Redis: what an administrator runs, killed and restarted at will.
 */
export interface ProcessWorld extends StandupWorld {
  emulator: Emulator;
  generated: GeneratedDepartment;
  standupId: string;
  redis: Redis;
  /** The key prefix of the processes' state, with its colon. */
  keyPrefix: string;
  /** Runs one command to its end; resolves with its exit code and output. */
  cli(
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ code: number | null; output: string; stdout: string }>;
  /** Starts `standup-bot run` (all roles unless given), with extra environment if given. */
  run(roles?: string, env?: Record<string, string>): BotProcess;
  /** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
  until(what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startProcessWorld(
  options: {
    managers?: number;
    seed?: number;
    redisUrl?: string;
    leaseMs?: number;
    /** The scopes the webhook has (all by default). */
    scopes?: readonly string[];
  } = {},
): Promise<ProcessWorld> {
  const zone = 'Europe/Moscow';
  // The binary measures against the real clock, so the department is generated for today.
  const today = DateTime.now().setZone(zone).toISODate() ?? '';
  const generated = generateDepartment({
    seed: options.seed ?? 9,
    managers: options.managers ?? 8,
    today,
  });
  const emulator = await startEmulator({
    populate: generated.populate,
    ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'standup-proc-'));
  const departmentFile = join(dir, 'department.yaml');
  writeFileSync(departmentFile, stringify(generated.file));
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const prefix = uniquePrefix('proc');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const store = createStandupStore(redis, `${prefix}:`);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BITRIX_WEBHOOK_URL: emulator.webhookUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    DEPARTMENT_FILE: departmentFile,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    HEALTH_PORT: '0',
    POLL_INTERVAL_MS: '1000',
    // Whatever the hour the suite runs at: the slowest pace is the usual one.
    POLL_SLOWEST_MS: '1000',
    LEASE_MS: String(options.leaseMs ?? 2_000),
    BITRIX_TIMEOUT_MS: '5000',
    // Well beyond any answer the tests hold back (1.5 s): a send killed on the wire has
    // landed by the time the restarted process reads the dialog back.
    BITRIX_SEND_SETTLE_MS: '4000',
  };
  const children = new Set<ChildProcess>();
  const start = (args: string[], extra: Record<string, string> = {}): BotProcess => {
    const child = spawn('node', ['bin/standup-bot.js', ...args], {
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        children.delete(child);
        resolve(code);
      }),
    );
    return { child, output: () => output, stdout: () => stdout, exited };
  };
  const slot = standupSlot(generated.department, today, generated.department.standup.times[0]!);
  const world: ProcessWorld = {
    emulator,
    generated,
    standupId: slot.standupId,
    redis,
    keyPrefix: `${prefix}:`,
    store,
    transcript: () => emulator.control.transcript(),
    botId: 0,
    headId: generated.head.id,
    managerIds: generated.department.managers.map((m) => m.userId),
    async cli(args, extra) {
      const p = start(args, extra);
      return { code: await p.exited, output: p.output(), stdout: p.stdout() };
    },
    run: (roles, extra) =>
      start(['run', ...(roles === undefined ? [] : ['--roles', roles])], extra),
    async until(what, check, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting until ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      for (const child of children) {
        child.kill('SIGKILL');
      }
      await emulator.close();
      await deleteByPrefix(redis, `${prefix}:`).catch(() => undefined);
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const registered = await world.cli(['register-bot']);
  if (registered.code !== 0) {
    throw new Error(`register-bot failed: ${registered.output}`);
  }
  world.botId = (await store.bot())?.id ?? 0;
  return world;
}
