import type { Redis } from 'ioredis';
import { departmentOfId } from '../domain/department/department-of-id.js';

/**
 * Before departments had keys of their own, a deployment served one department and kept its
 * indexes (open conversations, the latest standup, the history) under the portal's prefix.
 * This moves them, once, to the department they belong to: the only one, or the one whose id
 * begins the latest standup's id. Atomic and idempotent: with no legacy key it does nothing,
 * and what the department already has is kept (sets and the history are merged).
 */
const SCRIPT = `
local moved = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('SUNIONSTORE', KEYS[5], KEYS[5], KEYS[1])
  redis.call('DEL', KEYS[1])
  moved = moved + 1
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  local latest = redis.call('GET', KEYS[2])
  redis.call('SET', KEYS[6], latest, 'NX')
  redis.call('DEL', KEYS[2])
  moved = moved + 1
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('ZUNIONSTORE', KEYS[7], 2, KEYS[7], KEYS[3], 'AGGREGATE', 'MAX')
  redis.call('DEL', KEYS[3])
  moved = moved + 1
end
if redis.call('EXISTS', KEYS[4]) == 1 then
  local entries = redis.call('HGETALL', KEYS[4])
  for i = 1, #entries, 2 do
    redis.call('HSETNX', KEYS[8], entries[i], entries[i + 1])
  end
  redis.call('DEL', KEYS[4])
  moved = moved + 1
end
return moved`;

const LEGACY = ['conv-open', 'standup-latest', 'history:index', 'history:entries'] as const;

export interface AdoptResult {
  /** The department that took the keys, when there were any. */
  departmentId?: string;
  /** How many legacy keys were moved (0 to 4). */
  moved: number;
}

export async function adoptLegacyKeys(
  redis: Redis,
  keyPrefix: string,
  departmentIds: readonly string[],
): Promise<AdoptResult> {
  const latest = await redis.get(`${keyPrefix}standup-latest`);
  const owner =
    departmentIds.length === 1
      ? departmentIds[0]
      : latest === null
        ? undefined
        : departmentOfId(latest, departmentIds);
  if (owner === undefined) {
    return { moved: 0 };
  }
  const deptPrefix = `${keyPrefix}dept:${owner}:`;
  const moved = (await redis.eval(
    SCRIPT,
    8,
    ...LEGACY.map((name) => `${keyPrefix}${name}`),
    ...LEGACY.map((name) => `${deptPrefix}${name}`),
  )) as number;
  return moved > 0 ? { departmentId: owner, moved } : { moved: 0 };
}
