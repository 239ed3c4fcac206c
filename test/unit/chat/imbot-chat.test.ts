import { describe, expect, it } from 'vitest';
import type { BitrixCaller } from '../../../src/chat/chat-port.js';
import { MAX_MESSAGE_CHARS, createImbotChat } from '../../../src/chat/imbot-chat.js';
import { BOT_COMMANDS, registerBot } from '../../../src/chat/register-bot.js';

function recordingCaller(answer: (method: string) => unknown) {
  const calls: { method: string; params: Record<string, unknown>; kind: string }[] = [];
  const caller: BitrixCaller = {
    call: async (method, params, { kind }) => {
      calls.push({ method, params, kind });
      return { result: answer(method) };
    },
  };
  return { caller, calls };
}

describe('imbot chat', () => {
  it('gives a keyed message a templateId that is the same on every try', async () => {
    const { caller, calls } = recordingCaller(() => ({ id: 1, uuidMap: [] }));
    const chat = createImbotChat(caller, { id: 456, token: undefined });
    await chat.send('27', 'a', undefined, { key: 'sales-20261124-27-e1' });
    await chat.send('27', 'a', undefined, { key: 'sales-20261124-27-e1' });
    await chat.send('27', 'a', undefined, { key: 'sales-20261124-27-e2' });
    await chat.send('27', 'a');
    const ids = calls.map((c) => (c.params.fields as { templateId?: string }).templateId);
    // The im module's own check (Bitrix\Im\Message\Uuid::validate): only these are deduplicated.
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[3]).toBeUndefined();
  });

  it('sends as the bot with its token, buttons in rows, and returns the message id', async () => {
    const { caller, calls } = recordingCaller(() => ({ id: 84331, uuidMap: [] }));
    const chat = createImbotChat(caller, { id: 456, token: 'tok' });
    const id = await chat.send('27', 'Привет', [
      [
        { text: 'Утвердить', command: '/approve', params: 'sales-20261124-27', tone: 'primary' },
        { text: 'Поправить', command: '/correct', params: 'sales-20261124-27' },
      ],
      [{ text: 'На планёрку', command: '/discuss', params: 'sales-20261124-27' }],
    ]);
    expect(id).toBe(84331);
    expect(calls[0]).toEqual({
      method: 'imbot.v2.Chat.Message.send',
      kind: 'write',
      params: {
        botId: 456,
        botToken: 'tok',
        dialogId: '27',
        fields: {
          message: 'Привет',
          urlPreview: false,
          keyboard: {
            BOT_ID: 456,
            BUTTONS: [
              {
                TEXT: 'Утвердить',
                COMMAND: 'approve',
                COMMAND_PARAMS: 'sales-20261124-27',
                BG_COLOR_TOKEN: 'primary',
                DISPLAY: 'LINE',
                BLOCK: 'Y',
              },
              {
                TEXT: 'Поправить',
                COMMAND: 'correct',
                COMMAND_PARAMS: 'sales-20261124-27',
                BG_COLOR_TOKEN: 'base',
                DISPLAY: 'LINE',
                BLOCK: 'Y',
              },
              { TYPE: 'NEWLINE' },
              {
                TEXT: 'На планёрку',
                COMMAND: 'discuss',
                COMMAND_PARAMS: 'sales-20261124-27',
                BG_COLOR_TOKEN: 'base',
                DISPLAY: 'LINE',
                BLOCK: 'Y',
              },
            ],
          },
        },
      },
    });
  });

  it('removes the buttons on update and cuts an overlong text itself', async () => {
    const { caller, calls } = recordingCaller(() => true);
    const chat = createImbotChat(caller, { id: 456, token: undefined });
    await chat.update(9, 'x'.repeat(MAX_MESSAGE_CHARS + 10), null);
    const fields = calls[0]?.params.fields as { message: string; keyboard: unknown };
    expect(calls[0]?.params).not.toHaveProperty('botToken');
    expect(fields.keyboard).toBe('N');
    expect(fields.message).toHaveLength(MAX_MESSAGE_CHARS);
    expect(fields.message.endsWith('(…)')).toBe(true);
  });

  it.each([
    // The documented answer (api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.md)
    ['the documented { result: true }', { result: true }],
    ['a bare true (imbot.message.update, v1)', true],
  ])('accepts %s as an update done', async (_name, answer) => {
    const { caller } = recordingCaller(() => answer);
    await expect(
      createImbotChat(caller, { id: 456, token: 't' }).update(9, 'x', null),
    ).resolves.toBeUndefined();
  });

  it.each([[false], [{ result: false }], [{}]])(
    'refuses an update answered with %j',
    async (answer) => {
      const { caller } = recordingCaller(() => answer);
      await expect(
        createImbotChat(caller, { id: 456, token: 't' }).update(9, 'x', null),
      ).rejects.toThrow(/without "result": true/);
    },
  );

  it('refuses an answer without a message id instead of inventing one', async () => {
    const { caller } = recordingCaller(() => ({}));
    await expect(createImbotChat(caller, { id: 1, token: 't' }).send('1', 'x')).rejects.toThrow(
      /without a message id/,
    );
  });
});

describe('register-bot', () => {
  it('registers the bot in fetch mode, then every command, keeping a given token', async () => {
    let next = 40;
    const { caller, calls } = recordingCaller((method) =>
      method === 'imbot.v2.Bot.register'
        ? { bot: { id: 456 }, users: [] }
        : { command: { id: next++ } },
    );
    const bot = await registerBot({
      caller,
      code: 'standup_bot',
      token: 'kept-token',
      name: 'Планёрка',
      workPosition: 'bot',
    });
    expect(bot).toMatchObject({ id: 456, code: 'standup_bot', token: 'kept-token' });
    expect(Object.keys(bot.commands)).toEqual(BOT_COMMANDS.map((c) => c.command));
    // The token in both documented places: imbot.v2/bots/bot-register.md (fields.botToken)
    // and chat-bots-v2/quick-start.md (top level).
    expect(calls[0]?.params).toMatchObject({
      botToken: 'kept-token',
      fields: {
        botToken: 'kept-token',
        code: 'standup_bot',
        eventMode: 'fetch',
        type: 'supervisor',
      },
    });
    expect(
      calls
        .slice(1)
        .every((c) => c.method === 'imbot.v2.Command.register' && c.params.botId === 456),
    ).toBe(true);
  });

  it('makes a token of at most 40 characters when none is kept', async () => {
    const { caller, calls } = recordingCaller((method) =>
      method === 'imbot.v2.Bot.register' ? { bot: { id: 1 } } : { command: { id: 1 } },
    );
    const bot = await registerBot({
      caller,
      code: 'b',
      token: undefined,
      name: 'n',
      workPosition: 'w',
    });
    expect(bot.token.length).toBeGreaterThan(16);
    expect(bot.token.length).toBeLessThanOrEqual(40);
    expect(calls[0]?.params.botToken).toBe(bot.token);
  });
});
