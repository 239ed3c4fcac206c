import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppMode, type AppMode } from '../../../src/app/app-mode.js';
import { createPortalRegistry } from '../../../src/app/portal-registry.js';
import { createTokenCipher, TokenKeyError } from '../../../src/app/token-cipher.js';
import { toPhpQuery } from '../../../src/bitrix/php-query.js';
import { createImbotChat } from '../../../src/chat/imbot-chat.js';
import { batchedWrites } from '../../../src/chat/batched-writes.js';
import type { AppModeConfig } from '../../../src/config/env-schema.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import {
  startEmulator,
  type Emulator,
  type EmulatorPortal,
} from '../../../src/emulator/start-emulator.js';
import { createManualClock } from '../../../src/lib/clock.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { bitrixCrmReader } from '../../../src/report/crm-reader.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { createStandupStore } from '../../../src/standup/standup-store.js';
import { captureLogs } from '../../helpers/capture-logs.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';
import { testCertificate, trustingAxios } from '../../helpers/tls.js';

// Application mode (issue 18, part 2) against the emulator's install and uninstall flows:
// api-reference/common/events/on-app-install.md, on-app-uninstall.md,
// api-reference/events/safe-event-handlers.md (application_token), settings/oauth/auto-renewal.md
// (refresh at the authorization server), settings/app-installation/local-apps/installation-callback.md.
const at = new Date('2026-11-24T08:45:00+03:00');
const generated = generateDepartment({ seed: 5, managers: 6, today: '2026-11-24' });
let emulator: Emulator;
let alpha: EmulatorPortal;
let beta: EmulatorPortal;
let redis: Redis;
let prefix: string;
let mode: AppMode;
let app: AppModeConfig;
const logs = captureLogs();
const secrets = createSecrets();
const log = createLogger({ level: 'debug', format: 'json', secrets, destination: logs.stream });

beforeAll(async () => {
  const certificate = await testCertificate();
  emulator = await startEmulator({
    tls: certificate,
    oauth: { clientId: 'local.app', clientSecret: 'app-secret-123', accessTtlMs: 600_000 },
    rateLimit: false,
  });
  alpha = emulator.addPortal('alpha', { populate: generated.populate, now: at, rateLimit: false });
  beta = emulator.addPortal('beta', { now: at, rateLimit: { burst: 50, perSecond: 2 } });
  redis = connectTestRedis();
  prefix = `${uniquePrefix('app')}:`;
  app = {
    publicUrl: '',
    port: 0,
    host: '127.0.0.1',
    tokenKey: randomBytes(32),
    clientId: 'local.app',
    clientSecret: 'app-secret-123',
    oauthUrl: emulator.oauth.tokenUrl,
  };
  mode = createAppMode({
    app,
    env: {
      BITRIX_RATE_BURST: 50,
      BITRIX_RATE_PER_SECOND: 50,
      BITRIX_TIMEOUT_MS: 10_000,
      BOT_CODE: 'standup_bot',
    },
    redis,
    keyPrefix: prefix,
    clock: createManualClock(at),
    log,
    secrets,
    http: trustingAxios(certificate),
  });
  const port = await mode.listen(0, '127.0.0.1');
  app.publicUrl = `http://127.0.0.1:${port}`;
}, 30_000);

afterAll(async () => {
  await mode.close();
  await emulator.close();
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

/** Every key under the test's prefix with its whole value: what Redis holds, to compare. */
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      out[key] =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'string'
            ? await redis.get(key)
            : type === 'zset'
              ? await redis.zrange(key, 0, -1, 'WITHSCORES')
              : type;
    }
  } while (cursor !== '0');
  return out;
}

async function post(path: string, body: Record<string, unknown>) {
  const response = await fetch(`${app.publicUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: toPhpQuery(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('application mode', () => {
  let alphaToken = '';

  it('installs through the install flow, with tokens and application_token sealed in Redis', async () => {
    const outcome = await alpha.install({ handlerUrl: `${app.publicUrl}/install` });
    expect(outcome.status).toBe(200);
    alphaToken = outcome.applicationToken;
    const [portal] = await mode.registry.list();
    expect(portal).toMatchObject({
      memberId: alpha.memberId,
      domain: alpha.domain,
      clientEndpoint: `${alpha.url}/rest/`,
      departments: [],
    });
    // The handler bound ONAPPUNINSTALL to its event URL and registered the bot.
    expect(alpha.control.state.eventBindings.get('ONAPPUNINSTALL')).toEqual([
      `${app.publicUrl}/events`,
    ]);
    expect(alpha.control.state.bots.size).toBe(1);

    const tokenKey = mode.registry.tokenKey(alpha.memberId);
    const raw = await redis.hgetall(tokenKey);
    expect(Object.keys(raw)).toEqual(['sealed']);
    const cipher = createTokenCipher(app.tokenKey);
    const pair = JSON.parse(cipher.open(raw.sealed ?? '', `${tokenKey}#sealed`)) as {
      accessToken: string;
      refreshToken: string;
    };
    const everything = JSON.stringify(await snapshot());
    expect(pair.accessToken.length).toBeGreaterThan(20);
    expect(everything).not.toContain(pair.accessToken);
    expect(everything).not.toContain(pair.refreshToken);
    expect(everything).not.toContain(alphaToken);
    expect(await mode.registry.applicationToken(alpha.memberId)).toBe(alphaToken);
    // The decrypted token is the portal's: it works there.
    const client = mode.clientFor(portal!);
    expect((await client.call('server.time')).result).toEqual(expect.any(String));
    // Another key never opens them into garbage: it says which variable is wrong.
    const wrong = createPortalRegistry({
      redis,
      keyPrefix: prefix,
      cipher: createTokenCipher(randomBytes(32)),
    });
    const refused = await wrong.applicationToken(alpha.memberId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TokenKeyError);
    expect(String(refused)).toMatch(/APP_TOKEN_KEY/);
    // No token reached the log.
    expect(logs.text()).not.toContain(pair.accessToken);
    expect(logs.text()).not.toContain(alphaToken);
  });

  it('runs a standup on the installed portal with its department file', async () => {
    await mode.registry.addDepartment(
      alpha.memberId,
      generated.department.id,
      stringify(generated.file),
    );
    const [tenant] = await mode.listTenants();
    expect(tenant?.key).toBe(alpha.memberId);
    expect(tenant?.departments.map((d) => d.id)).toEqual([generated.department.id]);
    const store = createStandupStore(redis, tenant!.keyPrefix);
    const bot = await store.bot();
    expect(bot).toBeDefined();
    const dept = tenant!.departments[0]!;
    const outcome = await runStandup(
      {
        dept,
        calendar: createCalendar(dept),
        store,
        reader: bitrixCrmReader(tenant!.bitrix),
        chat: createImbotChat(batchedWrites(tenant!.bitrix), bot!),
        scheduleTimer: async () => {},
        now: () => at,
        settleMs: 2_000,
        log,
      },
      standupSlot(dept, '2026-11-24', parseLocalTime('08:45')),
    );
    expect(outcome).toBeDefined();
    const toHead = alpha.control
      .transcript()
      .filter(
        (m) =>
          m.authorId === bot!.id && m.conversation.split(':').includes(String(dept.head.userId)),
      );
    expect(toHead.length).toBeGreaterThan(0);
    // Its state lives under the portal's prefix, not the deployment's.
    const keys = Object.keys(await snapshot());
    expect(keys.some((k) => k.startsWith(`${tenant!.keyPrefix}`) && k.includes('standup'))).toBe(
      true,
    );
  }, 60_000);

  it('refreshes once per portal however many calls wait, in one process and across two', async () => {
    const portal = await mode.registry.get(alpha.memberId);
    const before = alpha.control.oauthRefreshes;
    alpha.control.expireTokens();
    const one = mode.clientFor(portal!);
    const other = mode.clientFor(portal!); // a second process: its own client, the same Redis
    const answers = await Promise.all([
      ...Array.from({ length: 15 }, () => one.call('server.time')),
      ...Array.from({ length: 15 }, () => other.call('server.time')),
    ]);
    expect(answers).toHaveLength(30);
    expect(alpha.control.oauthRefreshes - before).toBe(1);
  });

  it('refuses a forged install and a forged uninstall, and changes nothing', async () => {
    const before = await snapshot();
    const forgedInstall = await post('/install', {
      event: 'ONAPPINSTALL',
      data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'ru' },
      auth: {
        access_token: 'f'.repeat(32),
        refresh_token: 'e'.repeat(32),
        domain: 'evil.example',
        member_id: alpha.memberId,
        application_token: 'd'.repeat(32),
        client_endpoint: 'https://evil.example/rest/',
      },
    });
    expect(forgedInstall.status).toBe(401);
    for (const token of ['0'.repeat(32), alphaToken.slice(0, -1), `${alphaToken}0`, '']) {
      const forged = await post('/events', {
        event: 'ONAPPUNINSTALL',
        data: { LANGUAGE_ID: 'ru', CLEAN: 1 },
        auth: { member_id: alpha.memberId, domain: alpha.domain, application_token: token },
      });
      expect(forged.status).toBe(403);
    }
    // The portal itself sends one signed with another token: refused the same way.
    const played = await alpha.uninstall({ forgeApplicationToken: '1'.repeat(32) });
    expect(played.handlers).toEqual([{ url: `${app.publicUrl}/events`, status: 403 }]);
    expect(await snapshot()).toEqual(before);
    expect(logs.text()).not.toContain(alphaToken);
  });

  it('keeps two portals apart, and uninstalling one removes every key of it', async () => {
    expect((await beta.install({ handlerUrl: `${app.publicUrl}/install` })).status).toBe(200);
    await mode.registry.addDepartment(
      beta.memberId,
      generated.department.id,
      stringify(generated.file),
    );
    const tenants = await mode.listTenants();
    expect(tenants.map((t) => t.key).sort()).toEqual([alpha.memberId, beta.memberId].sort());
    const [a, b] = [alpha, beta].map((p) => tenants.find((t) => t.key === p.memberId)!);
    expect(a!.keyPrefix).not.toBe(b!.keyPrefix);
    // Beta's limit is its own: its calls never count against alpha's.
    alpha.control.resetStats();
    await b!.bitrix.call('server.time');
    expect(alpha.control.stats().requests).toBe(0);
    expect(beta.control.stats().requests).toBeGreaterThan(0);

    const gone = await alpha.uninstall();
    expect(gone.handlers).toEqual([{ url: `${app.publicUrl}/events`, status: 200 }]);
    const keys = Object.keys(await snapshot());
    expect(keys.filter((k) => k.includes(alpha.memberId))).toEqual([]);
    expect(await redis.hget(`${prefix}app:domains`, alpha.domain)).toBeNull();
    expect((await mode.registry.list()).map((p) => p.memberId)).toEqual([beta.memberId]);
    expect(keys.some((k) => k.includes(beta.memberId))).toBe(true);
  });
});
