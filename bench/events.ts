import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createEventPoller } from '../src/chat/event-poller.js';
import { createImbotChat } from '../src/chat/imbot-chat.js';
import { bitrixCaller, imbotEventSource } from '../src/chat/imbot-events.js';
import { registerBot } from '../src/chat/register-bot.js';
import type { ChatPort } from '../src/chat/chat-port.js';
import { createCalendar } from '../src/domain/calendar.js';
import type { Figure } from '../src/domain/evaluation/report-schema.js';
import { startConversation } from '../src/domain/standup/start-conversation.js';
import { createLogger } from '../src/lib/logger.js';
import { createSecrets } from '../src/lib/secrets.js';
import { bitrixCrmReader } from '../src/report/crm-reader.js';
import { processEvent } from '../src/standup/process-event.js';
import { contextFor, type StandupDeps } from '../src/standup/service-deps.js';
import { createStandupStore } from '../src/standup/standup-store.js';
import { benchClient } from './collection.js';
import { spawnEmulator } from './emulator-process.js';
import { percentile, round } from './measure.js';

const LAG: Figure = {
  managerId: 0,
  metric: 'calls_outgoing',
  window: 'day',
  from: '2026-11-23T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  fact: 5,
  norm: 40,
  ratio: 0.125,
  status: 'lag',
  direction: 'more',
  unit: 'count',
};

/**
 * The event path on one worker, portal limit off (loopback): a burst of replies all at once
 * (how many a second it digests), then a steady 200 replies a second (how long each waits for
 * the bot's answer). Every reply goes Event.get -> Redis inbox -> route -> transition under
 * compare-and-set -> two messages sent and marked.
 */
export async function eventPath(
  redis: Redis,
  keyPrefix: string,
  managers: number,
  concurrency?: number,
) {
  // The portal runs in its own process: this one measures only the worker.
  const emulator = await spawnEmulator({ managers, limit: false, seed: 3 });
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, {
    burst: 1_000_000,
    perSecond: 1_000_000,
  });
  const userWrites = (fromUserId: number, to: number, text: string) =>
    fetch(`${emulator.url}/_emulator/write`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fromUserId, to, text }),
    });
  const bot = await registerBot({
    caller: bitrixCaller(client),
    code: 'bench',
    token: undefined,
    name: 'Bench',
    workPosition: 'bench',
  });
  const store = createStandupStore(redis, keyPrefix);
  const answered = new Map<string, number>();
  const real = createImbotChat(bitrixCaller(client), { id: bot.id, token: bot.token });
  const chat: ChatPort = {
    send: async (dialogId, text, keyboard, options) => {
      const id = await real.send(dialogId, text, keyboard, options);
      if (!answered.has(dialogId)) {
        answered.set(dialogId, performance.now());
      }
      return id;
    },
    update: (id, text, keyboard) => real.update(id, text, keyboard),
    locate: (dialogId, probe) => real.locate(dialogId, probe),
  };
  const log = createLogger({ level: 'silent', format: 'json', secrets: createSecrets() });
  const dept = emulator.department;
  const deps: StandupDeps = {
    dept,
    calendar: createCalendar(dept),
    store,
    reader: bitrixCrmReader(client),
    chat,
    scheduleTimer: async () => undefined,
    now: () => new Date(),
    log,
  };
  const ids = dept.managers.map((m) => m.userId);
  for (const manager of dept.managers) {
    const start = startConversation(
      {
        standupId: 'bench',
        day: '2026-11-24',
        departmentId: 'bench',
        manager: {
          managerId: manager.userId,
          name: manager.name,
          mode: manager.mode,
          figures: [],
          lags: [{ ...LAG, managerId: manager.userId }],
          severity: 1,
        },
      },
      contextFor(deps),
    );
    await store.conversations.create(start.state.id, { ...start.state, outbox: [] });
    await store.setOpen(start.state, true);
  }
  const poller = createEventPoller({
    fetch: imbotEventSource(client, { id: bot.id, token: bot.token }),
    inbox: store.inbox,
    process: (e) => processEvent(deps, e),
    log,
    owner: randomUUID(),
    idleMs: 20,
    busyMs: 0,
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  poller.start();
  const waitAll = async (count: number) => {
    while (answered.size < count) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  // Burst: every manager answers at once.
  const burstStart = performance.now();
  await Promise.all(
    ids.map((id) =>
      userWrites(id, bot.id, 'Причина: был на встрече. План: 50 звонков. Срок: завтра'),
    ),
  );
  await waitAll(ids.length);
  const burstSeconds = (performance.now() - burstStart) / 1000;
  // Steady: 200 edits a second, each waited for.
  answered.clear();
  const written = new Map<string, number>();
  const steadyStart = performance.now();
  for (const [index, id] of ids.entries()) {
    // Paced by the clock, not by timer delays, so the offered rate really is 200 a second.
    const due = steadyStart + index * 5;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    written.set(String(id), performance.now());
    void userWrites(id, bot.id, 'Срок: пятница');
  }
  const offeredRate = ids.length / ((performance.now() - steadyStart) / 1000);
  await waitAll(ids.length);
  const latencies = [...written].map(([dialog, at]) => (answered.get(dialog) ?? at) - at);
  await poller.stop();
  emulator.stop();
  return {
    replies: ids.length,
    burstRepliesPerSecond: round(ids.length / burstSeconds, 0),
    steadyRate: round(offeredRate, 0),
    latencyP50Ms: round(percentile(latencies, 50), 0),
    latencyP99Ms: round(percentile(latencies, 99), 0),
  };
}
