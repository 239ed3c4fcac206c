import { afterEach, describe, expect, it } from 'vitest';
import { createHealthServer, type HealthServer } from '../../../src/runtime/health-server.js';

let server: HealthServer | undefined;
afterEach(async () => server?.close());

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('health server', () => {
  it('answers /healthz always and /readyz when every check passes', async () => {
    server = createHealthServer([
      { name: 'redis', check: async () => ({ pingMs: 1 }) },
      { name: 'standup', check: async () => ({ lastStandupAt: '2026-11-24T08:45:00+03:00' }) },
    ]);
    const port = await server.listen(0, '127.0.0.1');
    expect(await get(port, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(port, '/readyz')).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: {
          redis: { ok: true, pingMs: 1 },
          standup: { ok: true, lastStandupAt: '2026-11-24T08:45:00+03:00' },
        },
      },
    });
    expect((await get(port, '/nope')).status).toBe(404);
  });

  it('is not ready when a check fails or hangs, and names it', async () => {
    server = createHealthServer(
      [
        { name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED')) },
        { name: 'portal', check: () => new Promise(() => {}) },
      ],
      100,
    );
    const port = await server.listen(0, '127.0.0.1');
    const { status, body } = await get(port, '/readyz');
    expect(status).toBe(503);
    expect(body.checks).toEqual({
      redis: { ok: false, error: 'connect ECONNREFUSED' },
      portal: { ok: false, error: 'no answer within 100 ms' },
    });
  });
});
