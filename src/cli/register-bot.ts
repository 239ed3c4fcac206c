import { bitrixCaller } from '../chat/imbot-events.js';
import { registerBot } from '../chat/register-bot.js';
import { loadConfig } from '../config/load-config.js';
import { createContext } from '../context.js';
import { createStandupStore } from '../standup/standup-store.js';
import { BitrixApiError } from '../bitrix/errors.js';
import { EXIT_OK, type Command } from './command.js';

/**
 * The portal holds a bot with this code under another token: an earlier installation, or the
 * same one with another Redis. Only that token, or another code, gets past it.
 */
class OwnershipError extends Error {
  constructor(code: string, hadToken: boolean) {
    super(
      [
        `the portal already has a bot "${code}" registered with another token (BOT_OWNERSHIP_ERROR).`,
        hadToken
          ? "The token in BOT_TOKEN or in Redis is not that bot's."
          : 'This Redis holds no token for it: it was registered by another installation or another Redis.',
        'Either set BOT_TOKEN to the token of the installation that registered it and run register-bot again,',
        `or register a new bot under another code (BOT_CODE=${code}_2 standup-bot register-bot) and delete the old one`,
        'in the portal (Applications → Developer resources → the webhook or application that created it).',
      ].join(' '),
    );
    this.name = 'OwnershipError';
  }
}

export const registerBotCommand: Command = {
  name: 'register-bot',
  summary: 'Register the chat bot on the portal (idempotent) and keep its id and token in Redis',
  usage: 'standup-bot register-bot [--name <bot name>] [--config <department.yaml>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description: 'the department file (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    name: {
      type: 'string',
      description: "the bot's name in the chat (default: Планёрка / Standup)",
    },
  },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const ctx = await createContext(config);
    try {
      const store = createStandupStore(ctx.redis, ctx.keyPrefix);
      const kept = await store.bot();
      const ru = config.department.language === 'ru';
      const token = config.env.BOT_TOKEN ?? kept?.token;
      const bot = await registerBot({
        caller: bitrixCaller(ctx.bitrix),
        code: config.env.BOT_CODE,
        token,
        name: (values.name as string | undefined) ?? (ru ? 'Планёрка' : 'Standup'),
        workPosition: ru ? 'Бот планёрки отдела продаж' : 'Sales standup bot',
      }).catch((error: unknown) => {
        if (error instanceof BitrixApiError && error.code === 'BOT_OWNERSHIP_ERROR') {
          throw new OwnershipError(config.env.BOT_CODE, token !== undefined);
        }
        throw error;
      });
      ctx.secrets.add(bot.token);
      await store.saveBot({ id: bot.id, token: bot.token });
      io.out(
        `Bot "${bot.code}" registered: id ${bot.id}, ${Object.keys(bot.commands).length} commands (fetch mode: no public URL needed).`,
      );
      io.out('Its token is kept in Redis; set BOT_TOKEN to pin it yourself.');
      return EXIT_OK;
    } finally {
      await ctx.close();
    }
  },
};
