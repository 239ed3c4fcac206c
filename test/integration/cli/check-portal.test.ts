import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../../src/cli.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import {
  connectTestRedis,
  deleteByPrefix,
  testRedisUrl,
  uniquePrefix,
} from '../../helpers/redis.js';

const RUN_AT = new Date('2026-11-24T08:45:00+03:00');
/** Planted: a vacationer (fine to list) and a dismissed manager the file still lists. */
const generated = generateDepartment({
  seed: 7,
  managers: 6,
  today: '2026-11-24',
  portalPeople: true,
});
const prefix = uniquePrefix('check-portal');
const redis = connectTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'standup-check-'));
const NO_TELEPHONY = ['crm', 'user', 'department', 'im', 'imbot', 'calendar'];
let emulator: Emulator;

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    env: {
      BITRIX_WEBHOOK_URL: emulator.webhookUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    },
    now: () => RUN_AT,
  };
  return { run: (args: string[]) => runCli(args, io), out, err };
}

function fileWith(name: string, changes: (file: typeof generated.file) => object): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(changes(structuredClone(generated.file))));
  return path;
}

beforeAll(async () => {
  emulator = await startEmulator({
    populate: (state) => {
      generated.populate(state);
      // User 12 works in the warehouse, not in sales.
      state.departments.set(3, { id: 3, name: 'Склад', parent: 1, head: undefined });
      state.users.get(12)!.departments = [3];
    },
    rateLimit: false,
    now: RUN_AT,
    scopes: NO_TELEPHONY,
  });
});
afterAll(async () => {
  await emulator.close();
  await deleteByPrefix(redis, `${prefix}:`);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

describe('check-config --portal', () => {
  const dismissed = generated.truth.dismissedManager ?? 0;
  const dismissedIndex = generated.file.managers.findIndex((m) => m.user_id === dismissed);

  it('names every problem at once with its path, and exits 2', async () => {
    const file = fileWith('wrong.yaml', (f) => ({
      ...f,
      department: { ...f.department, portal_id: 2 },
      head: { ...f.head, user_id: 99, deputies: [12] },
    }));
    const { run, err, out } = cli();
    expect(await run(['check-config', '--portal', '--config', file])).toBe(2);
    const text = err.join('\n');
    expect(text).toContain('5 problem(s)');
    expect(text).toContain(
      `managers[1].user_id: user 12 (${generated.department.managers[1]?.name}) is not in department 2 "Отдел продаж"`,
    );
    expect(text).toContain(
      `managers[${dismissedIndex}].user_id: user ${dismissed} (${generated.department.managers[dismissedIndex]?.name}) was dismissed`,
    );
    expect(text).toContain('head.user_id: user 99 is not on the portal');
    expect(text).toContain('BITRIX_WEBHOOK_URL: the webhook lacks the scope "telephony"');
    expect(text).toContain('calls_connected');
    expect(text).toContain('bot: not registered: run "standup-bot register-bot"');
    // A deputy who is an active employee is fine; the portal's own head is worth a note.
    expect(text).not.toContain('head.deputies');
    expect(out.join('\n')).toContain('Note: the portal\'s head of "Отдел продаж" is user 1');
  });

  it('stays offline without --portal', async () => {
    const file = fileWith('offline.yaml', (f) => ({ ...f, head: { ...f.head, user_id: 99 } }));
    const { run, out } = cli();
    expect(await run(['check-config', '--config', file])).toBe(0);
    expect(out.join('\n')).toContain('Configuration is valid.');
  });

  it('passes once the file and the portal agree and the bot is registered', async () => {
    const file = fileWith('right.yaml', (f) => ({
      ...f,
      department: { ...f.department, portal_id: 2 },
      managers: f.managers.filter((m) => m.user_id !== dismissed && m.user_id !== 12),
      norms: { ...f.norms, active: { calls_outgoing: { day: 40 } }, passive: {} },
    }));
    expect(await cli().run(['register-bot', '--config', file])).toBe(0);
    const { run, out, err } = cli();
    expect(await run(['check-config', '--portal', '--config', file])).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toContain('The portal agrees');
  });
});
