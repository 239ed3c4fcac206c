import { randomUUID } from 'node:crypto';
import { isPermanentBitrixError } from '../bitrix/errors.js';
import { createEventPoller, type EventPoller } from '../chat/event-poller.js';
import { createImbotChat } from '../chat/imbot-chat.js';
import { batchedWrites } from '../chat/batched-writes.js';
import type { ChatPort } from '../chat/chat-port.js';
import { pollCadence } from '../chat/poll-cadence.js';
import { isWorkingTime } from '../domain/working-time.js';
import { imbotEventSource } from '../chat/imbot-events.js';
import { ConfigError } from '../config/config-error.js';
import type { AppContext } from '../context.js';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.js';
import { createJobWorker } from '../jobs/job-worker.js';
import { createScheduler } from '../jobs/scheduler.js';
import { runWeek } from '../week/run-week.js';
import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { within } from '../lib/within.js';
import { bitrixCrmReader } from '../report/crm-reader.js';
import { handleTimer } from '../standup/handle-timer.js';
import { processEvent } from '../standup/process-event.js';
import { runStandup } from '../standup/run-standup.js';
import type { StandupDeps } from '../standup/service-deps.js';
import { createStandupStore } from '../standup/standup-store.js';
import { createHealthServer } from './health-server.js';
import { readinessChecks } from './readiness.js';
import { createMetrics } from './metrics.js';
import { authorOf, noteToHead } from './head-notes.js';
import { PART_MS, stopParts, type Part } from './parts.js';
import { reportFailedJob } from './report-failed-job.js';
import { checkPortal, listenOrExplain } from './startup-checks.js';
import { screenEvent } from '../chat/screen-event.js';
import { mayDecide } from '../domain/department/may-decide.js';
import { deadLetterText, quarantinedText } from '../domain/standup/texts/failure-texts.js';
import { languageOf } from '../standup/service-deps.js';

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
  /** Overrides POLL_INTERVAL_MS (the demo polls its own emulator faster than a portal allows). */
  pollIntervalMs?: number;
  progress?: StandupDeps['progress'];
}

export interface Runtime {
  deps: StandupDeps;
  queue: JobQueue;
  poller: EventPoller;
  healthPort: number | undefined;
  /**
   * Stops the schedule, the poller and the health endpoint, lets running jobs finish (at most
   * `shutdownTimeoutMs`, 20 s), closes the connections; every step is bounded, so it returns
   * within about 25 s whatever state Redis or the portal is in. True when all of it was clean.
   */
  stop(): Promise<boolean>;
}

/**
 * Starts the roles of one process against one Redis and one portal. By default a process runs
 * them all; several processes may run any mix: job ids and the inbox make every standup and
 * every event happen once, whatever the number of instances. Start-up checks come first (the
 * stored bot, the health port, the portal's answer to the webhook); whatever fails stops what
 * was started and throws one error that names the cause.
 */
export async function startRuntime(ctx: AppContext, options: RuntimeOptions): Promise<Runtime> {
  const { config, log } = ctx;
  // The head hears of a record set aside; `deps` exists by the time anything is read.
  let notes: ((id: string, text: string) => void) | undefined;
  const store = createStandupStore(ctx.redis, ctx.keyPrefix, {
    onQuarantined: (kind, id, reason) => {
      log.error({ kind, id, reason }, 'a stored record no longer fits its schema; set aside');
      notes?.(`${kind}-${id}`, quarantinedText(kind, id, config.department.language));
    },
  });
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
  const has = (role: Role) => options.roles.includes(role);
  const parts: Part[] = [];
  const status = {
    lastStandup: undefined as string | undefined,
    lastPoll: undefined as Date | undefined,
  };
  // The queue exists once started; until then the page shows no queue.
  let queueCounts: () => Promise<Record<string, number>> = () => Promise.resolve({});
  const { metrics, registry } = createMetrics({
    bitrix: () => ctx.bitrix.stats(),
    queue: () => queueCounts(),
    pendingEvents: () => store.inbox.pendingCount(),
  });
  // The bot's own messages make answers likely: the poller hears of each send.
  let touch = () => undefined as void;
  try {
    let healthPort: number | undefined;
    if (has('health')) {
      const health = createHealthServer(
        readinessChecks({
          redis: ctx.redis,
          bitrix: ctx.bitrix,
          status,
          pollEveryMs: has('poller')
            ? (options.pollIntervalMs ?? config.env.POLL_INTERVAL_MS)
            : undefined,
          now: () => ctx.clock.now(),
        }),
        3_000,
        async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
      );
      healthPort = await listenOrExplain(
        health,
        options.healthPort ?? config.env.HEALTH_PORT,
        config.env.HEALTH_HOST,
      );
      parts.push({ name: 'health', ms: PART_MS, stop: () => health.close() });
    }
    await checkPortal(ctx);
    const queueConnection = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    queueConnection.on('error', () => undefined);
    parts.push({ name: 'queue connection', ms: PART_MS, stop: () => closeRedis(queueConnection) });
    const queue = createJobQueue({ connection: queueConnection, prefix: `${ctx.keyPrefix}bull` });
    parts.push({ name: 'queue', ms: PART_MS, stop: () => queue.close() });
    queueCounts = () => queue.counts();
    const deps: StandupDeps = {
      dept: config.department,
      calendar: ctx.calendar,
      store,
      reader: bitrixCrmReader(ctx.bitrix),
      chat: touching(createImbotChat(batchedWrites(ctx.bitrix), bot), () => touch()),
      scheduleTimer: async (targetId, timer, at) => {
        await queue.scheduleTimer({ targetId, timer, at }, new Date(at), ctx.clock.now());
      },
      now: () => ctx.clock.now(),
      log,
      settleMs: config.env.BITRIX_SEND_SETTLE_MS,
      historyKeepDays: config.env.HISTORY_KEEP_DAYS,
      progress: options.progress,
      onStandupDone: (id) => {
        status.lastStandup = id;
      },
      metrics,
    };
    notes = (id, text) => {
      void noteToHead(deps, id, text);
    };
    if (has('worker')) {
      const connection = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: null });
      connection.on('error', () => undefined);
      parts.push({ name: 'worker connection', ms: PART_MS, stop: () => closeRedis(connection) });
      const worker = createJobWorker({
        connection,
        prefix: `${ctx.keyPrefix}bull`,
        concurrency: options.concurrency,
        leaseMs: config.env.LEASE_MS,
        log,
        handlers: {
          standup: (payload) => runStandup(deps, payload),
          timer: (payload) => handleTimer(deps, payload),
          week: (payload) => runWeek(deps, payload.day),
        },
        isPermanent: (error) => isPermanentBitrixError(error) || error instanceof ConfigError,
        onFailed: (job, error) => {
          metrics.jobFailed(job.name);
          return reportFailedJob(deps, job, error);
        },
      });
      parts.push({
        name: 'worker',
        ms: options.shutdownTimeoutMs ?? config.env.SHUTDOWN_TIMEOUT_MS,
        stop: () => worker.close(),
        force: () => {
          log.warn('running jobs did not finish in time; they will be retried by the next process');
          return within(worker.close(true), PART_MS);
        },
      });
    }
    const poller = createEventPoller({
      fetch: imbotEventSource(ctx.bitrix, bot),
      inbox: store.inbox,
      process: async (event) => {
        await processEvent(deps, event);
        metrics.eventProcessed(ctx.clock.now().getTime() - Date.parse(event.date));
      },
      log: log.child({ role: 'poller' }),
      owner: randomUUID(),
      idleMs: options.pollIntervalMs ?? config.env.POLL_INTERVAL_MS,
      // A fixed interval when the caller set one (the demo); otherwise it follows activity.
      ...(options.pollIntervalMs === undefined
        ? {
            cadence: pollCadence({
              idleMs: config.env.POLL_INTERVAL_MS,
              slowestMs: config.env.POLL_SLOWEST_MS,
              isWorkingTime: (at) => isWorkingTime(config.department, ctx.calendar, at),
            }),
            now: () => ctx.clock.now(),
          }
        : {}),
      claimMs: config.env.LEASE_MS,
      onPoll: (at) => {
        status.lastPoll = at;
      },
      screen: screenEvent({
        botId: bot.id,
        isKnown: (userId) =>
          mayDecide(config.department.head, userId) ||
          config.department.managers.some((m) => m.userId === userId),
      }),
      onDeadLetter: (event) => {
        metrics.deadLetter();
        return noteToHead(
          deps,
          `dead-event-${event.eventId}`,
          deadLetterText(authorOf(event), event.eventId, languageOf(deps)),
        );
      },
    });
    touch = () => poller.touch();
    if (has('scheduler')) {
      const scheduler = createScheduler({
        dept: config.department,
        calendar: ctx.calendar,
        queue,
        log: log.child({ role: 'scheduler' }),
        now: () => ctx.clock.now(),
        graceMinutes: options.graceMinutes ?? 120,
      });
      parts.push({ name: 'scheduler', ms: PART_MS, stop: () => scheduler.stop() });
      await scheduler.start();
    }
    if (has('poller')) {
      poller.start();
      parts.push({ name: 'poller', ms: 5_000, stop: () => poller.stop() });
    }
    log.info({ roles: options.roles, bot: bot.id, healthPort }, 'standup-bot running');
    return { deps, queue, poller, healthPort, stop: () => stopParts(parts, log) };
  } catch (error) {
    await stopParts(parts, log);
    throw error;
  }
}

/** The chat, telling `onSend` after each message the portal accepted. */
function touching(chat: ChatPort, onSend: () => void): ChatPort {
  return {
    ...chat,
    send: async (...args) => {
      const id = await chat.send(...args);
      onSend();
      return id;
    },
  };
}
