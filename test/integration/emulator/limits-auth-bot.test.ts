import { afterEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../src/emulator/start-emulator.js';
import type { PortalState } from '../../../src/emulator/portal-state.js';

let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

function people(state: PortalState) {
  for (const [id, name] of [
    [1, 'Анна'],
    [11, 'Иван'],
    [12, 'Мария'],
  ] as const) {
    state.users.set(id, {
      id,
      name,
      lastName: '',
      email: '',
      active: true,
      departments: [1],
      timeZone: '',
      workPosition: '',
      isBot: false,
    });
  }
}

async function start(options: EmulatorOptions = {}) {
  emulator = await startEmulator({ populate: people, rateLimit: false, ...options });
  return emulator;
}

async function post(url: string, body: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('emulator limits', () => {
  it('refuses exactly 10 of a burst of 60 with the documented 503 body', async () => {
    // The drain is slowed so that "at once" stays at once on a busy machine: at 2 a second a
    // burst that takes 0.5 s to arrive would rightly admit one more.
    const e = await start({ rateLimit: { burst: 50, perSecond: 0.01 } });
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => post(`${e.webhookUrl}user.current`)),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(refused).toHaveLength(10);
    expect(refused[0]?.body).toEqual({
      error: 'QUERY_LIMIT_EXCEEDED',
      error_description: 'Too many requests',
    });
    expect(e.control.stats().byStatus).toEqual({ 200: 50, 503: 10 });
  });

  it('blocks a method whose operating time is spent with 429, and only that method', async () => {
    const e = await start({ operatingLimitSeconds: 0.05, costSeconds: () => 0.03 });
    expect((await post(`${e.webhookUrl}user.get`)).status).toBe(200);
    const second = await post(`${e.webhookUrl}user.get`);
    expect(second.status).toBe(200);
    expect((second.body.time as { operating: number }).operating).toBeCloseTo(0.06);
    expect(await post(`${e.webhookUrl}user.get`)).toEqual({
      status: 429,
      body: {
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.',
      },
    });
    expect((await post(`${e.webhookUrl}department.get`)).status).toBe(200);
  });

  it('refuses methods outside the webhook scopes', async () => {
    const e = await start({ scopes: ['crm', 'basic'] });
    expect((await post(`${e.webhookUrl}voximplant.statistic.get`)).body.error).toBe(
      'insufficient_scope',
    );
  });

  it('injects faults for the next calls of a method', async () => {
    const e = await start();
    e.control.injectFault({ kind: 'html', method: 'user.get', count: 1 });
    e.control.injectFault({ kind: '500', count: 1, method: 'department.get' });
    const html = await fetch(`${e.webhookUrl}user.get`, { method: 'POST' });
    expect(html.status).toBe(502);
    expect(await html.text()).toContain('<html>');
    expect((await post(`${e.webhookUrl}department.get`)).status).toBe(500);
    expect((await post(`${e.webhookUrl}user.get`)).status).toBe(200);
    e.control.injectFault({ kind: 'reset', count: 1 });
    await expect(post(`${e.webhookUrl}user.get`)).rejects.toThrow();
  });
});

describe('emulator chat bot (imbot.v2)', () => {
  async function withBot() {
    const e = await start();
    const hook = e.webhookUrl;
    const registered = await post(`${hook}imbot.v2.Bot.register`, {
      botToken: 'tok',
      fields: { code: 'standup', properties: { name: 'Планёрка' } },
    });
    const botId = (registered.body.result as { bot: { id: number } }).bot.id;
    await post(`${hook}imbot.v2.Command.register`, {
      botId,
      botToken: 'tok',
      fields: { command: 'approve', hidden: true },
    });
    return { e, hook, botId };
  }

  it('registers idempotently per code and requires the bot token on webhook calls', async () => {
    const { hook, botId } = await withBot();
    const again = await post(`${hook}imbot.v2.Bot.register`, {
      botToken: 'tok',
      fields: { code: 'standup', properties: { name: 'Планёрка' } },
    });
    expect((again.body.result as { bot: { id: number } }).bot.id).toBe(botId);
    expect(
      (
        await post(`${hook}imbot.v2.Bot.register`, {
          botToken: 'x'.repeat(41),
          fields: { code: 'other', properties: { name: 'x' } },
        })
      ).body.error,
    ).toBe('BOT_TOKEN_INVALID_LENGTH');
    expect((await post(`${hook}imbot.v2.Event.get`, { botId })).body.error).toBe(
      'BOT_TOKEN_NOT_SPECIFIED',
    );
    expect((await post(`${hook}imbot.v2.Event.get`, { botId, botToken: 'wrong' })).status).toBe(
      403,
    );
  });

  it('sends messages, validates keyboards and truncates long texts', async () => {
    const { e, hook, botId } = await withBot();
    const sent = await post(`${hook}imbot.v2.Chat.Message.send`, {
      botId,
      botToken: 'tok',
      dialogId: '11',
      fields: {
        message: 'Утвердите план',
        keyboard: {
          BOT_ID: botId,
          BUTTONS: [{ TEXT: 'Утвердить', COMMAND: 'approve', COMMAND_PARAMS: 'c-11' }],
        },
      },
    });
    expect(sent.body.result).toMatchObject({ id: expect.any(Number) as number, uuidMap: {} });
    const bad = await post(`${hook}imbot.v2.Chat.Message.send`, {
      botId,
      botToken: 'tok',
      dialogId: '11',
      fields: { message: 'x', keyboard: [{ TEXT: 'Нет', COMMAND: 'unknown' }] },
    });
    expect(bad.body).toMatchObject({ error: 'SENDING_FAILED' });
    expect(
      (
        await post(`${hook}imbot.v2.Chat.Message.send`, {
          botId,
          botToken: 'tok',
          dialogId: '11',
          fields: { message: ' ' },
        })
      ).body.error,
    ).toBe('EMPTY_MESSAGE');
    expect(
      (
        await post(`${hook}imbot.v2.Chat.Message.send`, {
          botId,
          botToken: 'tok',
          dialogId: 'chat999',
          fields: { message: 'x' },
        })
      ).body.error,
    ).toBe('ACCESS_DENIED');
    await post(`${hook}imbot.v2.Chat.Message.send`, {
      botId,
      botToken: 'tok',
      dialogId: '12',
      fields: { message: 'я'.repeat(20_500) },
    });
    const long = e.control.transcript().at(-1);
    expect(long?.text).toHaveLength(20_000);
    expect(long?.text.endsWith(' (...)')).toBe(true);
    expect(e.control.transcript(`11:${botId}`)[0]?.buttons).toEqual([
      { text: 'Утвердить', command: '/approve', params: 'c-11', pressed: false },
    ]);
  });

  it('queues events until a later offset acknowledges them', async () => {
    const { e, hook, botId } = await withBot();
    const sent = await post(`${hook}imbot.v2.Chat.Message.send`, {
      botId,
      botToken: 'tok',
      dialogId: '11',
      fields: {
        message: 'План?',
        keyboard: [{ TEXT: 'Утвердить', COMMAND: 'approve', COMMAND_PARAMS: 'c-11', BLOCK: 'Y' }],
      },
    });
    const messageId = (sent.body.result as { id: number }).id;
    e.control.userWrites({ fromUserId: 11, to: botId, text: 'Причина: клиенты в отпуске' });
    e.control.userPresses({ fromUserId: 11, messageId, button: 'Утвердить' });
    expect(() => e.control.userPresses({ fromUserId: 11, messageId, button: 'Утвердить' })).toThrow(
      /blocked/,
    );
    expect(() => e.control.userPresses({ fromUserId: 12, messageId, button: '/approve' })).toThrow(
      /not in this dialog/,
    );
    e.control.userWrites({ fromUserId: 12, to: botId, text: '/approve all' });

    const page = async (body: Record<string, unknown>) =>
      (await post(`${hook}imbot.v2.Event.get`, { botId, botToken: 'tok', ...body })).body
        .result as {
        events: { eventId: number; type: string; data: Record<string, unknown> }[];
        nextOffset: number;
        hasMore: boolean;
      };
    const first = await page({ limit: 2 });
    expect(first.events.map((ev) => ev.type)).toEqual([
      'ONIMBOTV2MESSAGEADD',
      'ONIMBOTV2COMMANDADD',
    ]);
    expect(first.hasMore).toBe(true);
    expect(first.events[0]?.data).toMatchObject({
      message: { text: 'Причина: клиенты в отпуске', authorId: 11 },
      chat: { dialogId: '11', type: 'private' },
      user: { id: 11, bot: false },
      bot: { id: botId, eventMode: 'fetch' },
    });
    expect(first.events[1]?.data).toMatchObject({
      command: { command: '/approve', params: 'c-11', context: 'keyboard' },
      user: { id: 11 },
    });
    const again = await page({ limit: 2 });
    expect(again.events.map((ev) => ev.eventId)).toEqual(first.events.map((ev) => ev.eventId));
    const second = await page({ offset: first.nextOffset });
    expect(second.events.map((ev) => ev.data.command)).toEqual([
      { id: expect.any(Number) as number, command: '/approve', params: 'all', context: 'textarea' },
    ]);
    expect(second.hasMore).toBe(false);
    const empty = await page({ offset: second.nextOffset });
    expect(empty).toEqual({ events: [], nextOffset: second.nextOffset, hasMore: false });
  });

  it('updates a sent message and takes its buttons away with "N"', async () => {
    const { e, hook, botId } = await withBot();
    const sent = await post(`${hook}imbot.v2.Chat.Message.send`, {
      botId,
      botToken: 'tok',
      dialogId: '11',
      fields: { message: 'План?', keyboard: [{ TEXT: 'Утвердить', COMMAND: 'approve' }] },
    });
    const messageId = (sent.body.result as { id: number }).id;
    expect(
      (
        await post(`${hook}imbot.v2.Chat.Message.update`, {
          botId,
          botToken: 'tok',
          messageId,
          fields: { message: 'План утверждён', keyboard: 'N' },
        })
      ).body.result,
    ).toEqual({ result: true });
    expect(e.control.transcript().at(-1)).toMatchObject({
      text: 'План утверждён',
      buttons: [],
      edited: true,
    });
  });
});
