import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createBitrixClient } from '../../../src/bitrix/client.js';
import { runCli } from '../../../src/cli.js';
import type { CliInput } from '../../../src/cli/command.js';
import { resolveBitrixAuth } from '../../../src/config/env-schema.js';
import { loadDepartment, parseEnv } from '../../../src/config/load-config.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import type { Department } from '../../../src/domain/department/department.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { bitrixCrmReader } from '../../../src/report/crm-reader.js';
import { measureStandup } from '../../../src/report/measure-standup.js';
import {
  connectTestRedis,
  deleteByPrefix,
  testRedisUrl,
  uniquePrefix,
} from '../../helpers/redis.js';

const RUN_AT = new Date('2026-11-24T08:45:00+03:00');
const generated = generateDepartment({ seed: 7, managers: 8, today: '2026-11-24' });
const prefix = uniquePrefix('init');
const redis = connectTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'standup-init-'));
let emulator: Emulator;

function cli(input?: CliInput) {
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    BITRIX_WEBHOOK_URL: emulator.webhookUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  };
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    env,
    now: () => RUN_AT,
    ...(input === undefined ? {} : { input }),
  };
  return { run: (args: string[]) => runCli(args, io), out, err };
}

beforeAll(async () => {
  emulator = await startEmulator({ populate: generated.populate, rateLimit: false, now: RUN_AT });
});
afterAll(async () => {
  await emulator.close();
  await deleteByPrefix(redis, `${prefix}:`);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

async function reportOf(dept: Department) {
  const auth = resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: emulator.webhookUrl }));
  const client = createBitrixClient({
    auth: auth!,
    redis,
    keyPrefix: `${prefix}:report:`,
    rateLimit: { burst: 50, perSecond: 50 },
    timeoutMs: 10_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
  });
  return measureStandup({
    dept,
    calendar: createCalendar(dept),
    reader: bitrixCrmReader(client),
    at: RUN_AT,
  });
}

describe('standup-bot init against the emulator', () => {
  const file = join(dir, 'department.yaml');

  it('writes a file check-config accepts: the head from UF_HEAD, every active employee', async () => {
    const { run, out, err } = cli();
    expect(await run(['init', '--department', 'отдел продаж', '--config', file])).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toContain(
      '"Отдел продаж" (portal department 2), head Анна Соколова, 8 managers',
    );
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("user_id: 1 # the department's head on the portal (UF_HEAD)");
    for (const profile of generated.profiles) {
      expect(text).toContain(
        `  - user_id: ${profile.id}\n    name: ${profile.first} ${profile.last}\n`,
      );
    }
    const check = cli();
    expect(await check.run(['check-config', '--config', file])).toBe(0);
    expect(check.out.join('\n')).toContain('Configuration is valid.');
    // And the portal agrees with it, once the bot is registered.
    expect(await cli().run(['register-bot', '--config', file])).toBe(0);
    const portal = cli();
    expect(await portal.run(['check-config', '--portal', '--config', file])).toBe(0);
    expect(portal.out.join('\n')).toContain('The portal agrees');
  });

  it('gives the same report as a hand-written file with the same people, norms and plan', async () => {
    const example = parse(readFileSync('config/department.example.yaml', 'utf8')) as Record<
      string,
      unknown
    >;
    const handWritten = join(dir, 'hand-written.yaml');
    writeFileSync(
      handWritten,
      stringify({
        ...example,
        department: {
          id: 'dept-2',
          name: 'Отдел продаж',
          portal_id: 2,
          timezone: 'Europe/Moscow',
          language: 'ru',
        },
        calendar: { holidays_country: 'RU' },
        head: { user_id: 1, name: 'Анна Соколова' },
        managers: generated.profiles.map((p) => ({
          user_id: p.id,
          name: `${p.first} ${p.last}`,
          mode: 'active',
        })),
      }),
    );
    const [fromInit, fromHand] = [loadDepartment(file), loadDepartment(handWritten)];
    expect(fromInit).toEqual(fromHand);
    expect(await reportOf(fromInit)).toEqual(await reportOf(fromHand));
  });

  it('refuses to overwrite the file without --force', async () => {
    const before = readFileSync(file, 'utf8');
    const { run, err } = cli();
    expect(await run(['init', '--department', '2', '--config', file])).toBe(2);
    expect(err.join('\n')).toContain('exists: pass --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await cli().run(['init', '--department', '2', '--config', file, '--force'])).toBe(0);
  });

  it('asks for the department on a terminal, and lists them when it cannot ask', async () => {
    const asked: string[] = [];
    const terminal = cli({
      isTTY: true,
      question: async (prompt) => {
        asked.push(prompt);
        return asked.length === 1 ? 'Нет такого' : '2';
      },
    });
    const interactive = join(dir, 'interactive.yaml');
    expect(await terminal.run(['init', '--config', interactive])).toBe(0);
    expect(asked).toHaveLength(2);
    expect(terminal.err.join('\n')).toContain('    2    Отдел продаж');
    expect(terminal.err.join('\n')).toContain('no department named "Нет такого"');
    expect(readFileSync(interactive, 'utf8')).toBe(readFileSync(file, 'utf8'));

    const script = cli({ isTTY: false, question: () => Promise.reject(new Error('not asked')) });
    expect(await script.run(['init', '--config', join(dir, 'script.yaml')])).toBe(2);
    expect(script.err.join('\n')).toContain('Choose the department with --department <name|id>');
  });

  it('refuses a department without active employees besides its head', async () => {
    const { run, err } = cli();
    expect(
      await run(['init', '--department', 'Компания', '--config', join(dir, 'company.yaml')]),
    ).toBe(2);
    expect(err.join('\n')).toContain('has no active employees besides its head');
  });
});
