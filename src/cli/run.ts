import { startAppService } from '../app/app-service.js';
import { resolveAppMode, type AppModeConfig, type Env } from '../config/env-schema.js';
import { loadConfig, parseEnv } from '../config/load-config.js';
import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { createSecrets } from '../lib/secrets.js';
import { createContext } from '../context.js';
import { ROLES, startRuntime, type Role } from '../runtime/start-runtime.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run the service: schedule, job worker, event poller and health endpoint (all by default)',
  usage:
    'standup-bot run [--roles scheduler,worker,poller,health] [--concurrency N] [--config <department.yaml>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description: 'the department file (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    roles: {
      type: 'string',
      description:
        'comma-separated roles of this process: scheduler, worker, poller, health (default: all)',
    },
    concurrency: { type: 'string', description: 'jobs a worker runs side by side (default 4)' },
  },
  async run(values, io) {
    const roles = ((values.roles as string | undefined) ?? ROLES.join(','))
      .split(',')
      .map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    const concurrency = Number(values.concurrency ?? 4);
    if (unknown.length > 0 || !Number.isInteger(concurrency) || concurrency < 1) {
      io.err(
        `--roles takes ${ROLES.join(', ')}; --concurrency a positive number (got ${unknown.join(', ') || String(values.concurrency)})`,
      );
      return EXIT_CONFIG;
    }
    const env = parseEnv(io.env);
    const app = resolveAppMode(env);
    if (app !== undefined) {
      return runAppMode(env, app, roles as Role[], concurrency);
    }
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const ctx = await createContext(config, { retryWhenThrottled: true });
    const runtime = await startRuntime(ctx, { roles: roles as Role[], concurrency }).catch(
      async (error: unknown) => {
        await ctx.close();
        throw error;
      },
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    // A second signal means "now": whatever runs is idempotent and is taken over later.
    const now = () => {
      ctx.log.warn('second signal: exiting at once');
      process.exit(EXIT_FAILURE);
    };
    process.once('SIGTERM', now);
    process.once('SIGINT', now);
    ctx.log.info({ signal }, 'shutting down');
    const clean = await runtime.stop();
    await ctx.close();
    ctx.log.info({ clean }, 'stopped');
    return clean ? EXIT_OK : EXIT_FAILURE;
  },
};

/** Application mode (APP_PUBLIC_URL set): the install and event handlers, every installed portal. */
async function runAppMode(
  env: Env,
  app: AppModeConfig,
  roles: Role[],
  concurrency: number,
): Promise<number> {
  const secrets = createSecrets([env.BOT_TOKEN, app.clientSecret, env.APP_TOKEN_KEY]);
  const log = createLogger({
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT,
    secrets,
    name: 'standup-bot',
  });
  const redis = await connectRedis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  const service = await startAppService({
    env,
    app,
    redis,
    log,
    secrets,
    clock: systemClock,
    roles,
    concurrency,
  }).catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  process.once('SIGTERM', () => process.exit(EXIT_FAILURE));
  process.once('SIGINT', () => process.exit(EXIT_FAILURE));
  log.info({ signal }, 'shutting down');
  const clean = await service.stop();
  await closeRedis(redis);
  log.info({ clean }, 'stopped');
  return clean ? EXIT_OK : EXIT_FAILURE;
}
