import { z } from 'zod';
import { stableUuid } from '../lib/stable-uuid.js';
import type { BitrixCaller, ChatKeyboard, ChatPort } from './chat-port.js';
import { locateMessage } from './locate-message.js';

/** Bitrix24 truncates longer texts with " (...)"; we cut first so the cut is ours. */
export const MAX_MESSAGE_CHARS = 20_000;

export interface BotIdentity {
  id: number;
  /** The imbot.v2 botToken, needed on every call made through a webhook. */
  token: string | undefined;
}

const sendResultSchema = z.object({ id: z.coerce.number() });
/**
 * `imbot.v2.Chat.Message.update` answers `{ "result": { "result": true } }` (chat-message-update.md);
 * a bare `true`, as imbot.message.update (v1) and older portals answer, is read the same.
 */
const updateResultSchema = z.union([z.literal(true), z.object({ result: z.literal(true) })]);

/** The chat as an imbot.v2 bot: `imbot.v2.Chat.Message.send`, `.update`, and reading back. */
export function createImbotChat(caller: BitrixCaller, bot: BotIdentity): ChatPort {
  const auth = { botId: bot.id, ...(bot.token === undefined ? {} : { botToken: bot.token }) };
  return {
    async send(dialogId, text, keyboard, options) {
      const { result } = await caller.call(
        'imbot.v2.Chat.Message.send',
        {
          ...auth,
          dialogId,
          fields: {
            message: fitMessage(text),
            urlPreview: false,
            ...keyboardField(bot.id, keyboard),
            ...(options?.attach === undefined ? {} : { attach: options.attach }),
            // The same key gives the same templateId (the message's client UUID). The im module
            // keeps these (v4-shaped only) and answers a repeated one with the first message,
            // so a retried send stays one message: README, "No message twice".
            ...(options?.key === undefined ? {} : { templateId: stableUuid(options.key) }),
          },
        },
        { kind: 'write' },
      );
      const parsed = sendResultSchema.safeParse(result);
      if (!parsed.success) {
        throw new Error('imbot.v2.Chat.Message.send answered without a message id');
      }
      return parsed.data.id;
    },
    async update(messageId, text, keyboard) {
      const { result } = await caller.call(
        'imbot.v2.Chat.Message.update',
        {
          ...auth,
          messageId,
          fields: {
            message: fitMessage(text),
            keyboard: keyboard === null ? 'N' : toKeyboard(bot.id, keyboard),
          },
        },
        { kind: 'write' },
      );
      if (!updateResultSchema.safeParse(result).success) {
        throw new Error('imbot.v2.Chat.Message.update answered without "result": true');
      }
    },
    locate: (dialogId, probe) =>
      locateMessage({ caller, botId: bot.id, auth, wireText: fitMessage }, dialogId, probe),
  };
}

function keyboardField(botId: number, keyboard: ChatKeyboard | undefined) {
  return keyboard === undefined || keyboard.length === 0
    ? {}
    : { keyboard: toKeyboard(botId, keyboard) };
}

/** Rows become buttons separated by `{ TYPE: 'NEWLINE' }`; BOT_ID routes the press to this bot. */
export function toKeyboard(botId: number, keyboard: ChatKeyboard) {
  const buttons: Record<string, unknown>[] = [];
  keyboard.forEach((row, index) => {
    if (index > 0) {
      buttons.push({ TYPE: 'NEWLINE' });
    }
    for (const button of row) {
      buttons.push({
        TEXT: button.text,
        COMMAND: button.command.replace(/^\//, ''),
        ...(button.params === undefined ? {} : { COMMAND_PARAMS: button.params }),
        BG_COLOR_TOKEN: button.tone ?? 'base',
        DISPLAY: 'LINE',
        BLOCK: 'Y',
      });
    }
  });
  return { BOT_ID: botId, BUTTONS: buttons };
}

export function fitMessage(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) {
    return text;
  }
  const suffix = '\n(…)';
  return text.slice(0, MAX_MESSAGE_CHARS - suffix.length) + suffix;
}
