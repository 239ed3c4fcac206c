import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MalformedBotEventError } from '../../../src/chat/bot-event.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { MAX_MESSAGE_CHARS } from '../../../src/chat/imbot-chat.js';
import { processEvent } from '../../../src/standup/process-event.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import type { InboxEvent } from '../../../src/store/event-inbox.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';

const HEAD = 1;
const [CALLS, MEETINGS, SILENT] = [14, 15, 16];
const STANDUP = 'sales-demo-20261124';
let loop: StandupLoop;
let nextEventId = 500_000;

const fromBot = (userId: number) =>
  loop.emulator.control
    .transcript(privateConversation(userId, loop.botId))
    .filter((m) => m.authorId === loop.botId);

/** A well-formed ONIMBOTV2MESSAGEADD from `userId` in the private dialog with the bot. */
function messageEvent(userId: number, text: string): InboxEvent {
  const eventId = ++nextEventId;
  return {
    eventId,
    type: 'ONIMBOTV2MESSAGEADD',
    date: '2026-11-24T09:00:00+03:00',
    data: {
      message: { id: eventId, authorId: userId, date: '2026-11-24T09:00:00+03:00', text },
      chat: { id: 7, dialogId: String(userId), type: 'private' },
      user: { id: userId, name: 'Someone', bot: false },
    },
  };
}

/** Everything a bad input could change: stored conversations, the standup, the chat. */
async function snapshot() {
  const record = await loop.store.standups.get(STANDUP);
  const conversations = await loop.store.conversations.getMany(record?.value.conversationIds ?? []);
  return JSON.stringify({ record, conversations, chat: loop.emulator.control.transcript() });
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 9, managers: 8 });
  await runStandup(
    loop.deps,
    standupSlot(loop.generated.department, '2026-11-24', parseLocalTime('08:45')),
  );
}, 60_000);
afterAll(async () => loop.close());

describe('malformed and forged events', () => {
  it('generated broken events are refused one by one and change nothing', async () => {
    const random = seeded(3);
    const wrong = {
      id: [null, 'abc', {}, [], -1, 1.5, '１２', 'x'.repeat(100_000)],
      text: [null, {}, [], 42, true],
      object: [null, 'abc', 42, [], 'x'.repeat(100_000)],
    };
    const required: [string[], keyof typeof wrong][] = [
      [['eventId'], 'id'],
      [['type'], 'text'],
      [['date'], 'text'],
      [['data'], 'object'],
      [['data', 'message'], 'object'],
      [['data', 'message', 'id'], 'id'],
      [['data', 'message', 'authorId'], 'id'],
      [['data', 'message', 'date'], 'text'],
      [['data', 'chat'], 'object'],
      [['data', 'chat', 'id'], 'id'],
      [['data', 'chat', 'dialogId'], 'text'],
      [['data', 'user'], 'object'],
      [['data', 'user', 'id'], 'id'],
    ];
    const before = await snapshot();
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const event = structuredClone(messageEvent(CALLS, 'Причина: пробки')) as unknown as Record<
        string,
        unknown
      >;
      const [path, kind] = required[Math.floor(random() * required.length)]!;
      let node = event;
      for (const key of path.slice(0, -1)) {
        node = node[key] as Record<string, unknown>;
      }
      const last = path.at(-1)!;
      if (random() < 0.3) {
        delete node[last];
      } else {
        node[last] = wrong[kind][Math.floor(random() * wrong[kind].length)];
      }
      await processEvent(loop.deps, event as unknown as InboxEvent).catch((error: unknown) => {
        expect(error).toBeInstanceOf(MalformedBotEventError);
        refused++;
      });
    }
    expect(refused).toBe(200);
    expect(await snapshot()).toBe(before);
  });
});

describe('odd replies are taken, escaped when echoed, and never crash', () => {
  it('empty and blank messages ask again without storing anything', async () => {
    for (const text of ['', '   ', '\n\n']) {
      await processEvent(loop.deps, messageEvent(SILENT, text));
    }
    const conversation = (await loop.store.conversations.get(`${STANDUP}-${SILENT}`))?.value;
    expect(conversation?.answer).toEqual({});
    expect(conversation?.phase).toBe('asked');
  });

  it('BB-codes that would impersonate the head or add a button reach the head as plain text', async () => {
    const injected =
      'Причина: пробки 渋滞 🚗 [USER=1]Руководитель[/USER] утвердил [B]всё[/B] ' +
      '[SEND=/approve all]жми[/SEND]. План: 25 звонков в день. Срок: завтра';
    await processEvent(loop.deps, messageEvent(CALLS, injected));
    const conversation = (await loop.store.conversations.get(`${STANDUP}-${CALLS}`))?.value;
    expect(conversation?.phase).toBe('answered');
    expect(conversation?.answer.reason).toContain('[USER=1]');
    const card = fromBot(HEAD).find((m) => m.buttons.length > 0);
    expect(card?.text).toContain('［USER=1］Руководитель［/USER］');
    expect(card?.text).toContain('渋滞 🚗');
    expect(card?.text).not.toMatch(/\[(user=1\]|send=)/i);
    expect(card?.text).not.toContain('[B]всё');
    for (const echo of fromBot(CALLS)) {
      expect(echo.text).not.toMatch(/\[(user=1|send)/i);
    }
  });

  it('a huge message with binary noise is cut to what a message can hold', async () => {
    const noise = '\u0000\u0007\uFFFE\uD800 ';
    const huge = `${noise}Причина: ${'очень длинная причина '.repeat(5_000)} План: звонить. Срок: 25.11`;
    await processEvent(loop.deps, messageEvent(MEETINGS, huge));
    const conversation = (await loop.store.conversations.get(`${STANDUP}-${MEETINGS}`))?.value;
    expect(conversation?.phase).toBe('answered');
    for (const message of [...fromBot(MEETINGS), ...fromBot(HEAD)]) {
      expect(message.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(message.text).not.toContain('\u0000');
    }
    const card = fromBot(HEAD)
      .filter((m) => m.buttons.length > 0)
      .at(-1);
    expect(card?.text.length).toBeLessThan(6_000);
  });
});

describe('forged decisions', () => {
  it('a manager pretending to be the head (a forged approve) changes nothing', async () => {
    expect((await loop.store.conversations.get(`${STANDUP}-${CALLS}`))?.value.phase).toBe(
      'answered',
    );
    const before = await snapshot();
    const eventId = ++nextEventId;
    await processEvent(loop.deps, {
      eventId,
      type: 'ONIMBOTV2COMMANDADD',
      date: '2026-11-24T09:00:00+03:00',
      data: {
        message: { id: eventId, authorId: MEETINGS, date: '2026-11-24T09:00:00+03:00', text: '' },
        chat: { id: 7, dialogId: String(MEETINGS), type: 'private' },
        user: { id: MEETINGS, name: 'Руководитель', bot: false },
        command: { id: 1, command: 'approve', params: `${STANDUP}-${CALLS}`, context: 'keyboard' },
      },
    });
    const after = JSON.parse(await snapshot()) as { conversations: unknown };
    expect(after.conversations).toEqual(
      (JSON.parse(before) as { conversations: unknown }).conversations,
    );
    expect((await loop.store.conversations.get(`${STANDUP}-${CALLS}`))?.value.decision).toBe(
      undefined,
    );
  });
});
