import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let ownRedis: ChildProcess | undefined;

/**
 * Finds a Redis for the integration tests: REDIS_URL (or 127.0.0.1:6379) when it answers,
 * otherwise a private `redis-server` on a free port, otherwise one clear sentence.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const candidate = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answersPing(candidate)) {
    project.provide('redisUrl', candidate);
    return () => Promise.resolve();
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `No Redis answers at ${candidate} and redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL to a running Redis.`,
    );
  }
  const port = await freePort();
  ownRedis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answersPing(url)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  project.provide('redisUrl', url);
  return () => {
    ownRedis?.kill('SIGTERM');
    return Promise.resolve();
  };
}

function answersPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) =>
      done(data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH')),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
