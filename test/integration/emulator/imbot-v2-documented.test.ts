import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { datesIn, docExample, postJson, threePeople } from './emulator-http.js';

// Doc pages are paths in bitrix24/b24restdocs, under api-reference/chat-bots/chat-bots-v2/.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

async function start(now?: Date) {
  emulator = await startEmulator({ populate: threePeople, rateLimit: false, now });
  const hook = emulator.webhookUrl;
  const call = (method: string, body: Record<string, unknown> = {}) =>
    postJson(`${hook}${method}`, body);
  return { e: emulator, call };
}

const properties = { name: 'Планёрка', workPosition: 'bot' };

describe('imbot.v2.Bot.register as the docs describe it', () => {
  it.each([
    ['fields.botToken (imbot.v2/bots/bot-register.md)', {}, { botToken: 'tok' }],
    ['top-level botToken (quick-start.md)', { botToken: 'tok' }, {}],
  ])('takes the token from %s, and later calls with it work', async (_where, top, inFields) => {
    const { call } = await start();
    const registered = await call('imbot.v2.Bot.register', {
      ...top,
      fields: { code: 'standup', properties, ...inFields },
    });
    const botId = (registered.body.result as { bot: { id: number } }).bot.id;
    const sent = await call('imbot.v2.Chat.Message.send', {
      botId,
      botToken: 'tok',
      dialogId: '11',
      fields: { message: 'Привет' },
    });
    expect(sent.status).toBe(200);
    expect(
      shapeDifferences(sent.body.result, docExample('imbot-v2-chat-message-send.json').result),
    ).toEqual([]);
  });

  it.each([
    ['in fields', {}, { botToken: 'x'.repeat(41) }],
    ['at the top level', { botToken: 'x'.repeat(41) }, {}],
  ])('refuses a 41-character token %s (change-log.md BOT-BC-0506-1)', async (_w, top, inFields) => {
    const { call } = await start();
    const answer = await call('imbot.v2.Bot.register', {
      ...top,
      fields: { code: 'standup', properties, ...inFields },
    });
    expect(answer.body.error).toBe('BOT_TOKEN_INVALID_LENGTH');
    const forty = await call('imbot.v2.Bot.register', {
      fields: { code: 'standup', properties, botToken: 'x'.repeat(40) },
    });
    expect(forty.status).toBe(200);
  });

  it('answers the documented errors of the method page', async () => {
    const { call } = await start();
    expect(
      (await call('imbot.v2.Bot.register', { fields: { code: 'standup', properties } })).body,
    ).toEqual({
      error: 'BOT_TOKEN_NOT_SPECIFIED',
      error_description: 'Bot token is not specified',
    });
    expect(
      (await call('imbot.v2.Bot.register', { botToken: 't', fields: { code: 'standup' } })).body,
    ).toEqual({
      error: 'BOT_PROPERTIES_REQUIRED',
      error_description: 'Bot properties are required',
    });
    expect(
      (await call('imbot.v2.Bot.register', { botToken: 't', fields: { properties } })).body.error,
    ).toBe('BOT_CODE_REQUIRED');
    expect(
      (
        await call('imbot.v2.Bot.register', {
          botToken: 't',
          fields: { code: 'standup', type: 'assistant', properties },
        })
      ).body,
    ).toEqual({ error: 'BOT_INVALID_TYPE', error_description: 'Invalid bot type' });
  });

  it('answers the documented bot object and users[] of User objects', async () => {
    const { call } = await start();
    const { body } = await call('imbot.v2.Bot.register', {
      fields: { code: 'standup', botToken: 'tok', properties },
    });
    const documented = docExample('imbot-v2-bot-register.json');
    expect(shapeDifferences(body.result, documented.result)).toEqual([]);
    const [user] = (body.result as { users: Record<string, unknown>[] }).users;
    expect(user).toMatchObject({ name: 'Планёрка', bot: true, type: 'bot', active: true });
  });
});

describe('imbot.v2.Chat.Message.update (imbot.v2/messages/chat-message-update.md)', () => {
  it('answers { result: { result: true } }, and ACCESS_DENIED for a message not the bot’s', async () => {
    const { call } = await start();
    const botId = (
      (await call('imbot.v2.Bot.register', { fields: { code: 'b', botToken: 't', properties } }))
        .body.result as { bot: { id: number } }
    ).bot.id;
    const sent = await call('imbot.v2.Chat.Message.send', {
      botId,
      botToken: 't',
      dialogId: '11',
      fields: { message: 'План?' },
    });
    const messageId = (sent.body.result as { id: number }).id;
    const updated = await call('imbot.v2.Chat.Message.update', {
      botId,
      botToken: 't',
      messageId,
      fields: { message: 'План утверждён' },
    });
    expect(updated.body.result).toEqual(docExample('imbot-v2-chat-message-update.json').result);
    for (const missing of [
      messageId + 1000,
      emulator!.control.userWrites({ fromUserId: 11, to: botId, text: 'мой текст' }).messageId,
    ]) {
      expect(
        await call('imbot.v2.Chat.Message.update', {
          botId,
          botToken: 't',
          messageId: missing,
          fields: { message: 'x' },
        }),
      ).toEqual({
        status: 403,
        body: { error: 'ACCESS_DENIED', error_description: 'Access denied' },
      });
    }
  });
});

describe('imbot.v2.Event.get (imbot.v2/events/event-get.md)', () => {
  it('always answers an integer nextOffset to keep, also without offset on a drained queue', async () => {
    const { e, call } = await start();
    const botId = (
      (await call('imbot.v2.Bot.register', { fields: { code: 'b', botToken: 't', properties } }))
        .body.result as { bot: { id: number } }
    ).bot.id;
    const get = async (body: Record<string, unknown> = {}) =>
      (await call('imbot.v2.Event.get', { botId, botToken: 't', ...body })).body.result as {
        events: { eventId: number }[];
        nextOffset: number;
        hasMore: boolean;
      };
    expect(await get()).toEqual({ events: [], nextOffset: 0, hasMore: false });
    e.control.userWrites({ fromUserId: 11, to: botId, text: 'Привет' });
    const page = await get();
    expect(shapeDifferences(page, docExample('imbot-v2-event-get.json').result)).toEqual([]);
    const drained = await get({ offset: page.nextOffset });
    expect(drained).toEqual({ events: [], nextOffset: page.nextOffset, hasMore: false });
    // change-log.md BOT-BC-0325-1: "nextOffset still needs to be saved for the next polling cycle".
    expect(await get()).toEqual({ events: [], nextOffset: page.nextOffset, hasMore: false });
  });
});

describe('dates (api-reference/data-types.md: datetime is YYYY-MM-DDThh:mm:ss±hh:mm)', () => {
  it('carries no milliseconds in events, messages, envelopes and rows', async () => {
    const { e, call } = await start(new Date('2026-11-30T18:35:54.618+03:00'));
    e.control.addActivity({
      OWNER_ID: 1,
      OWNER_TYPE_ID: 2,
      TYPE_ID: 2,
      RESPONSIBLE_ID: 11,
      CREATED: Date.parse('2026-11-30T10:00:00.618+03:00'),
      START_TIME: Date.parse('2026-11-30T10:00:00.618+03:00'),
    });
    const botId = (
      (await call('imbot.v2.Bot.register', { fields: { code: 'b', botToken: 't', properties } }))
        .body.result as { bot: { id: number } }
    ).bot.id;
    e.control.userWrites({ fromUserId: 11, to: botId, text: 'Привет' });
    const answers = [
      await call('imbot.v2.Event.get', { botId, botToken: 't' }),
      await call('crm.activity.list', {}),
      await call('batch', { cmd: { a: 'crm.activity.list', b: 'user.current' } }),
    ];
    const dates = answers.flatMap((a) => datesIn(a.body));
    expect(dates.length).toBeGreaterThan(8);
    expect(dates.filter((d) => !DATETIME.test(d))).toEqual([]);
    expect(datesIn(answers[1]?.body.result)).toContain('2026-11-30T10:00:00+03:00');
  });
});
