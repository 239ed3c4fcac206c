import type { Logger } from '../lib/logger.js';
import type { BitrixEnvelope } from './envelope.js';
import { resetAtMs } from './envelope.js';
import { BitrixHttpError, isOperationLimit, isQueryLimit, isTokenExpired } from './errors.js';
import type { RateLimiter } from './limiter.js';
import type { MethodPauses } from './method-pauses.js';
import type { RequestAuth } from './request-auth.js';
import type { Transport } from './transport.js';

/**
 * `read`: safe to repeat. `write`: sends or changes something (a chat message, the bot), so it
 * is repeated only when the portal certainly did not execute it.
 */
export interface CallOptions {
  kind: 'read' | 'write';
  /** At most this many tries (the client's setting otherwise): a probe wants one answer now. */
  attempts?: number;
}

export type Call = <T = unknown>(
  method: string,
  params?: Record<string, unknown>,
  options?: CallOptions,
) => Promise<BitrixEnvelope<T>>;

/** What one client did: the product reports HTTP requests per standup. */
export interface CallStats {
  requests: number;
  byMethod: Record<string, number>;
  queryLimitRefusals: number;
  operationLimitRefusals: number;
  retries: number;
  refreshes: number;
}

export interface CallDependencies {
  auth: RequestAuth;
  transport: Transport;
  limiter: RateLimiter;
  pauses: MethodPauses;
  log: Logger;
  stats: CallStats;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxAttempts?: number;
}

/** Growing, jittered delays: 0.5 s, 1 s, 2 s ... up to 30 s, each between 50% and 150%. */
export function backoffMs(attempt: number, random: () => number): number {
  return Math.min(30_000, 500 * 2 ** attempt) * (0.5 + random());
}

/** The core call: limiter, method pauses, auth, transport, then the retry rules below. */
export function createCall(deps: CallDependencies): Call {
  const maxAttempts = deps.maxAttempts ?? 6;
  return async function call<T>(
    method: string,
    params: Record<string, unknown> = {},
    options: CallOptions = { kind: 'read' },
  ) {
    for (let attempt = 0; ; attempt++) {
      await deps.pauses.wait(method);
      await deps.limiter.acquire();
      const target = await deps.auth.target(method);
      deps.stats.requests++;
      deps.stats.byMethod[method] = (deps.stats.byMethod[method] ?? 0) + 1;
      try {
        const envelope = await deps.transport(target.url, method, { ...params, ...target.params });
        await deps.pauses.track(
          method,
          envelope.time?.operating,
          resetAtMs(envelope.time?.operating_reset_at),
        );
        return envelope as BitrixEnvelope<T>;
      } catch (error) {
        const delay = await retryDelay(deps, error, method, options, attempt, target.accessToken);
        if (delay === undefined || attempt + 1 >= (options.attempts ?? maxAttempts)) {
          throw error;
        }
        deps.stats.retries++;
        deps.log.warn(
          { method, attempt: attempt + 1, retryInMs: Math.round(delay), err: error },
          'bitrix call retried',
        );
        await deps.sleep(delay);
      }
    }
  };
}

/**
 * How long to wait before repeating a failed call, or undefined to give up now.
 * - 401 expired_token / invalid_token: refresh (once, across processes) and repeat at once.
 * - 503 QUERY_LIMIT_EXCEEDED: the bucket refused the request before executing it, so reads
 *   and writes alike are repeated after a growing, jittered delay; every process slows down.
 * - 429 OPERATION_TIME_LIMIT: the method is blocked before executing, so it is repeated
 *   after `operating_reset_at`; other methods go on.
 * - Network errors, timeouts, 5xx and non-JSON bodies: a read is repeated; a write is not,
 *   because the portal may have executed it — the caller's idempotency (effect ids marked as
 *   sent) decides, so a chat message is never sent twice by a blind retry.
 */
async function retryDelay(
  deps: CallDependencies,
  error: unknown,
  method: string,
  options: CallOptions,
  attempt: number,
  accessToken: string | undefined,
): Promise<number | undefined> {
  if (isTokenExpired(error) && deps.auth.refresh !== undefined && accessToken !== undefined) {
    deps.stats.refreshes++;
    await deps.auth.refresh(accessToken);
    return 0;
  }
  if (isQueryLimit(error)) {
    deps.stats.queryLimitRefusals++;
    await deps.limiter.fill();
    return backoffMs(attempt, deps.random);
  }
  if (isOperationLimit(error)) {
    deps.stats.operationLimitRefusals++;
    const details = error.details as {
      operating_reset_at?: number | string;
      time?: { operating_reset_at?: number | string };
    };
    await deps.pauses.refused(
      method,
      resetAtMs(details.operating_reset_at ?? details.time?.operating_reset_at),
    );
    return 0;
  }
  if (error instanceof BitrixHttpError && options.kind === 'read') {
    return backoffMs(attempt, deps.random);
  }
  return undefined;
}
