import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One readiness probe: a name and a check that resolves to details or throws. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<Record<string, unknown>>;
}

export interface HealthServer {
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The `/metrics` page: Prometheus text and its content type. */
export type MetricsPage = () => Promise<{ contentType: string; body: string }>;

/**
 * `GET /healthz`: the process is alive. `GET /readyz`: every check passes (Redis answers, the
 * portal answers, the last standup and poll times); 503 with the failing check named otherwise.
 * `GET /metrics`: the Prometheus page, when one is given.
 */
export function createHealthServer(
  checks: readonly ReadinessCheck[],
  timeoutMs = 3_000,
  metrics?: MetricsPage,
): HealthServer {
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') {
      return reply(405, { error: 'method not allowed' });
    }
    if (req.url === '/healthz') {
      return reply(200, { status: 'ok' });
    }
    if (req.url === '/metrics' && metrics !== undefined) {
      void metrics().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        (error: unknown) =>
          reply(500, { error: error instanceof Error ? error.message : 'failed' }),
      );
      return;
    }
    if (req.url !== '/readyz') {
      return reply(404, { error: 'not found' });
    }
    void runChecks(checks, timeoutMs).then(({ ok, results }) =>
      reply(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks: results }),
    );
  });
  return {
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function runChecks(checks: readonly ReadinessCheck[], timeoutMs: number) {
  const results: Record<string, unknown> = {};
  let ok = true;
  await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        results[name] = { ok: true, ...(await withTimeout(check(), timeoutMs)) };
      } catch (error) {
        ok = false;
        results[name] = {
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
  return { ok, results };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
