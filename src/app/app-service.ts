import type { Redis } from 'ioredis';
import type { AppModeConfig, Env } from '../config/env-schema.js';
import type { AppContext } from '../context.js';
import { createCalendar } from '../domain/calendar.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Secrets } from '../lib/secrets.js';
import { startRuntime, type Role, type Runtime } from '../runtime/start-runtime.js';
import { createAppMode, type AppMode, type AppTenant } from './app-mode.js';

export interface AppServiceOptions {
  env: Env;
  app: AppModeConfig;
  redis: Redis;
  log: Logger;
  secrets: Secrets;
  clock: Clock;
  roles: readonly Role[];
  concurrency: number;
  /** How often the installed portals are read again (installs, `portal add`, uninstalls). */
  reloadMs?: number;
  /** Test seam: the HTTP client of the portals (a test trusts its emulator's certificate). */
  mode?: (afterUninstall: () => Promise<void>) => AppMode;
}

export interface AppService {
  mode: AppMode;
  port: number;
  /** The runtime serving the installed portals now; undefined while none has a department. */
  runtime(): Runtime | undefined;
  /** Reads the installed portals now and restarts the runtime if what it serves changed. */
  sync(): Promise<void>;
  stop(): Promise<boolean>;
}

/** What the runtime serves: each portal's key and its departments' ids. */
function signature(tenants: readonly AppTenant[]): string {
  return tenants
    .map((t) => `${t.key}:${t.departments.map((d) => d.id).join(',')}`)
    .sort()
    .join('|');
}

/**
 * `run` in application mode: the install and event handlers on APP_HOST:APP_PORT, and one
 * runtime serving every installed portal that has a department file, as the runtime's tenants.
 * The portals are read again every `reloadMs` (and at once after an uninstall); when what they
 * are changed, the runtime is stopped (its jobs finish or are taken over) and started anew.
 */
export async function startAppService(options: AppServiceOptions): Promise<AppService> {
  const { env, log } = options;
  const keyPrefix = `${env.REDIS_PREFIX}:`;
  let sync: () => Promise<void> = () => Promise.resolve();
  const mode =
    options.mode?.(() => sync()) ??
    createAppMode({
      app: options.app,
      env,
      redis: options.redis,
      keyPrefix,
      clock: options.clock,
      log,
      secrets: options.secrets,
      maxLimitWaitMs: env.BITRIX_LIMIT_WAIT_MS,
      afterUninstall: () => sync(),
    });
  const port = await mode.listen(options.app.port, options.app.host);
  log.info({ port, install: `${options.app.publicUrl}/install` }, 'application handlers listening');
  let current: { runtime: Runtime; serving: string } | undefined;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    const tenants = (await mode.listTenants()).filter((t) => t.departments.length > 0);
    const serving = signature(tenants);
    if (current?.serving === serving) {
      return;
    }
    if (current !== undefined) {
      log.info('the installed portals changed: restarting the runtime');
      await current.runtime.stop();
      current = undefined;
    }
    const first = tenants[0];
    const firstDept = first?.departments[0];
    if (first === undefined || firstDept === undefined) {
      log.info('no installed portal has a department file yet (standup-bot portal add)');
      return;
    }
    const ctx: AppContext = {
      config: {
        env,
        bitrix: undefined,
        department: firstDept,
        departmentFile: `portal ${first.portal.domain}`,
        departments: tenants.flatMap((t) =>
          t.departments.map((department) => ({ department, file: `portal ${t.portal.domain}` })),
        ),
      },
      log,
      secrets: options.secrets,
      clock: options.clock,
      calendar: createCalendar(firstDept),
      redis: options.redis,
      keyPrefix,
      bitrix: first.bitrix,
      close: () => Promise.resolve(),
    };
    const runtime = await startRuntime(ctx, {
      roles: options.roles,
      concurrency: options.concurrency,
      tenants: { portals: () => Promise.resolve(tenants) },
    });
    current = { runtime, serving };
    log.info({ portals: tenants.length }, 'serving the installed portals');
  };
  sync = () => {
    running = running.then(once).catch((error: unknown) => {
      log.error(
        { err: error },
        'could not start serving the installed portals; trying again later',
      );
    });
    return running;
  };
  await sync();
  const timer = setInterval(() => void sync(), options.reloadMs ?? 30_000);
  timer.unref();
  return {
    mode,
    port,
    runtime: () => current?.runtime,
    sync,
    async stop() {
      clearInterval(timer);
      await running;
      const clean = current === undefined ? true : await current.runtime.stop();
      current = undefined;
      await mode.close();
      return clean;
    },
  };
}
