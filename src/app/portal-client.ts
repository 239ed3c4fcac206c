import axios, { type AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import { createBitrixClient, type BitrixClient } from '../bitrix/client.js';
import { createOAuthTokens } from '../bitrix/oauth.js';
import type { AppModeConfig } from '../config/env-schema.js';
import type { Logger } from '../lib/logger.js';
import type { Secrets } from '../lib/secrets.js';
import type { InstalledPortal, PortalRegistry } from './portal-registry.js';
import type { TokenCipher } from './token-cipher.js';

export interface PortalClientOptions {
  redis: Redis;
  registry: PortalRegistry;
  cipher: TokenCipher;
  app: Pick<AppModeConfig, 'clientId' | 'clientSecret' | 'oauthUrl'>;
  rateLimit: { burst: number; perSecond: number };
  timeoutMs: number;
  log: Logger;
  secrets: Secrets;
  http?: AxiosInstance;
  sleep?: (ms: number) => Promise<void>;
  maxLimitWaitMs?: number;
}

/**
 * The REST client of one installed portal: OAuth with its own sealed token store (refreshed
 * once per portal however many calls wait: a Redis lock across processes, one promise within
 * one), and its limiter, method pauses and tokens under the portal's own key prefix, shared by
 * every process and machine.
 */
export function createPortalClient(
  portal: Pick<InstalledPortal, 'memberId' | 'clientEndpoint'>,
  options: PortalClientOptions,
): BitrixClient {
  const portalUrl = portal.clientEndpoint.replace(/rest\/?$/, '');
  const http = options.http ?? axios.create();
  const tokens = createOAuthTokens({
    redis: options.redis,
    key: options.registry.tokenKey(portal.memberId),
    http,
    oauthUrl: options.app.oauthUrl,
    clientId: options.app.clientId,
    clientSecret: options.app.clientSecret,
    initialRefreshToken: undefined,
    secrets: options.secrets,
    timeoutMs: options.timeoutMs,
    seal: options.cipher,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });
  return createBitrixClient({
    auth: {
      kind: 'oauth',
      portalUrl,
      clientId: options.app.clientId,
      clientSecret: options.app.clientSecret,
      oauthUrl: options.app.oauthUrl,
      initialRefreshToken: undefined,
    },
    tokens,
    redis: options.redis,
    keyPrefix: options.registry.prefix(portal.memberId),
    rateLimit: options.rateLimit,
    timeoutMs: options.timeoutMs,
    log: options.log.child({ portal: portal.memberId }),
    secrets: options.secrets,
    http,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.maxLimitWaitMs === undefined ? {} : { maxLimitWaitMs: options.maxLimitWaitMs }),
  });
}
