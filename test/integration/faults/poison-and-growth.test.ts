import { afterEach, describe, expect, it } from 'vitest';
import { createEventPoller } from '../../../src/chat/event-poller.js';
import { screenEvent } from '../../../src/chat/screen-event.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { processEvent } from '../../../src/standup/process-event.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { createStandupStore } from '../../../src/standup/standup-store.js';
import { createRedisEventInbox, type InboxEvent } from '../../../src/store/event-inbox.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';

const DAY = '2026-11-24';
const STANDUP = 'sales-demo-20261124';
const HEAD = 1;
let loop: StandupLoop | undefined;
afterEach(async () => {
  await loop?.close();
  loop = undefined;
});

let nextEventId = 700_000;
function message(userId: number, text: string, extra: Record<string, unknown> = {}): InboxEvent {
  const eventId = ++nextEventId;
  return {
    eventId,
    type: 'ONIMBOTV2MESSAGEADD',
    date: `${DAY}T09:00:00+03:00`,
    data: {
      message: { id: eventId, authorId: userId, date: `${DAY}T09:00:00+03:00`, text },
      chat: { id: 7, dialogId: String(userId), type: 'private' },
      user: { id: userId, name: 'Someone', bot: false },
      ...extra,
    },
  };
}

async function standupWithAnswers(current: StandupLoop) {
  const slot = standupSlot(current.generated.department, DAY, parseLocalTime('08:45'));
  await runStandup(current.deps, slot);
  const laggards = (await current.store.standups.get(STANDUP))?.value.report.laggards ?? [];
  for (const id of laggards) {
    await processEvent(
      current.deps,
      message(id, 'Причина: болел. План: 30 звонков в день. Срок: пятница'),
    );
  }
  return laggards;
}

describe('one bad record or event never blocks the others', () => {
  it('a stored conversation that no longer fits is set aside; the head approves the rest', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8 });
    const laggards = await standupWithAnswers(loop);
    expect(laggards.length).toBeGreaterThan(1);
    const [broken, ...others] = laggards;
    const key = `${loop.keyPrefix}conv:${STANDUP}-${broken}`;
    await loop.redis.hset(key, 'd', JSON.stringify({ id: 'from an older version', phase: 42 }));

    await processEvent(loop.deps, message(HEAD, 'ок все'));

    for (const id of others) {
      expect((await loop.store.conversations.get(`${STANDUP}-${id}`))?.value.phase).toBe(
        'approved',
      );
    }
    expect(await loop.redis.exists(key)).toBe(0);
    expect(await loop.redis.exists(`${loop.keyPrefix}dead:conversation:${STANDUP}-${broken}`)).toBe(
      1,
    );
    expect(await loop.store.openIds()).not.toContain(`${STANDUP}-${broken}`);
  });

  it('an event that fails every time is set aside after five tries; the next ones go on', async () => {
    const redis = connectTestRedis();
    const prefix = `${uniquePrefix('dead')}:`;
    const inbox = createRedisEventInbox(redis, prefix);
    const log = createLogger({ level: 'silent', format: 'json', secrets: createSecrets() });
    const poison = message(11, 'this one breaks');
    const fine = message(11, 'this one is fine');
    let pages = [[poison, fine]];
    const processed: number[] = [];
    const setAside: number[] = [];
    const poller = createEventPoller({
      fetch: async () => ({
        events: pages.shift() ?? [],
        nextOffset: fine.eventId + 1,
        hasMore: false,
      }),
      inbox,
      process: async (event) => {
        if (event.eventId === poison.eventId) {
          throw new Error('the record no longer fits');
        }
        processed.push(event.eventId);
      },
      log,
      owner: 'test',
      idleMs: 1,
      onDeadLetter: async (event) => {
        setAside.push(event.eventId);
      },
    });
    for (let round = 0; round < 5; round++) {
      await poller.pollOnce();
    }
    pages = [];
    await poller.pollOnce();
    expect(setAside).toEqual([poison.eventId]);
    expect(processed).toEqual([fine.eventId]);
    expect(await inbox.pendingCount()).toBe(0);
    expect((await inbox.deadLetters(10)).map((d) => d.eventId)).toEqual([poison.eventId]);
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });
});

describe('strangers and other bots', () => {
  it("another bot's events are never stored, a stranger's text never kept, and a stranger answered once a day", async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8 });
    await standupWithAnswers(loop);
    const screen = screenEvent({
      botId: loop.botId,
      isKnown: (id) =>
        id === HEAD || loop!.generated.department.managers.some((m) => m.userId === id),
    });
    const otherBot = message(HEAD, 'ок все', { bot: { id: loop.botId + 1 } });
    expect(screen(otherBot)).toBeUndefined();

    const stranger = 999;
    loop.emulator.control.state.users.set(stranger, {
      ...loop.emulator.control.state.users.get(HEAD)!,
      id: stranger,
    });
    const secret = 'x'.repeat(100_000);
    for (let i = 0; i < 3; i++) {
      const screened = screen(message(stranger, secret));
      expect(JSON.stringify(screened)).not.toContain('xxxx');
      await processEvent(loop.deps, screened!);
    }
    const answers = loop.emulator.control
      .transcript(privateConversation(stranger, loop.botId))
      .filter((m) => m.authorId === loop?.botId);
    expect(answers).toHaveLength(1);
  });
});

describe('nothing grows without bound', () => {
  it('the next standup closes what nobody answered; records expire; old history is forgotten', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8 });
    const slot = standupSlot(loop.generated.department, DAY, parseLocalTime('08:45'));
    await runStandup(loop.deps, slot);
    const asked = await loop.store.openIds();
    expect(asked.length).toBeGreaterThan(0);
    expect(await loop.redis.ttl(`${loop.keyPrefix}conv:${asked[0]}`)).toBeGreaterThan(0);
    await loop.store.history.put('sales-demo-20240101-11', '2024-01-01', {
      ...(await loop.store.history.range(DAY, DAY))[0]!,
    });

    const next = standupSlot(loop.generated.department, '2026-11-25', parseLocalTime('08:45'));
    loop.clock.set(new Date('2026-11-25T08:45:00+03:00'));
    await runStandup(loop.restart(), next);

    const stillOpen = await loop.store.openIds();
    expect(stillOpen.filter((id) => asked.includes(id))).toEqual([]);
    expect((await loop.store.history.range('2024-01-01', '2024-01-02')).length).toBe(0);
    expect((await loop.store.history.range(DAY, DAY)).length).toBe(asked.length);
  });
});

describe('a store that sets records aside', () => {
  it('reports what it set aside and why', async () => {
    const redis = connectTestRedis();
    const prefix = `${uniquePrefix('quarantine')}:`;
    const told: string[] = [];
    const store = createStandupStore(redis, prefix, {
      onQuarantined: (kind, id, reason) => told.push(`${kind} ${id}: ${reason}`),
    });
    await redis.hset(`${prefix}standup:s-1`, 'v', '1', 'd', 'not json');
    expect(await store.standups.get('s-1')).toBeUndefined();
    expect(told).toEqual([expect.stringMatching(/^standup s-1: does not match its schema/)]);
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });
});
