import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { bitrixCaller } from '../src/chat/imbot-events.js';
import { registerBot } from '../src/chat/register-bot.js';
import { loadDepartment } from '../src/config/load-config.js';
import { parseLocalTime } from '../src/domain/department/local-time.js';
import { standupSlot } from '../src/domain/standup-slot.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { deleteByPrefix } from '../src/lib/delete-by-prefix.js';
import { BENCH_DAY, benchClient } from './collection.js';
import { round } from './measure.js';

export const ZONES = ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk'] as const;

interface Portal {
  key: string;
  webhookUrl: string;
  file: string;
}
interface PortalStats {
  key: string;
  requests: number;
  refused: number;
  digests: number;
}

export interface TenantsRun {
  workers: number;
  concurrency: number;
  seconds: number;
  standups: number;
  failed: number;
  digests: number;
  requestsPerPortal: { min: number; max: number; mean: number };
  refused: number;
  memoryPerWorkerMb: { rss: number; heap: number }[];
}

const once = <T>(child: ChildProcess, pick: (m: unknown) => T | undefined): Promise<T> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const value = pick(message);
      if (value !== undefined) {
        child.off('message', onMessage);
        resolve(value);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`a bench child exited with ${String(code)}`)));
  });

/**
 * The many-portals row: `portals` emulated portals (each its own server, 50/2 limit, bot,
 * `latencyMs` per answer) of `managers` managers, standups at 08:45 in three time zones, all
 * enqueued at once; `workerCounts` worker processes (child processes, `run --roles worker`
 * over every portal) share the queue. Time from enqueue to the last standup done, requests
 * and refusals per portal, digests the heads got, each worker's peak memory.
 */
export async function tenantsRow(
  redis: Redis,
  redisUrl: string,
  prefix: string,
  options: {
    portals: number;
    managers: number;
    latencyMs: number;
    workerCounts: number[];
    concurrency: number;
  },
  say: (line: string) => void,
): Promise<{ portals: number; managers: number; latencyMs: number; runs: TenantsRun[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tenants-'));
  const host = fork(
    'bench/portal-host.ts',
    [
      String(options.portals),
      String(options.managers),
      dir,
      String(options.latencyMs),
      BENCH_DAY,
      ZONES.join(','),
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const stats = async () => {
    const answer = once(host, (m) => (m as { stats?: PortalStats[] }).stats);
    host.send('stats');
    return answer;
  };
  const runs: TenantsRun[] = [];
  const bots = new Map<string, { id: number; token: string }>();
  try {
    const portals = await once(host, (m) => (m as { portals?: Portal[] }).portals);
    const departments = portals.map((p) => loadDepartment(p.file));
    const tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify(portals));
    for (const workers of options.workerCounts) {
      const runPrefix = `${prefix.replace(/[^a-zA-Z0-9_-]/g, '')}w${workers}`;
      const keyPrefix = `${runPrefix}:`;
      // A fresh deployment each run: its own keys, each portal's bot (registered once) in them.
      for (const portal of portals) {
        let bot = bots.get(portal.key);
        if (bot === undefined) {
          const client = benchClient(portal.webhookUrl, redis, keyPrefix, {
            burst: 50,
            perSecond: 2,
          });
          bot = await registerBot({
            caller: bitrixCaller(client),
            code: 'standup_bot',
            token: undefined,
            name: 'Планёрка',
            workPosition: 'бот',
          });
          bots.set(portal.key, bot);
        }
        await redis.hset(
          `${keyPrefix}portal:${portal.key}:bot`,
          'id',
          String(bot.id),
          'token',
          bot.token,
        );
      }
      const before = await stats();
      const children = Array.from({ length: workers }, () =>
        fork('bench/tenant-worker.ts', [tenantsFile], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          env: {
            ...process.env,
            REDIS_URL: redisUrl,
            REDIS_PREFIX: runPrefix,
            LOG_LEVEL: 'warn',
            LOG_FORMAT: 'json',
            HEALTH_PORT: '0',
            BENCH_CONCURRENCY: String(options.concurrency),
            BENCH_START: `${BENCH_DAY}T05:45:00Z`,
          },
        }),
      );
      await Promise.all(
        children.map((child) => once(child, (m) => (m === 'ready' ? true : undefined))),
      );
      const connection = redis.duplicate();
      const queue = createJobQueue({ connection, prefix: `${keyPrefix}bull` });
      const started = Date.now();
      // 08:45 in each portal's zone: every standup enqueued at once, the worst case.
      for (const [index, portal] of portals.entries()) {
        const dept = departments[index]!;
        await queue.enqueueStandup({
          ...standupSlot(dept, BENCH_DAY, parseLocalTime('08:45')),
          reason: 'schedule',
          portal: portal.key,
        });
      }
      let counts: Record<string, number> = {};
      for (;;) {
        counts = await queue.queue.getJobCounts('completed', 'failed');
        if ((counts.completed ?? 0) + (counts.failed ?? 0) >= portals.length) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const jobs = await queue.queue.getJobs(['completed'], 0, -1);
      const last = Math.max(...jobs.map((job) => job.finishedOn ?? 0));
      const after = await stats();
      const memory = await Promise.all(
        children.map(async (child) => {
          const answer = once(
            child,
            (m) => (m as { memory?: { rssMb: number; heapMb: number } }).memory,
          );
          child.send('memory');
          return answer;
        }),
      );
      await Promise.all(
        children.map(async (child) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.send('stop');
          await exited;
        }),
      );
      await queue.close();
      await connection.quit();
      const requests = after.map((s, i) => s.requests - (before[i]?.requests ?? 0));
      const run: TenantsRun = {
        workers,
        concurrency: options.concurrency,
        seconds: round((last - started) / 1000),
        standups: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        digests: after.reduce((n, s, i) => n + s.digests - (before[i]?.digests ?? 0), 0),
        requestsPerPortal: {
          min: Math.min(...requests),
          max: Math.max(...requests),
          mean: round(requests.reduce((a, b) => a + b, 0) / requests.length),
        },
        refused: after.reduce((n, s, i) => n + s.refused - (before[i]?.refused ?? 0), 0),
        memoryPerWorkerMb: memory.map((m) => ({
          rss: round(m.rssMb, 0),
          heap: round(m.heapMb, 0),
        })),
      };
      runs.push(run);
      say(
        `  ${workers} worker(s) x ${options.concurrency}: ${run.standups}/${portals.length} standups, ${run.digests} digests in ${run.seconds} s; requests per portal ${run.requestsPerPortal.min}-${run.requestsPerPortal.max} (mean ${run.requestsPerPortal.mean}), ${run.refused} refused; peak RSS per worker ${run.memoryPerWorkerMb.map((m) => `${m.rss} MB`).join(', ')} (heap ${run.memoryPerWorkerMb.map((m) => `${m.heap}`).join(', ')} MB)`,
      );
      await deleteByPrefix(redis, keyPrefix);
    }
  } finally {
    host.send('stop');
    await new Promise((resolve) => host.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    portals: options.portals,
    managers: options.managers,
    latencyMs: options.latencyMs,
    runs,
  };
}
