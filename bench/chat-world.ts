import type { Redis } from 'ioredis';
import { batchedWrites } from '../src/chat/batched-writes.js';
import { createImbotChat } from '../src/chat/imbot-chat.js';
import { bitrixCaller } from '../src/chat/imbot-events.js';
import { registerBot } from '../src/chat/register-bot.js';
import type { ChatPort } from '../src/chat/chat-port.js';
import type { BitrixClient } from '../src/bitrix/client.js';
import { createCalendar } from '../src/domain/calendar.js';
import type { Figure } from '../src/domain/evaluation/report-schema.js';
import { startConversation } from '../src/domain/standup/start-conversation.js';
import { createLogger } from '../src/lib/logger.js';
import { createSecrets } from '../src/lib/secrets.js';
import { bitrixCrmReader } from '../src/report/crm-reader.js';
import { contextFor, type StandupDeps } from '../src/standup/service-deps.js';
import { createStandupStore } from '../src/standup/standup-store.js';
import type { EmulatorProcess } from './emulator-process.js';

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
 * A bot registered on an emulator process, one open question per manager, and a chat that
 * notes when each send to each dialog completed: what the event benches drive.
 */
export async function chatWorld(
  emulator: EmulatorProcess,
  client: BitrixClient,
  redis: Redis,
  keyPrefix: string,
) {
  const bot = await registerBot({
    caller: bitrixCaller(client),
    code: 'bench',
    token: undefined,
    name: 'Bench',
    workPosition: 'bench',
  });
  const store = createStandupStore(redis, keyPrefix);
  /** Completion times of the bot's sends, per dialog, in order. */
  const sends = new Map<string, number[]>();
  // As the runtime does: sends and card updates ready at once ride in one batch.
  const real = createImbotChat(batchedWrites(client), { id: bot.id, token: bot.token });
  const chat: ChatPort = {
    send: async (dialogId, text, keyboard, options) => {
      const id = await real.send(dialogId, text, keyboard, options);
      sends.set(dialogId, [...(sends.get(dialogId) ?? []), performance.now()]);
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
  const userWrites = (fromUserId: number, text: string) =>
    fetch(`${emulator.url}/_emulator/write`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fromUserId, to: bot.id, text }),
    });
  return { bot, store, deps, sends, log, userWrites, ids: dept.managers.map((m) => m.userId) };
}
