import type { TestProject } from 'vitest/node';
import { findOrStartRedis } from '../../src/lib/local-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Finds a Redis for the integration tests: REDIS_URL (or 127.0.0.1:6379) when it answers,
 * otherwise a private `redis-server` on a free port, otherwise one clear sentence.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await findOrStartRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('redisUrl', redis.url);
  return () => {
    redis.stop();
    return Promise.resolve();
  };
}
