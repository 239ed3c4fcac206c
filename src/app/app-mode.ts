import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { BitrixClient } from '../bitrix/client.js';
import { exchangeRefreshToken } from '../bitrix/oauth.js';
import { registerBot } from '../chat/register-bot.js';
import { bitrixCaller } from '../chat/imbot-events.js';
import type { AppModeConfig, Env } from '../config/env-schema.js';
import { ConfigError } from '../config/config-error.js';
import { parseDepartment } from '../config/load-config.js';
import type { Department } from '../domain/department/department.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Secrets } from '../lib/secrets.js';
import { createStandupStore } from '../standup/standup-store.js';
import { createAppHandler } from './app-handlers.js';
import { createPortalClient } from './portal-client.js';
import {
  createPortalRegistry,
  type InstalledPortal,
  type PortalRegistry,
} from './portal-registry.js';
import { createTokenCipher } from './token-cipher.js';

/**
 * One installed portal as the runtime serves it: shaped like the runtime's tenant (a key that
 * names its Redis keys and jobs, its departments, its client), plus what `portal list` shows.
 */
export interface AppTenant {
  /** The portal's member_id. */
  key: string;
  /** `<REDIS_PREFIX>:portal:<member_id>:`: every key of this portal. */
  keyPrefix: string;
  portal: InstalledPortal;
  departments: readonly Department[];
  /** Its REST client: OAuth from its sealed store, its own limiter under its prefix. */
  bitrix: BitrixClient;
}

export interface AppMode {
  registry: PortalRegistry;
  /** The install and event handlers, on Node's http. */
  handler: ReturnType<typeof createAppHandler>;
  /** Installed portals with their department files; a portal without one is left out. */
  listTenants(): Promise<AppTenant[]>;
  clientFor(portal: Pick<InstalledPortal, 'memberId' | 'clientEndpoint'>): BitrixClient;
  /** Starts the handlers on APP_HOST:APP_PORT; resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export interface AppModeOptions {
  app: AppModeConfig;
  env: Pick<Env, 'BITRIX_RATE_BURST' | 'BITRIX_RATE_PER_SECOND' | 'BITRIX_TIMEOUT_MS' | 'BOT_CODE'>;
  redis: Redis;
  keyPrefix: string;
  clock: Clock;
  log: Logger;
  secrets: Secrets;
  http?: AxiosInstance;
  sleep?: (ms: number) => Promise<void>;
  /** See BitrixClientOptions.maxLimitWaitMs (the service: a throttled portal gives its worker back). */
  maxLimitWaitMs?: number;
  /** Skip registering the chat bot at install (tests of the install flow alone). */
  registerBot?: boolean;
  afterUninstall?: (memberId: string) => Promise<void>;
}

const eventListSchema = z.array(z.object({ event: z.string(), handler: z.string() }));

/** Application mode: many portals, each installed through the install flow. */
export function createAppMode(options: AppModeOptions): AppMode {
  const { app, redis, log, secrets } = options;
  secrets.add(app.clientSecret);
  const http = options.http ?? axios.create();
  const cipher = createTokenCipher(app.tokenKey);
  const registry = createPortalRegistry({ redis, keyPrefix: options.keyPrefix, cipher });
  const clientFor = (portal: Pick<InstalledPortal, 'memberId' | 'clientEndpoint'>) =>
    createPortalClient(portal, {
      redis,
      registry,
      cipher,
      app,
      rateLimit: {
        burst: options.env.BITRIX_RATE_BURST,
        perSecond: options.env.BITRIX_RATE_PER_SECOND,
      },
      timeoutMs: options.env.BITRIX_TIMEOUT_MS,
      log,
      secrets,
      http,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.maxLimitWaitMs === undefined ? {} : { maxLimitWaitMs: options.maxLimitWaitMs }),
    });
  const afterInstall = async (memberId: string) => {
    const eventsUrl = `${app.publicUrl}/events`;
    const portal = await registry.get(memberId);
    if (portal === undefined) {
      throw new Error('the installed portal is gone');
    }
    const client = clientFor(portal);
    // event-bind.md: a second bind of the same handler is an error on a real portal, so ask first.
    const bound = eventListSchema.parse((await client.call('event.get', {})).result);
    if (!bound.some((e) => e.event.toUpperCase() === 'ONAPPUNINSTALL' && e.handler === eventsUrl)) {
      await client.call(
        'event.bind',
        { event: 'ONAPPUNINSTALL', handler: eventsUrl },
        { kind: 'write' },
      );
    }
    if (options.registerBot !== false) {
      const store = createStandupStore(redis, registry.prefix(memberId));
      const kept = await store.bot();
      const bot = await registerBot({
        caller: bitrixCaller(client),
        code: options.env.BOT_CODE,
        token: kept?.token,
        name: 'Планёрка',
        workPosition: 'Бот планёрки отдела продаж',
      });
      secrets.add(bot.token);
      await store.saveBot({ id: bot.id, token: bot.token });
    }
  };
  const handler = createAppHandler({
    registry,
    exchange: (refreshToken) =>
      exchangeRefreshToken(
        {
          http,
          oauthUrl: app.oauthUrl,
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          timeoutMs: options.env.BITRIX_TIMEOUT_MS,
        },
        refreshToken,
      ),
    afterInstall,
    ...(options.afterUninstall === undefined ? {} : { afterUninstall: options.afterUninstall }),
    clock: options.clock,
    log,
    secrets,
  });
  let server: Server | undefined;
  return {
    registry,
    handler,
    clientFor,
    async listTenants() {
      const tenants: AppTenant[] = [];
      for (const portal of await registry.list()) {
        const files = await registry.departmentFiles(portal.memberId);
        if (files.length === 0) {
          continue;
        }
        const departments = files.map(({ id, text }) => {
          try {
            return parseDepartment(text, `portal ${portal.domain}, department ${id}`);
          } catch (error) {
            if (error instanceof ConfigError) {
              log.error({ domain: portal.domain, department: id }, error.message);
            }
            throw error;
          }
        });
        tenants.push({
          key: portal.memberId,
          keyPrefix: registry.prefix(portal.memberId),
          portal,
          departments,
          bitrix: clientFor(portal),
        });
      }
      return tenants;
    },
    listen(port, host) {
      server = createServer((req, res) => void handler(req, res));
      const listening = server;
      return new Promise((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => resolve((listening.address() as AddressInfo).port));
      });
    },
    close: () =>
      new Promise((resolve) => {
        if (server === undefined) {
          resolve();
          return;
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
