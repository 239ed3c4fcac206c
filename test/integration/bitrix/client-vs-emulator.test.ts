import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitrixClient } from '../../../src/bitrix/client.js';
import { resolveBitrixAuth, type BitrixAuthConfig } from '../../../src/config/env-schema.js';
import { parseEnv } from '../../../src/config/load-config.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import type { PortalState } from '../../../src/emulator/portal-state.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';
import { testCertificate, trustingAxios, type TestCertificate } from '../../helpers/tls.js';

const redis = connectTestRedis();
const prefixes: string[] = [];
const T0 = Date.parse('2026-11-02T09:00:00+03:00');
const MANAGERS = 20;

function populate(state: PortalState) {
  state.users.set(1, {
    id: 1,
    name: 'Admin',
    lastName: '',
    email: '',
    active: true,
    departments: [1],
    timeZone: '',
    workPosition: '',
    isBot: false,
  });
  for (let i = 0; i < 10_000; i++) {
    state.crm.activities.add({
      OWNER_ID: i,
      OWNER_TYPE_ID: 2,
      TYPE_ID: (i % 4) + 1,
      PROVIDER_ID: 'CRM_TODO',
      CREATED: T0 + i * 120_000,
      START_TIME: T0 + i * 120_000,
      COMPLETED: i % 5 !== 0,
      RESPONSIBLE_ID: 100 + (i % MANAGERS),
      DIRECTION: 2,
    });
  }
}

let emulator: Emulator;
let certificate: TestCertificate;
beforeAll(async () => {
  // No limit here: these tests count requests; the limit has its own test below and the bench.
  // Over TLS, as a portal: the emulator answers OAuth only over HTTPS.
  certificate = await testCertificate();
  emulator = await startEmulator({
    populate,
    rateLimit: false,
    oauth: { clientId: 'app', clientSecret: 'sec', accessTtlMs: 3_600_000 },
    tls: certificate,
  });
});
afterAll(async () => {
  await emulator.close();
  for (const prefix of prefixes) {
    await deleteByPrefix(redis, prefix);
  }
  await redis.quit();
});

function clientFor(auth: BitrixAuthConfig, keyPrefix: string) {
  return createBitrixClient({
    auth,
    redis,
    keyPrefix,
    rateLimit: { burst: 50, perSecond: 50 },
    timeoutMs: 10_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
    http: trustingAxios(certificate),
  });
}

/** One prefix for the file: like production, every client of this portal shares one bucket. */
const PORTAL_PREFIX = `${uniquePrefix('cve')}:`;

function webhookClient(keyPrefix = PORTAL_PREFIX) {
  prefixes.push(keyPrefix);
  const auth = resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: emulator.webhookUrl }));
  if (auth === undefined) {
    throw new Error('no auth');
  }
  return clientFor(auth, keyPrefix);
}

describe('REST client against the emulator', () => {
  it('scans 10,000 activities with the fast technique in ceil(10,000 / 50) pages', async () => {
    emulator.control.resetStats();
    const client = webhookClient();
    let count = 0;
    let lastId = 0;
    for await (const row of client.scan('crm.activity.list', {
      select: ['ID', 'RESPONSIBLE_ID'],
    })) {
      expect(Number(row.ID)).toBeGreaterThan(lastId);
      lastId = Number(row.ID);
      count++;
    }
    expect(count).toBe(10_000);
    expect(client.stats().requests).toBe(200); // the first page shares a batch with the last id
    expect(emulator.control.stats().byStatus['503']).toBeUndefined();
  });

  it('answers 1,000 counts in 20 batch requests, each equal to a direct count', async () => {
    emulator.control.resetStats();
    const client = webhookClient();
    const queries = Array.from({ length: 1000 }, (_, i) => ({
      method: 'crm.activity.list',
      params: {
        filter: {
          RESPONSIBLE_ID: 100 + (i % MANAGERS),
          TYPE_ID: (i % 4) + 1,
          '>=START_TIME': new Date(T0 + (i % 50) * 3_600_000).toISOString(),
        },
      },
    }));
    const totals = await client.count(queries);
    expect(client.stats().requests).toBe(20);
    expect(emulator.control.stats().byStatus['503']).toBeUndefined();
    for (const index of [0, 7, 999]) {
      const direct = await client.call('crm.activity.list', {
        ...queries[index]?.params,
        select: ['ID'],
      });
      expect(totals[index]).toBe(direct.total);
    }
  });

  it('two clients sharing one limiter never get a 503', async () => {
    // A portal of its own at 10 requests a second, and clients that claim a fifth less of it:
    // a request that waits in a busy machine's queue reaches the portal late and bunched with
    // the next one, and the 10 spare slots absorb a second of such delay. Without the shared
    // bucket, the two clients' 40 + 40 would still overflow the portal's 50 at once.
    const limited = await startEmulator({ populate, rateLimit: { burst: 50, perSecond: 10 } });
    const auth = resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: limited.webhookUrl }));
    const shared = `${uniquePrefix('shared')}:`;
    prefixes.push(shared);
    const make = () =>
      createBitrixClient({
        auth: auth!,
        redis,
        keyPrefix: shared,
        rateLimit: { burst: 40, perSecond: 8 },
        timeoutMs: 10_000,
        log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
        secrets: createSecrets(),
      });
    const a = make();
    const b = make();
    await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? a : b).call('user.current')),
    );
    expect(limited.control.stats()).toMatchObject({ requests: 80, byStatus: { 200: 80 } });
    await limited.close();
  });

  it('refreshes an expired OAuth token exactly once for ten calls in flight', async () => {
    const keyPrefix = PORTAL_PREFIX;
    const client = clientFor(
      {
        kind: 'oauth',
        portalUrl: emulator.oauth.portalUrl,
        clientId: 'app',
        clientSecret: 'sec',
        oauthUrl: emulator.oauth.tokenUrl,
        initialRefreshToken: emulator.control.issueRefreshToken(1),
      },
      keyPrefix,
    );
    await client.call('user.current');
    const before = emulator.control.oauthRefreshes;
    emulator.control.expireTokens();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.call('user.current')),
    );
    expect(answers).toHaveLength(10);
    expect(emulator.control.oauthRefreshes - before).toBe(1);
    expect(client.stats().refreshes).toBeGreaterThanOrEqual(1);
  });
});
