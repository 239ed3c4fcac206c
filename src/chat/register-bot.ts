import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { BitrixCaller } from './chat-port.js';

/** A command the bot registers; `hidden` ones are only pressed as buttons. */
export interface BotCommand {
  command: string;
  title: { ru: string; en: string };
  hidden: boolean;
}

/** Everything the standup needs: visible commands for people, hidden ones behind buttons. */
export const BOT_COMMANDS: readonly BotCommand[] = [
  { command: 'help', title: { ru: 'Что умеет бот', en: 'What the bot does' }, hidden: false },
  {
    command: 'status',
    title: { ru: 'Доска дня (руководитель)', en: "Today's board (head)" },
    hidden: false,
  },
  {
    command: 'mine',
    title: { ru: 'Мои цифры и планы', en: 'My figures and plans' },
    hidden: false,
  },
  {
    command: 'month',
    title: { ru: 'Итоги месяца (руководитель)', en: "The month's results (head)" },
    hidden: false,
  },
  {
    command: 'week',
    title: { ru: 'Карточка недели к планёрке (руководитель)', en: "The week's card (head)" },
    hidden: false,
  },
  {
    command: '1on1',
    title: { ru: 'Отметить встречу 1:1: /1on1 Имя', en: 'Record a one-to-one: /1on1 Name' },
    hidden: false,
  },
  {
    command: 'training',
    title: { ru: 'Отметить обучение: /training Имя', en: 'Record training: /training Name' },
    hidden: false,
  },
  ...[
    'month_approve',
    'issue',
    'approve',
    'correct',
    'discuss',
    'deadline',
    'edit',
    'confirm',
    'accept',
    'full',
    'replace',
    'keep',
  ].map((command) => ({
    command,
    title: { ru: command, en: command },
    hidden: true,
  })),
];

export interface RegisteredBot {
  id: number;
  code: string;
  token: string;
  commands: Record<string, number>;
}

export interface RegisterBotOptions {
  caller: BitrixCaller;
  code: string;
  /** Reuse the token kept from an earlier registration: a new one would lock the old bot out. */
  token: string | undefined;
  name: string;
  workPosition: string;
}

const registerResultSchema = z.object({ bot: z.object({ id: z.coerce.number() }) });
const commandResultSchema = z.object({ command: z.object({ id: z.coerce.number() }) });

/**
 * Registers the bot in fetch event mode and its commands. Both calls are idempotent on the
 * portal (per bot code, per command), so running it again is safe and returns the same ids.
 */
export async function registerBot(options: RegisterBotOptions): Promise<RegisteredBot> {
  const token = options.token ?? randomBytes(20).toString('hex').slice(0, 32);
  const { result } = await options.caller.call(
    'imbot.v2.Bot.register',
    {
      // The docs name two places: the method page `fields.botToken`, the quick start the top
      // level. Sending both works on a portal that reads either (imbot.v2/bots/bot-register.md,
      // chat-bots-v2/quick-start.md).
      botToken: token,
      fields: {
        botToken: token,
        code: options.code,
        // A supervisor bot may read its dialogs back (imbot.v2.Chat.Message.getContext), which
        // is how a send whose answer was lost is checked before it is repeated. In a group
        // chat it also receives every message; the bot ignores group text (route.ts).
        type: 'supervisor',
        eventMode: 'fetch',
        properties: { name: options.name, workPosition: options.workPosition, color: 'AQUA' },
      },
    },
    { kind: 'write' },
  );
  const bot = registerResultSchema.parse(result).bot;
  const commands: Record<string, number> = {};
  for (const command of BOT_COMMANDS) {
    const answer = await options.caller.call(
      'imbot.v2.Command.register',
      {
        botId: bot.id,
        botToken: token,
        fields: { command: command.command, title: command.title, hidden: command.hidden },
      },
      { kind: 'write' },
    );
    commands[command.command] = commandResultSchema.parse(answer.result).command.id;
  }
  return { id: bot.id, code: options.code, token, commands };
}
