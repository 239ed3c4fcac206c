import { AjaxError, B24Hook } from '@bitrix24/b24jssdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { docExample } from './emulator-http.js';
import { sdkPortal, sdkTls, withTrust } from './sdk-harness.js';

/**
 * Conformance: the imbot.v2 calls the product makes, through the official SDK over HTTPS,
 * each answer held against its method page's example (api-reference/chat-bots/chat-bots-v2/
 * imbot.v2/...). A webhook, so every call after register carries botToken.
 */
let emulator: Emulator;
let b24: B24Hook;
beforeAll(async () => {
  const { certificate, agent } = await sdkTls();
  emulator = await startEmulator({ populate: sdkPortal, rateLimit: false, tls: certificate });
  b24 = withTrust(agent, () => B24Hook.fromWebhookUrl(emulator.webhookUrl));
});
afterAll(async () => emulator.close());

const result = async (method: string, params: Record<string, unknown>) =>
  (await b24.actions.v2.call.make({ method, params })).getData()?.result as Record<string, unknown>;

const TOKEN = 'sdk-conformance-token';

describe('official SDK over HTTPS: imbot.v2', () => {
  let botId = 0;

  it('registers a bot as the product does, the token in both places (bots/bot-register.md)', async () => {
    const registered = await result('imbot.v2.Bot.register', {
      botToken: TOKEN,
      fields: {
        botToken: TOKEN,
        code: 'standup_bot',
        type: 'supervisor',
        eventMode: 'fetch',
        properties: { name: 'Планёрка', workPosition: 'bot', color: 'AQUA' },
      },
    });
    expect(shapeDifferences(registered, docExample('imbot-v2-bot-register.json').result)).toEqual(
      [],
    );
    expect(registered.bot).toMatchObject({ type: 'supervisor', eventMode: 'fetch' });
    botId = (registered.bot as { id: number }).id;
    const command = await result('imbot.v2.Command.register', {
      botId,
      botToken: TOKEN,
      fields: { command: 'approve', title: { ru: 'Утвердить', en: 'Approve' }, hidden: true },
    });
    expect(shapeDifferences(command, docExample('imbot-v2-command-register.json').result)).toEqual(
      [],
    );
  });

  it('sends with a keyboard and updates the message (messages/chat-message-*.md)', async () => {
    const sent = await result('imbot.v2.Chat.Message.send', {
      botId,
      botToken: TOKEN,
      dialogId: '11',
      fields: {
        message: 'Причина отставания?',
        keyboard: {
          BOT_ID: botId,
          BUTTONS: [{ TEXT: 'Утвердить', COMMAND: 'approve', BLOCK: 'Y' }],
        },
      },
    });
    expect(shapeDifferences(sent, docExample('imbot-v2-chat-message-send.json').result)).toEqual(
      [],
    );
    const updated = await result('imbot.v2.Chat.Message.update', {
      botId,
      botToken: TOKEN,
      messageId: sent.id,
      fields: { message: 'Принято', keyboard: 'N' },
    });
    expect(updated).toEqual(docExample('imbot-v2-chat-message-update.json').result);
    const denied = (await b24.actions.v2.call
      .make({
        method: 'imbot.v2.Chat.Message.update',
        params: { botId, botToken: TOKEN, messageId: 1, fields: { message: 'x' } },
      })
      .catch((e: unknown) => e)) as AjaxError;
    expect(denied).toBeInstanceOf(AjaxError);
    expect({ code: denied.code, status: denied.status }).toEqual({
      code: 'ACCESS_DENIED',
      status: 403,
    });
  });

  it('reads the dialog back as the product does before repeating a send (chats/chat-get.md, messages/chat-message-get-context.md)', async () => {
    const chat = await result('imbot.v2.Chat.get', { botId, botToken: TOKEN, dialogId: '11' });
    // Only the fields the product reads: the emulator's chat object is shorter than the page's
    // (a known gap, left to the owner of the read-back methods).
    const documented = docExample('imbot-v2-chat-get.json').result as {
      chat: Record<string, unknown>;
    };
    const read = ['id', 'dialogId', 'type', 'lastMessageId'];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(read.map((k) => [k, o[k]]));
    expect(
      shapeDifferences(
        { chat: pick(chat.chat as Record<string, unknown>) },
        { chat: pick(documented.chat) },
      ),
    ).toEqual([]);
    const lastMessageId = (chat.chat as { lastMessageId: number }).lastMessageId;
    const context = await result('imbot.v2.Chat.Message.getContext', {
      botId,
      botToken: TOKEN,
      messageId: lastMessageId,
      range: 50,
    });
    expect(
      shapeDifferences(context, docExample('imbot-v2-chat-message-get-context.json').result),
    ).toEqual([]);
    const messages = context.messages as { id: number; authorId: number }[];
    expect(messages.at(-1)).toMatchObject({ id: lastMessageId, authorId: botId });
  });

  it('fetches events, acknowledges them by offset and keeps an integer nextOffset (events/event-get.md)', async () => {
    emulator.control.userWrites({ fromUserId: 11, to: botId, text: 'Клиенты в отпуске' });
    const page = await result('imbot.v2.Event.get', { botId, botToken: TOKEN, limit: 100 });
    expect(shapeDifferences(page, docExample('imbot-v2-event-get.json').result)).toEqual([]);
    const [event] = page.events as { type: string; data: unknown }[];
    expect(event?.type).toBe('ONIMBOTV2MESSAGEADD');
    expect(shapeDifferences(event?.data, docExample('imbot-v2-messageadd-data.json'))).toEqual([]);
    const drained = await result('imbot.v2.Event.get', {
      botId,
      botToken: TOKEN,
      offset: page.nextOffset,
    });
    expect(drained).toEqual({ events: [], nextOffset: page.nextOffset, hasMore: false });
    expect(await result('imbot.v2.Event.get', { botId, botToken: TOKEN })).toEqual(drained);
  });

  it('refuses a call without the bot’s token with the documented codes', async () => {
    const error = (await b24.actions.v2.call
      .make({ method: 'imbot.v2.Event.get', params: { botId } })
      .catch((e: unknown) => e)) as AjaxError;
    expect(error.code).toBe('BOT_TOKEN_NOT_SPECIFIED');
  });
});
