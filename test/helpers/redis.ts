import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A key prefix no other test file uses; delete it with `deleteByPrefix` when done. */
export function uniquePrefix(label = 'test'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A Redis connection to the suite's Redis (see global-setup). */
export function connectTestRedis(): Redis {
  return new Redis(inject('redisUrl'), { lazyConnect: false, maxRetriesPerRequest: 3 });
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export { deleteByPrefix } from '../../src/lib/delete-by-prefix.js';
