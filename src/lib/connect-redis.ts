import { Redis } from 'ioredis';

/** Redis did not answer when the process started: one line that says where it looked. */
export class RedisUnreachableError extends Error {
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`Redis is not reachable at ${url}`, options);
    this.name = 'RedisUnreachableError';
  }
}

/** The URL as it may be shown: a password in it is replaced by "***". */
export function displayRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(an unreadable REDIS_URL)';
  }
}

export interface ConnectRedisOptions {
  /** `null` for BullMQ workers (they wait for Redis however long); a number fails commands fast. */
  maxRetriesPerRequest: number | null;
  /** How long the first connection may take before the process gives up. */
  connectTimeoutMs?: number;
}

/**
 * A connection that is known to work: the first connect fails fast with RedisUnreachableError
 * (a command never hangs on a Redis that was never there), and once connected, a lost
 * connection is retried for as long as the process lives, as a service needs.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions): Promise<Redis> {
  let connected = false;
  const timeoutMs = options.connectTimeoutMs ?? 5_000;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: options.maxRetriesPerRequest,
    connectTimeout: timeoutMs,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2_000) : null),
  });
  // Errors while connecting are reported once, below; the caller attaches its own handler.
  const quiet = () => undefined;
  redis.on('error', quiet);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new RedisUnreachableError(displayRedisUrl(url), { cause: error });
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  redis.off('error', quiet);
  return redis;
}

/** Closes a connection politely when Redis answers, at once when it does not. */
export async function closeRedis(redis: Redis, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const quit = redis.quit().then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  if (!(await Promise.race([quit, late]))) {
    redis.disconnect();
  }
  clearTimeout(timer);
}
