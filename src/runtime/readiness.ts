import type { Redis } from 'ioredis';
import type { BitrixClient } from '../bitrix/client.js';
import type { ReadinessCheck } from './health-server.js';

export interface ReadinessInputs {
  redis: Redis;
  bitrix: BitrixClient;
  status: { lastStandup: string | undefined; lastPoll: Date | undefined };
}

/** Asks the portal at most once a minute: readiness probes must not eat the request budget. */
const PORTAL_CACHE_MS = 60_000;

export function readinessChecks(inputs: ReadinessInputs): ReadinessCheck[] {
  let portal: { at: number; ok: Promise<Record<string, unknown>> } | undefined;
  return [
    {
      name: 'redis',
      check: async () => {
        const started = Date.now();
        await inputs.redis.ping();
        return { pingMs: Date.now() - started };
      },
    },
    {
      name: 'portal',
      check: () => {
        if (portal === undefined || Date.now() - portal.at > PORTAL_CACHE_MS) {
          portal = {
            at: Date.now(),
            ok: inputs.bitrix.call('user.current').then(() => ({ portal: inputs.bitrix.portal })),
          };
          portal.ok.catch(() => {
            portal = undefined;
          });
        }
        return portal.ok;
      },
    },
    {
      name: 'activity',
      check: () =>
        Promise.resolve({
          lastStandup: inputs.status.lastStandup ?? null,
          lastPoll: inputs.status.lastPoll?.toISOString() ?? null,
        }),
    },
  ];
}
