import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Secrets } from '../lib/secrets.js';
import { BitrixAuthorizationLostError, BitrixHttpError } from './errors.js';

/** The pair Bitrix24 issues; each refresh returns a *new* refresh token. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  clientEndpoint: string | undefined;
}

export interface OAuthTokensOptions {
  redis: Redis;
  key: string;
  http: AxiosInstance;
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  initialRefreshToken: string | undefined;
  secrets: Secrets;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Application mode: the pair is stored sealed (AES-256-GCM, src/app/token-cipher.ts) in one
   * field, `sealed`, never in plain text; opening it with another key throws, never garbage.
   */
  seal?: {
    seal(plain: string, place: string): string;
    open(sealed: string, place: string): string;
  };
}

export interface OAuthTokens {
  current(): Promise<TokenPair>;
  /**
   * Replaces `staleAccessToken` (the one a call was refused with) by a fresh pair. Single-flight
   * across processes: one refreshes under a Redis lock, the others wait and read its result.
   */
  refresh(staleAccessToken: string): Promise<TokenPair>;
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  client_endpoint: z.string().optional(),
  member_id: z.string().optional(),
  domain: z.string().optional(),
});

/** The authorization server's answer (settings/oauth/auto-renewal.md), as the client uses it. */
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

export interface ExchangeOptions {
  http: AxiosInstance;
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/**
 * One refresh at the authorization server (oauth.bitrix.info, settings/oauth/auto-renewal.md).
 * An OAuth error (invalid_grant: a token it never issued or already rotated) is
 * BitrixAuthorizationLostError; no answer is BitrixHttpError.
 */
export async function exchangeRefreshToken(
  options: ExchangeOptions,
  refreshToken: string,
): Promise<TokenAnswer> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    refresh_token: refreshToken,
  });
  // POST as a form so client_secret and the refresh token stay out of URLs and access logs.
  const response = await options.http
    .post<unknown>(options.oauthUrl, body.toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      timeout: options.timeoutMs,
      validateStatus: () => true,
    })
    .catch((error: unknown) => {
      throw new BitrixHttpError('oauth/token', 'network', undefined, {
        cause: new Error((error as { code?: string }).code ?? 'failed'),
      });
    });
  const data = response.data as { error?: unknown };
  if (typeof data === 'object' && data !== null && 'error' in data) {
    throw new BitrixAuthorizationLostError(String(data.error));
  }
  const parsed = tokenAnswerSchema.safeParse(data);
  if (!parsed.success) {
    throw new BitrixHttpError(
      'oauth/token',
      response.status >= 500 ? 'server' : 'not_json',
      response.status,
    );
  }
  return parsed.data;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const LOCK_MS = 30_000;

export function createOAuthTokens(options: OAuthTokensOptions): OAuthTokens {
  const { redis, key } = options;
  const lockKey = `${key}:lock`;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const readSealed = async (
    seal: NonNullable<OAuthTokensOptions['seal']>,
  ): Promise<TokenPair | undefined> => {
    const sealed = await redis.hget(key, 'sealed');
    if (sealed === null) {
      return undefined;
    }
    const opened = sealedPairSchema.parse(JSON.parse(seal.open(sealed, `${key}#sealed`)));
    options.secrets.add(opened.accessToken);
    options.secrets.add(opened.refreshToken);
    return { ...opened, clientEndpoint: opened.clientEndpoint };
  };

  const read = async (): Promise<TokenPair | undefined> => {
    if (options.seal !== undefined) {
      return readSealed(options.seal);
    }
    const [accessToken, refreshToken, clientEndpoint] = await redis.hmget(
      key,
      'access',
      'refresh',
      'endpoint',
    );
    if (
      accessToken === null ||
      accessToken === undefined ||
      refreshToken === null ||
      refreshToken === undefined
    ) {
      return undefined;
    }
    options.secrets.add(accessToken);
    options.secrets.add(refreshToken);
    return { accessToken, refreshToken, clientEndpoint: clientEndpoint || undefined };
  };

  const exchange = async (refreshToken: string): Promise<TokenPair> => {
    const answer = await exchangeRefreshToken(options, refreshToken);
    const pair = {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      clientEndpoint: answer.client_endpoint,
    };
    options.secrets.add(pair.accessToken);
    options.secrets.add(pair.refreshToken);
    if (options.seal !== undefined) {
      await storeSealedPair(redis, key, options.seal, pair);
      return pair;
    }
    // One HSET: a reader never sees a new access token with an old refresh token.
    await redis.hset(
      key,
      'access',
      pair.accessToken,
      'refresh',
      pair.refreshToken,
      'endpoint',
      pair.clientEndpoint ?? '',
    );
    return pair;
  };

  const refreshOnce = async (
    isStale: (pair: TokenPair | undefined) => boolean,
  ): Promise<TokenPair> => {
    const owner = randomUUID();
    for (let waited = 0; waited < LOCK_MS * 2;) {
      if ((await redis.set(lockKey, owner, 'PX', LOCK_MS, 'NX')) === 'OK') {
        try {
          const stored = await read();
          if (stored !== undefined && !isStale(stored)) {
            return stored; // another process refreshed while we waited for the lock
          }
          const refreshToken = stored?.refreshToken ?? options.initialRefreshToken;
          if (refreshToken === undefined) {
            throw new BitrixAuthorizationLostError('no_refresh_token');
          }
          options.secrets.add(refreshToken);
          return await exchange(refreshToken);
        } finally {
          await redis.eval(RELEASE, 1, lockKey, owner);
        }
      }
      await sleep(100);
      waited += 100;
      const stored = await read();
      if (stored !== undefined && !isStale(stored)) {
        return stored;
      }
    }
    throw new BitrixHttpError('oauth/token', 'timeout', undefined);
  };

  // Many calls of this process refused at once wait for one refresh, not one lock each.
  let inflight: { stale: string; promise: Promise<TokenPair> } | undefined;
  return {
    async current() {
      return (await read()) ?? refreshOnce((pair) => pair === undefined);
    },
    refresh(staleAccessToken) {
      if (inflight?.stale === staleAccessToken) {
        return inflight.promise;
      }
      const promise = refreshOnce(
        (pair) => pair === undefined || pair.accessToken === staleAccessToken,
      ).finally(() => {
        if (inflight?.promise === promise) {
          inflight = undefined;
        }
      });
      inflight = { stale: staleAccessToken, promise };
      return promise;
    },
  };
}

const sealedPairSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  clientEndpoint: z.string().optional(),
});

/** Stores a pair sealed in one field: a reader never sees half of an old and half of a new one. */
export async function storeSealedPair(
  redis: Redis,
  key: string,
  seal: NonNullable<OAuthTokensOptions['seal']>,
  pair: TokenPair,
): Promise<void> {
  await redis.hset(key, 'sealed', seal.seal(JSON.stringify(pair), `${key}#sealed`));
}
