import { botOf } from '../bot-access.js';
import { asRecord, EmulatorError, text as asText } from '../emulator-error.js';
import { readKeyboard } from '../keyboard.js';
import { readAttach } from '../attach.js';
import { formatTime } from '../table.js';
import { portalNow, privateConversation, type PortalState } from '../portal-state.js';
import { registerBot } from './bot-register.js';
import type { MethodDefinition } from './method.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const MAX_TEXT = 20_000;
const EDIT_WINDOW_MS = 3 * 24 * 3600 * 1000;

function fitText(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 6)} (...)`;
}

/** "27" (a private dialog with user 27) or "chat42": the conversation key of a dialog id. */
export function conversationOf(state: PortalState, botId: number, dialogId: string): string {
  const chat = /^chat(\d+)$/.exec(dialogId);
  if (chat !== null) {
    const found = state.chats.get(Number(chat[1]));
    if (found === undefined || !found.members.has(botId)) {
      throw new EmulatorError('ACCESS_DENIED', 'Access denied', 403);
    }
    return dialogId;
  }
  if (!/^\d+$/.test(dialogId) || !state.users.has(Number(dialogId))) {
    throw new EmulatorError('ACCESS_DENIED', 'Access denied', 403);
  }
  return privateConversation(botId, Number(dialogId));
}

export const imbotMethods: Record<string, MethodDefinition> = {
  'imbot.v2.Bot.register': { scope: 'imbot', handler: registerBot },
  'imbot.v2.Command.register': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const fields = asRecord(params.fields);
      const command = typeof fields.command === 'string' ? fields.command.replace(/^\//, '') : '';
      if (command === '') {
        throw new EmulatorError('COMMAND_REQUIRED', 'Command is required');
      }
      if (fields.hidden !== true && fields.hidden !== 'Y' && fields.title === undefined) {
        throw new EmulatorError('COMMAND_TITLE_REQUIRED', 'Command title is required');
      }
      let id = bot.commands.get(command);
      if (id === undefined) {
        id = ++context.state.counters.command;
        bot.commands.set(command, id);
      }
      return {
        result: {
          command: {
            id,
            botId: bot.id,
            command: `/${command}`,
            common: false,
            hidden: fields.hidden === true,
            extranetSupport: false,
          },
        },
      };
    },
  },
  'imbot.v2.Chat.Message.send': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const fields = asRecord(params.fields);
      const text = typeof fields.message === 'string' ? fields.message : '';
      if (text.trim() === '' && fields.attach === undefined) {
        throw new EmulatorError('EMPTY_MESSAGE', 'Message is empty');
      }
      const conversation = conversationOf(context.state, bot.id, asText(params.dialogId));
      // As the im module does, when asked to: only a version-4 UUID is remembered and
      // deduplicated. The REST docs promise neither, so by default every send is a message.
      const templateId =
        context.state.dedupeTemplateIds &&
        typeof fields.templateId === 'string' &&
        UUID_V4.test(fields.templateId)
          ? fields.templateId.toLowerCase()
          : undefined;
      const sentBefore =
        templateId === undefined ? undefined : context.state.templateIds.get(templateId);
      if (sentBefore !== undefined) {
        return { result: { id: sentBefore, uuidMap: {} } };
      }
      const id = ++context.state.counters.message;
      if (templateId !== undefined) {
        context.state.templateIds.set(templateId, id);
      }
      context.state.messages.set(id, {
        id,
        conversation,
        authorId: bot.id,
        text: fitText(text),
        keyboard: readKeyboard(fields.keyboard, bot),
        ...(fields.attach === undefined ? {} : { attach: readAttach(fields.attach) }),
        pressed: new Set(),
        date: portalNow(context.state),
        editedAt: undefined,
        ...(templateId === undefined ? {} : { uuid: templateId }),
      });
      return { result: { id, uuidMap: {} } };
    },
  },
  'imbot.v2.Chat.Message.update': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const message = context.state.messages.get(Number(params.messageId));
      // chat-message-update.md: "Message does not belong to the bot or does not exist".
      if (message === undefined || message.authorId !== bot.id) {
        throw new EmulatorError('ACCESS_DENIED', 'Access denied', 403);
      }
      // Not on the v2 page: the im module's 3-day edit window (imbot.message.update, v1).
      if (portalNow(context.state) - message.date > EDIT_WINDOW_MS) {
        throw new EmulatorError('CANT_EDIT_MESSAGE', 'Time has expired for modification');
      }
      const fields = asRecord(params.fields);
      if (typeof fields.message === 'string') {
        message.text = fitText(fields.message);
      }
      if ('attach' in fields) {
        const attach = fields.attach === 'N' ? undefined : readAttach(fields.attach);
        if (attach === undefined) {
          delete message.attach;
        } else {
          message.attach = attach;
        }
      }
      if ('keyboard' in fields) {
        message.keyboard = readKeyboard(fields.keyboard, bot);
        message.pressed.clear();
      }
      message.editedAt = portalNow(context.state);
      return { result: { result: true } };
    },
  },
  'imbot.v2.Event.get': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const limit = Math.min(1000, Math.max(1, Number(params.limit ?? 100) || 100));
      if (params.offset !== undefined && params.offset !== '') {
        const offset = Number(params.offset);
        bot.events = bot.events.filter((event) => event.eventId >= offset);
        bot.ackedOffset = Math.max(bot.ackedOffset, offset);
      }
      const page = bot.events.slice(0, limit);
      const last = page.at(-1);
      return {
        result: {
          events: page.map((event) => ({
            eventId: event.eventId,
            type: event.type,
            date: formatTime(event.date, context.state.zone),
            data: event.data,
          })),
          // Always an integer to keep, even with nothing new (event-get.md, and change-log.md
          // BOT-BC-0325-1: "nextOffset still needs to be saved for the next polling cycle").
          nextOffset: last === undefined ? bot.ackedOffset : last.eventId + 1,
          hasMore: bot.events.length > page.length,
        },
      };
    },
  },
};
