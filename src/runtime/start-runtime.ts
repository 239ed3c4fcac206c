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
import { createMonthScheduler } from '../jobs/month-scheduler.js';
import { runMonthJob } from '../standup/run-month.js';
import { runWeek } from '../week/run-week.js';
import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { within } from '../lib/within.js';
import { bitrixCrmReader } from '../report/crm-reader.js';
import { redisSettledDayStore } from '../report/settled-day-store.js';
import { handleTimer } from '../standup/handle-timer.js';
import { processPortalEvent } from '../standup/process-portal-event.js';
import { runStandup } from '../standup/run-standup.js';
import type { StandupDeps } from '../standup/service-deps.js';
import { createStandupStore, type StandupStore } from '../standup/standup-store.js';
import { createCalendar } from '../domain/calendar.js';
import { departmentOfId } from '../domain/department/department-of-id.js';
import { RetryLaterError } from '../lib/retry-later.js';
import { adoptLegacyKeys } from '../store/adopt-legacy-keys.js';
import { createPortalGate } from '../jobs/portal-gate.js';
import {
  fixedTenantSource,
  portalKeyPrefix,
  type PortalTenant,
  type TenantSource,
} from '../tenants/tenant-source.js';
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
  /** Where portals and departments come from; the environment's portal and files by default. */
  tenants?: TenantSource;
}

export interface Runtime {
  /** The first department's (the only one's, in a deployment of one department). */
  deps: StandupDeps;
  /** Every department of the first portal. */
  departments: readonly StandupDeps[];
  portals: readonly ServedPortal[];
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
  const source =
    options.tenants ??
    fixedTenantSource([
      { key: '', departments: config.departments.map((d) => d.department), bitrix: ctx.bitrix },
    ]);
  const portalList = await source.portals();
  if (portalList.length === 0 || portalList.every((p) => p.departments.length === 0)) {
    throw new ConfigError('tenants', [
      { path: 'tenants', message: 'no portal and department to serve' },
    ]);
  }
  const has = (role: Role) => options.roles.includes(role);
  const parts: Part[] = [];
  const status = {
    lastStandup: undefined as string | undefined,
    lastPoll: undefined as Date | undefined,
  };
  // The queue exists once started; until then the page shows no queue.
  let queueCounts: () => Promise<Record<string, number>> = () => Promise.resolve({});
  let pendingEvents: () => Promise<number> = () => Promise.resolve(0);
  const { metrics, registry } = createMetrics({
    bitrix: () => ctx.bitrix.stats(),
    queue: () => queueCounts(),
    pendingEvents: () => pendingEvents(),
  });
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
    if (portalList.some((p) => p.key === '')) {
      await checkPortal(ctx);
    }
    const queueConnection = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    queueConnection.on('error', () => undefined);
    parts.push({ name: 'queue connection', ms: PART_MS, stop: () => closeRedis(queueConnection) });
    const queue = createJobQueue({ connection: queueConnection, prefix: `${ctx.keyPrefix}bull` });
    parts.push({ name: 'queue', ms: PART_MS, stop: () => queue.close() });
    queueCounts = () => queue.counts();
    const portals: ServedPortal[] = [];
    for (const tenant of portalList) {
      const served = await servePortal(ctx, tenant, queue, {
        metrics,
        status,
        progress: options.progress,
        pollIntervalMs: options.pollIntervalMs,
      });
      if (served !== undefined) {
        portals.push(served);
      }
    }
    const first = portals[0];
    if (first === undefined) {
      throw new ConfigError('bot', [
        {
          path: 'bot',
          message: 'no bot is registered for this portal: run "standup-bot register-bot" first',
        },
      ]);
    }
    pendingEvents = async () =>
      (await Promise.all(portals.map((p) => p.store.inbox.pendingCount()))).reduce(
        (a, b) => a + b,
        0,
      );
    const byKey = new Map(portals.map((p) => [p.key, p]));
    /** The department a job is about: its portal, then the department its id begins with. */
    const depsOf = (data: { portal?: string | undefined }, id: string): StandupDeps => {
      const portal = byKey.get(data.portal ?? '');
      const deptId = departmentOfId(
        id,
        (portal?.departments ?? []).map((d) => d.dept.id),
      );
      const deps =
        portal?.departments.find((d) => d.dept.id === deptId) ??
        (portal?.departments.length === 1 ? portal.departments[0] : undefined);
      if (deps === undefined) {
        throw new ConfigError('tenants', [
          {
            path: 'department',
            message: `no department of portal "${data.portal ?? ''}" owns ${id}: was its file removed?`,
          },
        ]);
      }
      return deps;
    };
    if (has('worker')) {
      const connection = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: null });
      connection.on('error', () => undefined);
      parts.push({ name: 'worker connection', ms: PART_MS, stop: () => closeRedis(connection) });
      const gate = createPortalGate({
        redis: ctx.redis,
        keyPrefix: ctx.keyPrefix,
        limit: config.env.PORTAL_CONCURRENCY,
        leaseMs: 5 * 60_000,
      });
      const gated =
        <T>(portal: string | undefined, jobId: string, work: () => Promise<T>) =>
        async (): Promise<T> => {
          const key = portal ?? '';
          if (!(await gate.enter(key, jobId))) {
            // Its portal's places are taken: the worker slot goes to another portal's job.
            throw new RetryLaterError(
              Date.now() + 1_000 + Math.floor(Math.random() * 1_000),
              'the portal runs as many jobs as it may: later',
            );
          }
          try {
            return await work();
          } finally {
            await gate.leave(key, jobId).catch(() => undefined);
          }
        };
      const worker = createJobWorker({
        connection,
        prefix: `${ctx.keyPrefix}bull`,
        concurrency: options.concurrency,
        leaseMs: config.env.LEASE_MS,
        log,
        handlers: {
          standup: (payload, job) =>
            gated(payload.portal, job.jobId, () =>
              runStandup(depsOf(payload, payload.standupId), payload),
            )(),
          timer: (payload, job) =>
            gated(payload.portal, job.jobId, () =>
              handleTimer(depsOf(payload, payload.targetId), payload),
            )(),
          month: (payload, job) =>
            gated(payload.portal, job.jobId, () =>
              runMonthJob(depsOf(payload, `${payload.departmentId ?? ''}-month`), payload),
            )(),
          week: (payload, job) =>
            gated(payload.portal, job.jobId, () =>
              runWeek(depsOf(payload, payload.weekId), payload.day),
            )(),
        },
        isPermanent: (error) => isPermanentBitrixError(error) || error instanceof ConfigError,
        onFailed: (job, error) => {
          metrics.jobFailed(job.name);
          const data = (job.data ?? {}) as {
            portal?: string;
            standupId?: string;
            targetId?: string;
          };
          let deps: StandupDeps;
          try {
            deps = depsOf(data, data.standupId ?? data.targetId ?? '');
          } catch {
            deps = first.departments[0]!;
          }
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
    if (has('scheduler')) {
      for (const portal of portals) {
        for (const deps of portal.departments) {
          // The day's standups and the month's cards read the same department and clock.
          const schedule = {
            dept: deps.dept,
            calendar: deps.calendar,
            queue: onPortal(queue, portal.key),
            log: log.child({ role: 'scheduler', portal: portal.key, department: deps.dept.id }),
            now: () => ctx.clock.now(),
            graceMinutes: options.graceMinutes ?? 120,
          };
          const scheduler = createScheduler(schedule);
          parts.push({ name: 'scheduler', ms: PART_MS, stop: () => scheduler.stop() });
          await scheduler.start();
          const monthScheduler = createMonthScheduler(schedule);
          parts.push({ name: 'month scheduler', ms: PART_MS, stop: () => monthScheduler.stop() });
          await monthScheduler.start();
        }
      }
    }
    if (has('poller')) {
      for (const portal of portals) {
        portal.poller.start();
        parts.push({ name: 'poller', ms: 5_000, stop: () => portal.poller.stop() });
      }
    }
    log.info(
      {
        roles: options.roles,
        bot: first.botId,
        portals: portals.length,
        departments: portals.reduce((n, p) => n + p.departments.length, 0),
        healthPort,
      },
      'standup-bot running',
    );
    return {
      deps: first.departments[0]!,
      departments: first.departments,
      portals,
      queue,
      poller: first.poller,
      healthPort,
      stop: () => stopParts(parts, log),
    };
  } catch (error) {
    await stopParts(parts, log);
    throw error;
  }
}

/** A portal being served: its store, its bot and poller, one set of deps per department. */
export interface ServedPortal {
  key: string;
  botId: number;
  store: StandupStore;
  departments: StandupDeps[];
  poller: EventPoller;
}

/** The queue of one portal: every job it enqueues carries the portal's key. */
function onPortal(queue: JobQueue, portal: string): JobQueue {
  if (portal === '') {
    return queue;
  }
  return {
    ...queue,
    enqueueStandup: (payload) => queue.enqueueStandup({ ...payload, portal }),
    runStandupNow: (payload) => queue.runStandupNow({ ...payload, portal }),
    scheduleTimer: (payload, runAt, now) => queue.scheduleTimer({ ...payload, portal }, runAt, now),
    enqueueMonth: (departmentId, payload) =>
      queue.enqueueMonth(departmentId, { ...payload, portal }),
  };
}

/**
 * One portal's part of the runtime: its stored bot (a portal without one is skipped, said in
 * the log; the deployment's own portal must have one), each department's deps over the
 * portal's store, and one event poller routing each event to its sender's department.
 */
async function servePortal(
  ctx: AppContext,
  tenant: PortalTenant,
  queue: JobQueue,
  shared: {
    metrics: ReturnType<typeof createMetrics>['metrics'];
    status: { lastStandup: string | undefined; lastPoll: Date | undefined };
    progress: StandupDeps['progress'];
    pollIntervalMs: number | undefined;
  },
): Promise<ServedPortal | undefined> {
  const { config } = ctx;
  const log = tenant.key === '' ? ctx.log : ctx.log.child({ portal: tenant.key });
  const keyPrefix = portalKeyPrefix(ctx.keyPrefix, tenant.key);
  const ids = tenant.departments.map((d) => d.id);
  const adopted = await adoptLegacyKeys(ctx.redis, keyPrefix, ids);
  if (adopted.moved > 0) {
    log.info(adopted, "the department's indexes moved to keys of its own (once)");
  }
  // The head hears of a record set aside; the deps exist by the time anything is read.
  let departments: StandupDeps[] = [];
  const storeOf = (departmentId: string | undefined) =>
    createStandupStore(ctx.redis, keyPrefix, {
      ...(departmentId === undefined ? {} : { departmentId }),
      onQuarantined: (kind, id, reason) => {
        log.error({ kind, id, reason }, 'a stored record no longer fits its schema; set aside');
        const deps =
          departments.find((d) => d.dept.id === departmentOfId(id, ids)) ?? departments[0];
        if (deps !== undefined) {
          void noteToHead(deps, `${kind}-${id}`, quarantinedText(kind, id, deps.dept.language));
        }
      },
    });
  const store = storeOf(undefined);
  const stored = await store.bot();
  if (stored === undefined) {
    if (tenant.key === '') {
      throw new ConfigError('bot', [
        {
          path: 'bot',
          message: 'no bot is registered for this portal: run "standup-bot register-bot" first',
        },
      ]);
    }
    log.error('no bot is registered for this portal: it is not served');
    return undefined;
  }
  const bot = {
    id: stored.id,
    token: (tenant.key === '' ? config.env.BOT_TOKEN : undefined) ?? stored.token,
  };
  ctx.secrets.add(bot.token);
  // The bot's own messages make answers likely: the poller hears of each send.
  let touch = () => undefined as void;
  const chat = touching(createImbotChat(batchedWrites(tenant.bitrix), bot), () => touch());
  const reader = bitrixCrmReader(tenant.bitrix, {
    settled: redisSettledDayStore(ctx.redis, portalKeyPrefix(ctx.keyPrefix, tenant.key)),
  });
  const portalQueue = onPortal(queue, tenant.key);
  departments = tenant.departments.map((dept) => ({
    dept,
    calendar: createCalendar(dept),
    store: storeOf(dept.id),
    reader,
    chat,
    scheduleTimer: async (targetId, timer, at) => {
      await portalQueue.scheduleTimer({ targetId, timer, at }, new Date(at), ctx.clock.now());
    },
    now: () => ctx.clock.now(),
    log: tenant.departments.length === 1 ? log : log.child({ department: dept.id }),
    settleMs: config.env.BITRIX_SEND_SETTLE_MS,
    historyKeepDays: config.env.HISTORY_KEEP_DAYS,
    progress: shared.progress,
    onStandupDone: (id) => {
      shared.status.lastStandup = id;
    },
    metrics: shared.metrics,
  }));
  const first = departments[0]!;
  const poller = createEventPoller({
    fetch: imbotEventSource(tenant.bitrix, bot),
    inbox: store.inbox,
    process: async (event) => {
      await processPortalEvent(departments, event);
      shared.metrics.eventProcessed(ctx.clock.now().getTime() - Date.parse(event.date));
    },
    log: log.child({ role: 'poller' }),
    owner: randomUUID(),
    idleMs: shared.pollIntervalMs ?? config.env.POLL_INTERVAL_MS,
    // A fixed interval when the caller set one (the demo); otherwise it follows activity.
    ...(shared.pollIntervalMs === undefined
      ? {
          cadence: pollCadence({
            idleMs: config.env.POLL_INTERVAL_MS,
            slowestMs: config.env.POLL_SLOWEST_MS,
            isWorkingTime: (at) => departments.some((d) => isWorkingTime(d.dept, d.calendar, at)),
          }),
          now: () => ctx.clock.now(),
        }
      : {}),
    claimMs: config.env.LEASE_MS,
    onPoll: (at) => {
      shared.status.lastPoll = at;
    },
    screen: screenEvent({
      botId: bot.id,
      isKnown: (userId) =>
        departments.some(
          (d) => mayDecide(d.dept.head, userId) || d.dept.managers.some((m) => m.userId === userId),
        ),
    }),
    onDeadLetter: (event) => {
      shared.metrics.deadLetter();
      const author = (event.data as { user?: { id?: unknown } } | null)?.user?.id;
      const deps =
        departments.find(
          (d) =>
            d.dept.managers.some((m) => m.userId === Number(author)) ||
            mayDecide(d.dept.head, Number(author)),
        ) ?? first;
      return noteToHead(
        deps,
        `dead-event-${event.eventId}`,
        deadLetterText(authorOf(event), event.eventId, languageOf(deps)),
      );
    },
  });
  touch = () => poller.touch();
  return { key: tenant.key, botId: bot.id, store, departments, poller };
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
