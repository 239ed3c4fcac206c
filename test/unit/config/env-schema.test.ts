import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from '../../../src/config/load-config.js';
import { envSchema, resolveAppMode, resolveBitrixAuth } from '../../../src/config/env-schema.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('environment', () => {
  it('has defaults for everything but the portal', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      BITRIX_RATE_BURST: 50,
      BITRIX_RATE_PER_SECOND: 2,
      DEPARTMENT_FILE: 'config/department.yaml',
      LOG_LEVEL: 'info',
    });
    expect(resolveBitrixAuth(env)).toBeUndefined();
  });

  it('takes the example file as it is copied: empty values are defaults', () => {
    const example = Object.fromEntries(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(problems(example)).toEqual([]);
    expect(parseEnv(example).BOT_LANGUAGE).toBeUndefined();
  });

  it('keeps values within sane bounds, naming each', () => {
    expect(
      problems({
        POLL_INTERVAL_MS: '1',
        HEALTH_PORT: '70000',
        REDIS_URL: 'localhost:6379',
        BITRIX_SEND_SETTLE_MS: '-5',
      }),
    ).toEqual([
      'BITRIX_SEND_SETTLE_MS: expected a number from 0 to 600000, got "-5"',
      'REDIS_URL: expected redis://[user:password@]host:port[/db] (or rediss:// for TLS)',
      'HEALTH_PORT: expected a number from 0 to 65535, got "70000"',
      'POLL_INTERVAL_MS: expected a number from 1000 to 300000, got "1"',
    ]);
  });

  it("shows the environment's and the department file's problems together", () => {
    let error: unknown;
    try {
      loadConfig({
        env: { POLL_INTERVAL_MS: '1' },
        departmentFile: 'test/fixtures/config/broken.yaml',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.path);
    expect(problems[0]).toBe('POLL_INTERVAL_MS');
    expect(problems.length).toBeGreaterThan(1);
    expect((error as ConfigError).source).toBe(
      'the environment and test/fixtures/config/broken.yaml',
    );
  });

  it('splits a webhook URL into its public base and its secret code', () => {
    const env = parseEnv({ BITRIX_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/7/s3cr3tc0de/' });
    expect(resolveBitrixAuth(env)).toEqual({
      kind: 'webhook',
      baseUrl: 'https://acme.bitrix24.ru/rest/',
      userId: 7,
      secret: 's3cr3tc0de',
    });
  });

  it('refuses a malformed webhook URL without echoing it', () => {
    const found = problems({ BITRIX_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/s3cr3tc0de' });
    expect(found).toEqual([
      'BITRIX_WEBHOOK_URL: expected https://{portal}/rest/{user_id}/{code}/ (value not shown: it holds a secret)',
    ]);
    expect(found.join()).not.toContain('s3cr3tc0de');
  });

  it('needs the whole OAuth triple once one part is set', () => {
    expect(problems({ BITRIX_CLIENT_ID: 'local.abc' })).toEqual([
      'BITRIX_PORTAL_URL: required in OAuth mode',
      'BITRIX_CLIENT_SECRET: required in OAuth mode',
    ]);
  });

  it('refuses numbers that are not numbers and bot tokens Bitrix24 would reject', () => {
    expect(
      problems({ BITRIX_RATE_BURST: 'many', BOT_TOKEN: 'x'.repeat(41), LOG_LEVEL: 'loud' }),
    ).toEqual([
      'BITRIX_RATE_BURST: expected a number from 1 to 10000, got "many"',
      'BOT_TOKEN: expected at most 40 characters (Bitrix24 rejects longer bot tokens)',
      expect.stringMatching(/^LOG_LEVEL: /),
    ]);
  });

  it('documents every variable in .env.example, and nothing else', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});

describe('application mode in the environment', () => {
  const key = '0123456789abcdef'.repeat(4);
  it('needs the client id, secret and APP_TOKEN_KEY, each named', () => {
    expect(problems({ APP_PUBLIC_URL: 'https://bot.example.com' })).toEqual([
      'BITRIX_CLIENT_ID: required in application mode (APP_PUBLIC_URL is set)',
      'BITRIX_CLIENT_SECRET: required in application mode (APP_PUBLIC_URL is set)',
      'APP_TOKEN_KEY: required in application mode (APP_PUBLIC_URL is set)',
    ]);
  });

  it('refuses a key that is not 32 bytes, naming the variable and never showing it', () => {
    const found = problems({
      APP_PUBLIC_URL: 'https://bot.example.com',
      BITRIX_CLIENT_ID: 'local.1',
      BITRIX_CLIENT_SECRET: 'sec',
      APP_TOKEN_KEY: 'not-a-key-at-all',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^APP_TOKEN_KEY: expected 32 random bytes/);
    expect(found[0]).not.toContain('not-a-key-at-all');
  });

  it('resolves its settings; no BITRIX_PORTAL_URL is needed', () => {
    const env = parseEnv({
      APP_PUBLIC_URL: 'https://bot.example.com/',
      BITRIX_CLIENT_ID: 'local.1',
      BITRIX_CLIENT_SECRET: 'sec',
      APP_TOKEN_KEY: key,
    });
    expect(resolveAppMode(env)).toMatchObject({
      publicUrl: 'https://bot.example.com',
      port: 8090,
      host: '127.0.0.1',
      oauthUrl: 'https://oauth.bitrix.info/oauth/token/',
    });
    expect(resolveAppMode(env)?.tokenKey.toString('hex')).toBe(key);
    expect(resolveBitrixAuth(env)).toBeUndefined();
  });
});
