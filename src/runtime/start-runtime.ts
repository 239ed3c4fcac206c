import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { isPermanentBitrixError } from '../bitrix/errors.js';
import { createEventPoller, type EventPoller } from '../chat/event-poller.js';
import { createImbotChat } from '../chat/imbot-chat.js';
import { bitrixCaller, imbotEventSource } from '../chat/imbot-events.js';
import { ConfigError } from '../config/config-error.js';
import type { AppContext } from '../context.js';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.js';
import { createJobWorker } from '../jobs/job-worker.js';
import { createScheduler, type Scheduler } from '../jobs/scheduler.js';
import { bitrixCrmReader } from '../report/crm-reader.js';
import { handleTimer } from '../standup/handle-timer.js';
import { processEvent } from '../standup/process-event.js';
import { runStandup } from '../standup/run-standup.js';
import type { StandupDeps } from '../standup/service-deps.js';
import { createStandupStore } from '../standup/standup-store.js';
import { createHealthServer, type HealthServer } from './health-server.js';
import { readinessChecks } from './readiness.js';
import { reportFailedJob } from './report-failed-job.js';

export const ROLES = ['scheduler', 'worker', 'poller', 'health'] as const;
export type Role = (typeof ROLES)[number];

export interface RuntimeOptions {
  roles: readonly Role[];
  concurrency: number;
  /** A process starting this long after a missed standup time still runs it, once. */
  graceMinutes?: number;
  healthPort?: number;
  /** How long shutdown waits for running jobs before giving up on them (they are retried). */
  shutdownTimeoutMs?: number;
  progress?: StandupDeps['progress'];
}

export interface Runtime {
  deps: StandupDeps;
  queue: JobQueue;
  poller: EventPoller;
  healthPort: number | undefined;
  /** Stops the schedule and the poller, lets running jobs finish (bounded), closes Redis. */
  stop(): Promise<void>;
}

/**
 * Starts the roles of one process against one Redis and one portal. By default a process runs
 * them all; several processes may run any mix: job ids and the inbox make every standup and
 * every event happen once, whatever the number of instances.
 */
export async function startRuntime(ctx: AppContext, options: RuntimeOptions): Promise<Runtime> {
  const { config, log } = ctx;
  const store = createStandupStore(ctx.redis, ctx.keyPrefix);
  const stored = await store.bot();
  if (stored === undefined) {
    throw new ConfigError('bot', [
      {
        path: 'bot',
        message: 'no bot is registered for this portal: run "standup-bot register-bot" first',
      },
    ]);
  }
  const bot = { id: stored.id, token: config.env.BOT_TOKEN ?? stored.token };
  ctx.secrets.add(bot.token);
  const queueConnection = new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
  const queue = createJobQueue({ connection: queueConnection, prefix: `${ctx.keyPrefix}bull` });
  const status = {
    lastStandup: undefined as string | undefined,
    lastPoll: undefined as Date | undefined,
  };
  const deps: StandupDeps = {
    dept: config.department,
    calendar: ctx.calendar,
    store,
    reader: bitrixCrmReader(ctx.bitrix),
    chat: createImbotChat(bitrixCaller(ctx.bitrix), bot),
    scheduleTimer: async (targetId, timer, at) => {
      await queue.scheduleTimer({ targetId, timer, at }, new Date(at), ctx.clock.now());
    },
    now: () => ctx.clock.now(),
    log,
    settleMs: config.env.BITRIX_SEND_SETTLE_MS,
    progress: options.progress,
    onStandupDone: (id) => {
      status.lastStandup = id;
    },
  };
  const has = (role: Role) => options.roles.includes(role);
  const workerConnection = has('worker')
    ? new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: null })
    : undefined;
  const worker = workerConnection
    ? createJobWorker({
        connection: workerConnection,
        prefix: `${ctx.keyPrefix}bull`,
        concurrency: options.concurrency,
        leaseMs: config.env.LEASE_MS,
        log,
        handlers: {
          standup: (payload) => runStandup(deps, payload),
          timer: (payload) => handleTimer(deps, payload),
        },
        isPermanent: (error) => isPermanentBitrixError(error) || error instanceof ConfigError,
        onFailed: (job, error) => reportFailedJob(deps, job, error),
      })
    : undefined;
  const poller = createEventPoller({
    fetch: imbotEventSource(ctx.bitrix, bot),
    inbox: store.inbox,
    process: (event) => processEvent(deps, event),
    log: log.child({ role: 'poller' }),
    owner: randomUUID(),
    idleMs: config.env.POLL_INTERVAL_MS,
    claimMs: config.env.LEASE_MS,
    onPoll: (at) => {
      status.lastPoll = at;
    },
  });
  let scheduler: Scheduler | undefined;
  if (has('scheduler')) {
    scheduler = createScheduler({
      dept: config.department,
      calendar: ctx.calendar,
      queue,
      log: log.child({ role: 'scheduler' }),
      now: () => ctx.clock.now(),
      graceMinutes: options.graceMinutes ?? 120,
    });
    await scheduler.start();
  }
  if (has('poller')) {
    poller.start();
  }
  let health: HealthServer | undefined;
  let healthPort: number | undefined;
  if (has('health')) {
    health = createHealthServer(readinessChecks({ redis: ctx.redis, bitrix: ctx.bitrix, status }));
    healthPort = await health.listen(options.healthPort ?? config.env.HEALTH_PORT);
  }
  log.info({ roles: options.roles, bot: bot.id, healthPort }, 'standup-bot running');
  return {
    deps,
    queue,
    poller,
    healthPort,
    async stop() {
      await scheduler?.stop();
      await poller.stop();
      await health?.close();
      if (worker !== undefined) {
        const closing = worker.close();
        const timeout = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs ?? 25_000).unref(),
        );
        if ((await Promise.race([closing.then(() => 'closed' as const), timeout])) === 'timeout') {
          log.warn('running jobs did not finish in time; they will be retried by the next process');
          await worker.close(true);
        }
      }
      await queue.close();
      // BullMQ leaves connections it was given open; they are ours to close.
      for (const connection of [queueConnection, workerConnection]) {
        await connection?.quit().catch(() => connection.disconnect());
      }
    },
  };
}
