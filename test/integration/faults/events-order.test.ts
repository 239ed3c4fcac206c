import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventPoller, type EventPage } from '../../../src/chat/event-poller.js';
import { imbotEventSource } from '../../../src/chat/imbot-events.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { processEvent } from '../../../src/standup/process-event.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import type { InboxEvent } from '../../../src/store/event-inbox.js';
import { expectNoMessageTwice } from '../../helpers/invariants.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';

const [CALLS, MEETINGS] = [14, 15];
const STANDUP = 'sales-demo-20261124';
let loop: StandupLoop;

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 9, managers: 8 });
  await runStandup(
    loop.deps,
    standupSlot(loop.generated.department, '2026-11-24', parseLocalTime('08:45')),
  );
}, 60_000);
afterAll(async () => loop.close());

describe('events delivered twice and out of order', () => {
  it('are stored once each and applied in the order they were written', async () => {
    const bot = await loop.store.bot();
    const source = imbotEventSource(loop.client, { id: loop.botId, token: bot?.token });
    let previous: InboxEvent[] = [];
    let delivered = 0;
    // A portal gone wrong: every page reversed, and the previous page delivered again with it.
    const fetch = async (offset: number | undefined): Promise<EventPage> => {
      const page = await source(offset);
      const events = [...page.events].reverse().concat(previous);
      previous = page.events;
      delivered += events.length;
      return { ...page, events };
    };
    const poller = createEventPoller({
      fetch,
      inbox: loop.store.inbox,
      process: (event) => processEvent(loop.deps, event),
      log: loop.deps.log,
      owner: randomUUID(),
      idleMs: 10,
      busyMs: 0,
    });
    const write = (userId: number, text: string) =>
      loop.emulator.control.userWrites({ fromUserId: userId, to: loop.botId, text });
    write(MEETINGS, 'Клиенты перенесли встречи на следующую неделю');
    write(MEETINGS, 'Обзвоню всех и назначу по две встречи в день');
    write(CALLS, 'Причина: был на выезде. План: 25 звонков в день. Срок: завтра');
    write(MEETINGS, 'до пятницы');
    await poller.pollOnce();
    await poller.pollOnce();
    await poller.pollOnce();
    expect(delivered).toBeGreaterThan(4);
    expect(await loop.store.inbox.pendingCount()).toBe(0);

    const meetings = (await loop.store.conversations.get(`${STANDUP}-${MEETINGS}`))?.value;
    expect(meetings?.answer.reason).toBe('Клиенты перенесли встречи на следующую неделю');
    expect(meetings?.answer.plan).toBe('Обзвоню всех и назначу по две встречи в день');
    expect(meetings?.answer.deadline).toBe('2026-11-27');
    expect(meetings?.phase).toBe('answered');
    expect(meetings?.processedEvents).toHaveLength(3);
    const calls = (await loop.store.conversations.get(`${STANDUP}-${CALLS}`))?.value;
    expect(calls?.phase).toBe('answered');
    expect(calls?.processedEvents).toHaveLength(1);

    const toMeetings = loop.emulator.control
      .transcript(privateConversation(MEETINGS, loop.botId))
      .filter((m) => m.authorId === loop.botId);
    // The question, "what will you do", "by when", and the summary: nothing twice.
    expect(toMeetings).toHaveLength(4);
    expectNoMessageTwice(loop.emulator.control.transcript(), loop.botId);
  });
});
