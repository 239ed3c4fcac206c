import axios, { type AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import type { BitrixAuthConfig } from '../config/env-schema.js';
import type { Logger } from '../lib/logger.js';
import type { Secrets } from '../lib/secrets.js';
import { runBatch, type BatchCommand, type BatchOutcome } from './batch.js';
import { createCall, type Call, type CallOptions, type CallStats } from './call.js';
import type { BitrixEnvelope } from './envelope.js';
import { createRateLimiter } from './limiter.js';
import { countMany, fetchAll, pagedRows, scanList, type CountQuery } from './list.js';
import { createMethodPauses } from './method-pauses.js';
import { createOAuthTokens } from './oauth.js';
import { createRequestAuth } from './request-auth.js';
import { createTransport } from './transport.js';

export interface BitrixClient {
  readonly portal: string;
  call<T = unknown>(
    method: string,
    params?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<BitrixEnvelope<T>>;
  batch(
    commands: Record<string, BatchCommand>,
    options?: CallOptions & { halt?: boolean },
  ): Promise<Record<string, BatchOutcome>>;
  count(queries: readonly CountQuery[]): Promise<number[]>;
  scan(method: string, params: Record<string, unknown>): AsyncGenerator<Record<string, unknown>>;
  fetchAll(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /** Rows page by page by offset, 50 pages per batch request (see `pagedRows`). */
  pages(method: string, params: Record<string, unknown>): AsyncGenerator<Record<string, unknown>>;
  /** A snapshot of what this client has done so far. */
  stats(): CallStats;
}

export interface BitrixClientOptions {
  auth: BitrixAuthConfig;
  redis: Redis;
  /** Prefix of the shared limiter, pauses and token keys, e.g. `standup:`. */
  keyPrefix: string;
  rateLimit: { burst: number; perSecond: number };
  timeoutMs: number;
  log: Logger;
  secrets: Secrets;
  http?: AxiosInstance;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  maxAttempts?: number;
  /** See RateLimiterOptions.maxWaitMs: a longer wait for the portal's limit becomes a retry later. */
  maxLimitWaitMs?: number;
}

/**
 * The one way the service talks to a portal. Webhook or OAuth; a leaky bucket and method
 * pauses shared through Redis by every process; retries that never repeat a write blindly.
 */
export function createBitrixClient(options: BitrixClientOptions): BitrixClient {
  const http = options.http ?? axios.create();
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const log = options.log.child({ module: 'bitrix' });
  if (options.auth.kind === 'webhook') {
    options.secrets.add(options.auth.secret);
  } else {
    options.secrets.add(options.auth.clientSecret);
    options.secrets.add(options.auth.initialRefreshToken);
  }
  const portalHost = new URL(
    options.auth.kind === 'webhook' ? options.auth.baseUrl : options.auth.portalUrl,
  ).host;
  const tokens =
    options.auth.kind === 'oauth'
      ? createOAuthTokens({
          redis: options.redis,
          key: `${options.keyPrefix}bitrix:oauth:${portalHost}`,
          http,
          oauthUrl: options.auth.oauthUrl,
          clientId: options.auth.clientId,
          clientSecret: options.auth.clientSecret,
          initialRefreshToken: options.auth.initialRefreshToken,
          secrets: options.secrets,
          timeoutMs: options.timeoutMs,
          sleep,
        })
      : undefined;
  const stats: CallStats = {
    requests: 0,
    byMethod: {},
    queryLimitRefusals: 0,
    operationLimitRefusals: 0,
    retries: 0,
    refreshes: 0,
  };
  const call: Call = createCall({
    auth: createRequestAuth(options.auth, tokens),
    transport: createTransport({
      http,
      timeoutMs: options.timeoutMs,
      onMoved: (_from, to) =>
        log.warn(
          { movedTo: new URL(to).host },
          'the portal answered with a redirect: update its address',
        ),
    }),
    limiter: createRateLimiter({
      redis: options.redis,
      key: `${options.keyPrefix}bitrix:bucket:${portalHost}`,
      burst: options.rateLimit.burst,
      perSecond: options.rateLimit.perSecond,
      sleep,
      ...(options.maxLimitWaitMs === undefined ? {} : { maxWaitMs: options.maxLimitWaitMs }),
    }),
    pauses: createMethodPauses({
      redis: options.redis,
      keyPrefix: `${options.keyPrefix}bitrix:pause:${portalHost}:`,
      now,
      sleep,
    }),
    log,
    stats,
    sleep,
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts,
  });
  return {
    portal: portalHost,
    call,
    batch: (commands, batchOptions) => runBatch(call, commands, batchOptions),
    count: (queries) => countMany(call, queries),
    scan: (method, params) => scanList(call, method, params),
    fetchAll: (method, params) => fetchAll(call, method, params),
    pages: (method, params) => pagedRows(call, method, params),
    stats: () => ({ ...stats, byMethod: { ...stats.byMethod } }),
  };
}
