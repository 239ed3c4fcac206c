import type { Redis } from 'ioredis';
import { createBitrixClient, type BitrixClient } from './bitrix/client.js';
import type { BitrixAuthConfig, Env } from './config/env-schema.js';
import type { Config } from './config/load-config.js';
import { createCalendar, type DepartmentCalendar } from './domain/calendar.js';
import type { Clock } from './lib/clock.js';
import { closeRedis, connectRedis } from './lib/connect-redis.js';
import { systemClock } from './lib/clock.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createSecrets, type Secrets } from './lib/secrets.js';

/** What every role receives: built once, in one place, from the validated configuration. */
export interface AppContext {
  config: Config;
  log: Logger;
  secrets: Secrets;
  clock: Clock;
  calendar: DepartmentCalendar;
  /** Fails fast: commands, state and the producer side of the queue. */
  redis: Redis;
  /** `<REDIS_PREFIX>:` — every key this service writes starts with it. */
  keyPrefix: string;
  bitrix: BitrixClient;
  close(): Promise<void>;
}

export interface ContextOverrides {
  /**
   * The service (`run`): a wait for the portal's limit longer than BITRIX_LIMIT_WAIT_MS
   * becomes a RetryLaterError, so a throttled portal's job gives its worker back. Commands
   * (report, init) leave it out and wait.
   */
  retryWhenThrottled?: boolean;
  clock?: Clock;
  log?: Logger;
  secrets?: Secrets;
}

/** The composition root's building block: logger, Redis, the portal client. */
export async function createContext(
  config: Config,
  overrides: ContextOverrides = {},
): Promise<AppContext> {
  if (config.bitrix === undefined) {
    throw new Error(
      'no portal is configured: set BITRIX_WEBHOOK_URL (or the OAuth variables) in .env',
    );
  }
  return {
    ...(await connectPortal(config.env, config.bitrix, overrides)),
    config,
    clock: overrides.clock ?? systemClock,
    calendar: createCalendar(config.department),
  };
}

export type PortalConnection = Pick<
  AppContext,
  'log' | 'secrets' | 'redis' | 'keyPrefix' | 'bitrix' | 'close'
>;

/**
 * The portal client with its logger and the Redis its limiter shares, from the environment
 * alone: what `init` needs before any department file exists.
 */
export async function connectPortal(
  env: Env,
  auth: BitrixAuthConfig,
  overrides: Omit<ContextOverrides, 'clock'> = {},
): Promise<PortalConnection> {
  const secrets = overrides.secrets ?? createSecrets([env.BOT_TOKEN]);
  const log =
    overrides.log ??
    createLogger({
      level: env.LOG_LEVEL,
      format: env.LOG_FORMAT,
      secrets,
      name: 'standup-bot',
    });
  const redis = await connectRedis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  const keyPrefix = `${env.REDIS_PREFIX}:`;
  const bitrix = createBitrixClient({
    auth,
    redis,
    keyPrefix,
    rateLimit: {
      burst: env.BITRIX_RATE_BURST,
      perSecond: env.BITRIX_RATE_PER_SECOND,
    },
    timeoutMs: env.BITRIX_TIMEOUT_MS,
    ...(overrides.retryWhenThrottled === true ? { maxLimitWaitMs: env.BITRIX_LIMIT_WAIT_MS } : {}),
    log,
    secrets,
  });
  return {
    log,
    secrets,
    redis,
    keyPrefix,
    bitrix,
    close: () => closeRedis(redis),
  };
}
