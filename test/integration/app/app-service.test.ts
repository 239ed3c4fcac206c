import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppMode } from '../../../src/app/app-mode.js';
import { startAppService, type AppService } from '../../../src/app/app-service.js';
import { resolveAppMode } from '../../../src/config/env-schema.js';
import { parseEnv } from '../../../src/config/load-config.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { createManualClock } from '../../../src/lib/clock.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { captureLogs } from '../../helpers/capture-logs.js';
import {
  connectTestRedis,
  deleteByPrefix,
  testRedisUrl,
  uniquePrefix,
} from '../../helpers/redis.js';
import { testCertificate, trustingAxios } from '../../helpers/tls.js';

// `run` in application mode: the installed portals with a department file become the
// runtime's tenants; an install, a `portal add` and an uninstall change what it serves.
const at = new Date('2026-11-24T08:45:00+03:00');
const generated = generateDepartment({ seed: 11, managers: 5, today: '2026-11-24' });
const redis = connectTestRedis();
const prefix = uniquePrefix('appsvc');
let emulator: Emulator | undefined;
let service: AppService | undefined;

afterAll(async () => {
  await service?.stop();
  await emulator?.close();
  await deleteByPrefix(redis, `${prefix}:`);
  await redis.quit();
});

describe('the service in application mode', () => {
  it('serves an installed portal once it has a department, and stops serving it when uninstalled', async () => {
    const certificate = await testCertificate();
    emulator = await startEmulator({
      tls: certificate,
      oauth: { clientId: 'local.svc', clientSecret: 'svc-secret-123', accessTtlMs: 600_000 },
      rateLimit: false,
    });
    const alpha = emulator.addPortal('alpha', { populate: generated.populate, now: at });
    const env = parseEnv({
      APP_PUBLIC_URL: 'http://127.0.0.1:1',
      APP_TOKEN_KEY: randomBytes(32).toString('hex'),
      APP_PORT: '0',
      BITRIX_CLIENT_ID: 'local.svc',
      BITRIX_CLIENT_SECRET: 'svc-secret-123',
      BITRIX_OAUTH_URL: emulator.oauth.tokenUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      BITRIX_RATE_PER_SECOND: '50',
    });
    const app = resolveAppMode(env)!;
    const secrets = createSecrets();
    const logs = captureLogs();
    const log = createLogger({ level: 'debug', format: 'json', secrets, destination: logs.stream });
    const clock = createManualClock(at);
    service = await startAppService({
      env,
      app,
      redis,
      log,
      secrets,
      clock,
      roles: ['worker'],
      concurrency: 1,
      reloadMs: 3_600_000,
      mode: (afterUninstall) =>
        createAppMode({
          app,
          env,
          redis,
          keyPrefix: `${prefix}:`,
          clock,
          log,
          secrets,
          http: trustingAxios(certificate),
          afterUninstall,
        }),
    });
    app.publicUrl = `http://127.0.0.1:${service.port}`;
    expect(service.runtime()).toBeUndefined();

    expect((await alpha.install({ handlerUrl: `${app.publicUrl}/install` })).status).toBe(200);
    await service.sync();
    expect(service.runtime()).toBeUndefined(); // installed, but no department file yet

    await service.mode.registry.addDepartment(
      alpha.memberId,
      generated.department.id,
      stringify(generated.file),
    );
    await service.sync();
    const runtime = service.runtime();
    expect(runtime?.portals.map((p) => p.key)).toEqual([alpha.memberId]);
    expect(runtime?.portals[0]?.departments.map((d) => d.dept.id)).toEqual([
      generated.department.id,
    ]);

    expect((await alpha.uninstall()).handlers[0]?.status).toBe(200);
    await service.sync();
    expect(service.runtime()).toBeUndefined();
    expect(await redis.keys(`${prefix}:portal:${alpha.memberId}:*`)).toEqual([]);
  }, 60_000);
});
