import type { InboxEvent } from '../store/event-inbox.js';

export interface ScreenOptions {
  /** Our bot: events of any other bot id are left out. */
  botId: number;
  /** People the standup knows (the head, deputies, managers); anyone else is a stranger. */
  isKnown: (userId: number) => boolean;
}

type Loose = Record<string, unknown> | undefined;
const record = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * What of a fetched event may be kept, before it is stored. Another bot's event is left out
 * (its "ок все" must never approve anything here). A group chat's plain text is left out (a
 * supervisor bot sees every message of the chats it is in; it only acts on commands there). A
 * stranger's message is kept without its text: the bot answers a stranger, it does not keep
 * what a stranger wrote. Anything it cannot read is kept as it came: parsing decides later.
 */
export function screenEvent(options: ScreenOptions): (event: InboxEvent) => InboxEvent | undefined {
  return (event) => {
    const data = record(event.data);
    const botId = Number(record(data?.bot)?.id);
    if (Number.isFinite(botId) && botId !== options.botId) {
      return undefined;
    }
    const message = record(data?.message);
    if (message === undefined || typeof message.text !== 'string') {
      return event;
    }
    const dialogId = record(data?.chat)?.dialogId;
    const isCommand = data?.command !== undefined;
    if (typeof dialogId === 'string' && dialogId.startsWith('chat') && !isCommand) {
      return undefined;
    }
    const userId = Number(record(data?.user)?.id);
    if (Number.isFinite(userId) && !options.isKnown(userId)) {
      return { ...event, data: { ...data, message: { ...message, text: '' } } };
    }
    return event;
  };
}
