import type { Redis } from 'ioredis';
import type { BitrixClient } from '../bitrix/client.js';
import type { ReadinessCheck } from './health-server.js';

export interface ReadinessInputs {
  redis: Redis;
  bitrix: BitrixClient;
  status: { lastStandup: string | undefined; lastPoll: Date | undefined };
  /** The poller's idle interval when this process polls; undefined when it does not. */
  pollEveryMs: number | undefined;
  now: () => Date;
}

/**
 * The portal is asked at most once a minute, and a failure is remembered for 15 s: readiness
 * probes must not eat the request budget, least of all while the portal is failing.
 */
const PORTAL_OK_MS = 60_000;
const PORTAL_FAILED_MS = 15_000;
/** Polls may back off to a minute while the portal fails; stale beyond twice that. */
const STALE_POLL_MS = 120_000;

export function readinessChecks(inputs: ReadinessInputs): ReadinessCheck[] {
  let portal: { until: number; answer: Promise<Record<string, unknown>> } | undefined;
  const startedAt = inputs.now().getTime();
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
        const now = inputs.now().getTime();
        if (portal === undefined || now > portal.until) {
          const answer = inputs.bitrix
            .call('user.current', {}, { kind: 'read', attempts: 1 })
            .then(() => ({ portal: inputs.bitrix.portal }));
          portal = { until: now + PORTAL_OK_MS, answer };
          const asked = portal;
          answer.catch(() => {
            asked.until = inputs.now().getTime() + PORTAL_FAILED_MS;
          });
        }
        return portal.answer;
      },
    },
    {
      name: 'activity',
      check: () => {
        const lastPoll = inputs.status.lastPoll?.getTime();
        const details = {
          lastStandup: inputs.status.lastStandup ?? null,
          lastPoll: lastPoll === undefined ? null : new Date(lastPoll).toISOString(),
        };
        if (inputs.pollEveryMs !== undefined) {
          const since = inputs.now().getTime() - (lastPoll ?? startedAt);
          const limit = STALE_POLL_MS + 4 * inputs.pollEveryMs;
          if (since > limit) {
            return Promise.reject(
              new Error(
                `no successful poll for ${Math.round(since / 1000)} s (limit ${limit / 1000} s)`,
              ),
            );
          }
        }
        return Promise.resolve(details);
      },
    },
  ];
}
