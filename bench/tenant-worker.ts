import { readFileSync } from 'node:fs';
import { createBitrixClient } from '../src/bitrix/client.js';
import { resolveBitrixAuth } from '../src/config/env-schema.js';
import { loadConfig, loadDepartment, parseEnv } from '../src/config/load-config.js';
import { createContext } from '../src/context.js';

import { startRuntime } from '../src/runtime/start-runtime.js';
import type { PortalTenant } from '../src/tenants/tenant-source.js';

/**
 * One worker process of the bench's many-portals row: `run --roles worker` over every portal
 * in the tenants file (`[{ key, webhookUrl, file }]`), configured by the environment as the
 * service is. Says `ready`, then `{ memory }` (its peak RSS and heap) when asked, and stops on
 * `stop`. The clock starts at `BENCH_START` and runs as the real one does.
 */
const tenantsFile = process.argv[2]!;
const portals = JSON.parse(readFileSync(tenantsFile, 'utf8')) as {
  key: string;
  webhookUrl: string;
  file: string;
}[];
const first = portals[0]!;
const config = loadConfig({
  env: { ...process.env, BITRIX_WEBHOOK_URL: first.webhookUrl },
  departmentFile: first.file,
});
const started = Date.now();
const start = Date.parse(process.env.BENCH_START ?? new Date().toISOString());

const ctx = await createContext(config, {
  retryWhenThrottled: true,
  clock: { now: () => new Date(start + Date.now() - started) },
});

const tenants: PortalTenant[] = portals.map((p) => ({
  key: p.key,
  departments: [loadDepartment(p.file)],
  bitrix: createBitrixClient({
    auth: resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: p.webhookUrl }))!,
    redis: ctx.redis,
    keyPrefix: ctx.keyPrefix,
    rateLimit: {
      burst: config.env.BITRIX_RATE_BURST,
      perSecond: config.env.BITRIX_RATE_PER_SECOND,
    },
    timeoutMs: config.env.BITRIX_TIMEOUT_MS,
    maxLimitWaitMs: config.env.BITRIX_LIMIT_WAIT_MS,
    log: ctx.log,
    secrets: ctx.secrets,
  }),
}));
const runtime = await startRuntime(ctx, {
  roles: ['worker'],
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
  tenants: { portals: () => Promise.resolve(tenants) },
});
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const timer = setInterval(sample, 100);
process.send?.('ready');
process.on('message', (message: unknown) => {
  if (message === 'memory') {
    sample();
    process.send?.({ memory: { rssMb: peakRss / 1e6, heapMb: peakHeap / 1e6 } });
  }
  if (message === 'stop') {
    clearInterval(timer);
    void runtime
      .stop()
      .then(() => ctx.close())
      .then(() => process.exit(0));
  }
});
