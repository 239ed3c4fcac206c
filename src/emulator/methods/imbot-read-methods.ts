import { botOf } from '../bot-access.js';
import { chatIdOf, messageObject } from '../chat-actions.js';
import { EmulatorError, text as asText } from '../emulator-error.js';
import type { ChatMessage, PortalState, RegisteredBot } from '../portal-state.js';
import { conversationOf } from './imbot-methods.js';
import type { MethodDefinition } from './method.js';

/**
 * Reading a dialog back, as imbot.v2 documents it: `Chat.get` (any bot in the chat) and
 * `Chat.Message.get` / `.getContext` (only `supervisor` and `personal` bots, and only in a chat
 * the bot is in). Docs: api-reference/chat-bots/chat-bots-v2/imbot.v2/chats/chat-get.md,
 * …/messages/chat-message-get.md, …/messages/chat-message-get-context.md.
 */

function messagesOf(state: PortalState, conversation: string): ChatMessage[] {
  return [...state.messages.values()]
    .filter((m) => m.conversation === conversation)
    .sort((a, b) => a.id - b.id);
}

function readableMessage(
  params: Record<string, unknown>,
  state: PortalState,
  bot: RegisteredBot,
): ChatMessage {
  if (bot.type !== 'supervisor' && bot.type !== 'personal') {
    throw new EmulatorError('BOT_TYPE_NOT_ALLOWED', 'Bot type not allowed', 403);
  }
  const message = state.messages.get(Number(params.messageId));
  if (message === undefined) {
    throw new EmulatorError('MESSAGE_NOT_FOUND', 'Message not found');
  }
  const member = message.conversation.startsWith('chat')
    ? state.chats.get(Number(message.conversation.slice(4)))?.members.has(bot.id) === true
    : message.conversation.split(':').map(Number).includes(bot.id);
  if (!member) {
    throw new EmulatorError('MESSAGE_ACCESS_DENIED', 'Message access denied', 403);
  }
  return message;
}

function usersOf(state: PortalState, messages: readonly ChatMessage[]) {
  const ids = [...new Set(messages.map((m) => m.authorId))];
  return ids.map((id) => {
    const user = state.users.get(id);
    return {
      id,
      active: user?.active ?? false,
      name: `${user?.name ?? ''} ${user?.lastName ?? ''}`.trim(),
      bot: user?.isBot ?? false,
      type: 'employee',
    };
  });
}

export const imbotReadMethods: Record<string, MethodDefinition> = {
  'imbot.v2.Chat.get': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const dialogId = asText(params.dialogId);
      const conversation = conversationOf(context.state, bot.id, dialogId);
      const messages = messagesOf(context.state, conversation);
      const group = context.state.chats.get(Number(/^chat(\d+)$/.exec(dialogId)?.[1]));
      return {
        result: {
          chat: {
            id: chatIdOf(conversation),
            dialogId,
            name: group?.title ?? '',
            type: group === undefined ? 'private' : 'chat',
            lastMessageId: messages.at(-1)?.id ?? null,
            messageCount: messages.length,
            userCounter: group === undefined ? 2 : group.members.size,
          },
        },
      };
    },
  },
  'imbot.v2.Chat.Message.get': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const message = readableMessage(params, context.state, bot);
      return {
        result: {
          message: messageObject(context.state, message),
          user: usersOf(context.state, [message])[0],
        },
      };
    },
  },
  'imbot.v2.Chat.Message.getContext': {
    scope: 'imbot',
    handler(params, context) {
      const bot = botOf(params, context);
      const center = readableMessage(params, context.state, bot);
      const range = Math.min(50, Math.max(1, Number(params.range ?? 50) || 50));
      const all = messagesOf(context.state, center.conversation);
      const at = all.findIndex((m) => m.id === center.id);
      const from = Math.max(0, at - range);
      const window = all.slice(from, at + range + 1);
      return {
        result: {
          messages: window.map((m) => messageObject(context.state, m)),
          users: usersOf(context.state, window),
          hasPrevPage: from > 0,
          hasNextPage: at + range + 1 < all.length,
        },
      };
    },
  },
};
