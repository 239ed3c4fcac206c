import type { BitrixClient } from '../bitrix/client.js';
import { botEventsSchema, parseAnswer } from '../bitrix/schemas.js';
import type { BitrixCaller } from './chat-port.js';
import type { EventPage } from './event-poller.js';
import type { BotIdentity } from './imbot-chat.js';

/** The REST client as the chat adapter's caller. */
export function bitrixCaller(client: BitrixClient): BitrixCaller {
  return { call: (method, params, options) => client.call(method, params, options) };
}

/** `imbot.v2.Event.get` for one bot: a page of events and the offset that acknowledges them. */
export function imbotEventSource(
  client: BitrixClient,
  bot: BotIdentity,
  limit = 1000,
): (offset: number | undefined) => Promise<EventPage> {
  return async (offset) => {
    const answer = await client.call(
      'imbot.v2.Event.get',
      {
        botId: bot.id,
        ...(bot.token === undefined ? {} : { botToken: bot.token }),
        limit,
        ...(offset === undefined ? {} : { offset }),
      },
      { kind: 'read' },
    );
    const page = parseAnswer('imbot.v2.Event.get', botEventsSchema, answer.result);
    return { events: page.events, nextOffset: page.nextOffset ?? undefined, hasMore: page.hasMore };
  };
}
