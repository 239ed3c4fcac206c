import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPortalRegistry } from '../../../src/app/portal-registry.js';
import { createTokenCipher } from '../../../src/app/token-cipher.js';
import { runCli } from '../../../src/cli.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import {
  connectTestRedis,
  deleteByPrefix,
  testRedisUrl,
  uniquePrefix,
} from '../../helpers/redis.js';

const prefix = uniquePrefix('portal-cli');
const redis = connectTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'standup-portal-'));
const key = randomBytes(32);
const generated = generateDepartment({ seed: 3, managers: 5, today: '2026-11-24' });
const registry = createPortalRegistry({
  redis,
  keyPrefix: `${prefix}:`,
  cipher: createTokenCipher(key),
});
const SECRET_ACCESS = `access-${randomBytes(12).toString('hex')}`;
const SECRET_APP = `apptoken-${randomBytes(12).toString('hex')}`;

afterAll(async () => {
  await deleteByPrefix(redis, `${prefix}:`);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {
      APP_PUBLIC_URL: 'https://bot.example.com',
      APP_TOKEN_KEY: key.toString('hex'),
      BITRIX_CLIENT_ID: 'local.1',
      BITRIX_CLIENT_SECRET: 'client-secret-1',
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('standup-bot portal', () => {
  const file = join(dir, 'sales.yaml');
  writeFileSync(file, stringify(generated.file));

  it('adds a department file to an installed portal, lists it without secrets, removes it', async () => {
    await registry.install({
      memberId: 'a223c6b3710f85df22e9377d6c4f7553',
      domain: 'acme.bitrix24.ru',
      clientEndpoint: 'https://acme.bitrix24.ru/rest/',
      installedAt: '2026-11-20T10:00:00.000Z',
      tokens: {
        accessToken: SECRET_ACCESS,
        refreshToken: `r-${SECRET_ACCESS}`,
        clientEndpoint: undefined,
      },
      applicationToken: SECRET_APP,
    });
    expect((await cli('portal', 'list')).out).toBe(
      'acme.bitrix24.ru\tinstalled 2026-11-20T10:00:00.000Z\tdepartments: (none: portal add <domain> --config <file>)',
    );
    const added = await cli('portal', 'add', 'https://ACME.bitrix24.ru/', '--config', file);
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toMatch(/^acme\.bitrix24\.ru: department "[a-z0-9_-]+" .* added\.$/);
    const listed = await cli('portal', 'list');
    expect(listed.out).toBe(
      `acme.bitrix24.ru\tinstalled 2026-11-20T10:00:00.000Z\tdepartments: ${generated.department.id}`,
    );
    expect(listed.out + listed.err).not.toContain(SECRET_ACCESS);
    expect(listed.out + listed.err).not.toContain(SECRET_APP);
    expect((await cli('portal', 'add', 'acme.bitrix24.ru', '--config', file)).out).toMatch(
      /replaced\.$/,
    );

    expect((await cli('portal', 'remove', 'acme.bitrix24.ru', '--department', 'nope')).code).toBe(
      2,
    );
    expect(
      (await cli('portal', 'remove', 'acme.bitrix24.ru', '--department', generated.department.id))
        .code,
    ).toBe(0);
    expect((await registry.departmentFiles('a223c6b3710f85df22e9377d6c4f7553')).length).toBe(0);
    expect((await cli('portal', 'remove', 'acme.bitrix24.ru')).code).toBe(0);
    expect(await redis.keys(`${prefix}:*a223c6b3710f85df22e9377d6c4f7553*`)).toEqual([]);
    expect((await cli('portal', 'list')).out).toBe('');
  });

  it('explains a bad file with its path, an unknown portal, and a wrong usage', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify({ ...generated.file, standup: { time: '25:00' } }));
    const refused = await cli('portal', 'add', 'acme.bitrix24.ru', '--config', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/Configuration error in .*bad\.yaml/);
    expect(refused.err).toMatch(/standup\.time/);
    const unknown = await cli('portal', 'add', 'nobody.bitrix24.ru', '--config', file);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/not installed on nobody\.bitrix24\.ru/);
    expect((await cli('portal', 'add', 'acme.bitrix24.ru')).code).toBe(2);
    expect((await cli('portal', 'frobnicate')).code).toBe(2);
    expect((await cli('portal')).code).toBe(2);
  });

  it('says it is for application mode when the environment is not', async () => {
    const code = await runCli(['portal', 'list'], {
      out: () => {},
      err: (t) => expect(t).toMatch(/APP_PUBLIC_URL: portal commands are for application mode/),
      env: { REDIS_URL: testRedisUrl(), LOG_LEVEL: 'silent' },
    });
    expect(code).toBe(2);
  });
});
