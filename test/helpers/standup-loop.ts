import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createBitrixClient, type BitrixClient } from '../../src/bitrix/client.js';
import { createEventPoller, type EventPoller } from '../../src/chat/event-poller.js';
import { createImbotChat } from '../../src/chat/imbot-chat.js';
import { batchedWrites } from '../../src/chat/batched-writes.js';
import { bitrixCaller, imbotEventSource } from '../../src/chat/imbot-events.js';
import { registerBot } from '../../src/chat/register-bot.js';
import { resolveBitrixAuth } from '../../src/config/env-schema.js';
import { parseEnv } from '../../src/config/load-config.js';
import { createCalendar } from '../../src/domain/calendar.js';
import {
  generateDepartment,
  type GeneratedDepartment,
} from '../../src/emulator/generator/generate-department.js';
import type { PortalState } from '../../src/emulator/portal-state.js';
import { startEmulator, type Emulator } from '../../src/emulator/start-emulator.js';
import { createManualClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { createSecrets } from '../../src/lib/secrets.js';
import { bitrixCrmReader } from '../../src/report/crm-reader.js';
import { processEvent } from '../../src/standup/process-event.js';
import type { StandupDeps } from '../../src/standup/service-deps.js';
import { createStandupStore, type StandupStore } from '../../src/standup/standup-store.js';
import { captureLogs } from './capture-logs.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from './redis.js';

export interface Timer {
  targetId: string;
  timer: 'reminder' | 'deadline' | 'escalation';
  at: string;
}

export interface StandupLoop {
  emulator: Emulator;
  /** The emulator's portal, for a test to change what it says about people. */
  portal: PortalState;
  generated: GeneratedDepartment;
  client: BitrixClient;
  store: StandupStore;
  deps: StandupDeps;
  poller: EventPoller;
  botId: number;
  timers: Timer[];
  clock: ReturnType<typeof createManualClock>;
  logs: ReturnType<typeof captureLogs>;
  /** The loop's Redis and the prefix of its keys (with the colon). */
  redis: Redis;
  keyPrefix: string;
  /** A fresh set of handlers on the same Redis and portal: a process restarted. */
  restart(): StandupDeps;
  close(): Promise<void>;
}

/** The whole standup on a real Redis and the emulator over HTTP, with timers recorded, not run. */
export async function startStandupLoop(
  options: {
    seed?: number;
    managers?: number;
    at?: string;
    /** Retries wait at most this long (the client's backoff is real otherwise). */
    maxRetryWaitMs?: number;
    timeoutMs?: number;
    /** The portal answers a repeated templateId with the first message (the im module does). */
    dedupeTemplateIds?: boolean;
    /** The generator's vacationer and dismissed manager (see GeneratorOptions.portalPeople). */
    portalPeople?: boolean;
    /** The webhook's scopes; every scope when omitted. */
    scopes?: readonly string[];
  } = {},
): Promise<StandupLoop> {
  const at = new Date(options.at ?? '2026-11-24T08:45:00+03:00');
  const generated = generateDepartment({
    seed: options.seed ?? 7,
    managers: options.managers ?? 8,
    today: '2026-11-24',
    portalPeople: options.portalPeople ?? false,
  });
  let portal: PortalState | undefined;
  const emulator = await startEmulator({
    populate: (state) => {
      portal = state;
      generated.populate(state);
    },
    ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
    rateLimit: false,
    now: at,
    dedupeTemplateIds: options.dedupeTemplateIds ?? false,
  });
  const redis = connectTestRedis();
  const prefix = `${uniquePrefix('loop')}:`;
  const logs = captureLogs();
  const log = createLogger({
    level: 'debug',
    format: 'json',
    secrets: createSecrets(),
    destination: logs.stream,
  });
  const auth = resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: emulator.webhookUrl }));
  const client = createBitrixClient({
    auth: auth!,
    redis,
    keyPrefix: prefix,
    rateLimit: { burst: 50, perSecond: 50 },
    timeoutMs: options.timeoutMs ?? 10_000,
    log,
    secrets: createSecrets(),
    ...(options.maxRetryWaitMs === undefined
      ? {}
      : {
          sleep: (ms: number) =>
            new Promise<void>((resolve) =>
              setTimeout(resolve, Math.min(ms, options.maxRetryWaitMs ?? ms)),
            ),
        }),
  });
  const bot = await registerBot({
    caller: bitrixCaller(client),
    code: 'standup_bot',
    token: undefined,
    name: 'Планёрка',
    workPosition: 'бот',
  });
  const store = createStandupStore(redis, prefix);
  await store.saveBot({ id: bot.id, token: bot.token });
  const clock = createManualClock(at);
  const timers: Timer[] = [];
  const make = (): StandupDeps => ({
    dept: generated.department,
    calendar: createCalendar(generated.department),
    store,
    reader: bitrixCrmReader(client),
    chat: createImbotChat(batchedWrites(client), { id: bot.id, token: bot.token }),
    scheduleTimer: async (targetId, timer, when) => {
      timers.push({ targetId, timer, at: when });
    },
    now: () => clock.now(),
    // Short, so tests need not wait: longer than any answer the emulator holds back (1.5 s).
    settleMs: 2_000,
    log,
  });
  const deps = make();
  const poller = createEventPoller({
    fetch: imbotEventSource(client, { id: bot.id, token: bot.token }),
    inbox: store.inbox,
    process: (event) => processEvent(deps, event),
    log,
    owner: randomUUID(),
    idleMs: 10,
  });
  return {
    emulator,
    portal: portal as PortalState,
    generated,
    client,
    store,
    deps,
    poller,
    botId: bot.id,
    timers,
    clock,
    logs,
    redis,
    keyPrefix: prefix,
    restart: make,
    close: async () => {
      await emulator.close();
      await deleteByPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
