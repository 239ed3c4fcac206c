import { bitrixCaller } from '../chat/imbot-events.js';
import { registerBot } from '../chat/register-bot.js';
import { loadConfig } from '../config/load-config.js';
import { createContext } from '../context.js';
import { createStandupStore } from '../standup/standup-store.js';
import { EXIT_OK, type Command } from './command.js';

export const registerBotCommand: Command = {
  name: 'register-bot',
  summary: 'Register the chat bot on the portal (idempotent) and keep its id and token in Redis',
  usage: 'standup-bot register-bot [--name <bot name>] [--config <department.yaml>]',
  options: { config: { type: 'string', short: 'c' }, name: { type: 'string' } },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const ctx = await createContext(config);
    try {
      const store = createStandupStore(ctx.redis, ctx.keyPrefix);
      const kept = await store.bot();
      const ru = config.department.language === 'ru';
      const bot = await registerBot({
        caller: bitrixCaller(ctx.bitrix),
        code: config.env.BOT_CODE,
        token: config.env.BOT_TOKEN ?? kept?.token,
        name: (values.name as string | undefined) ?? (ru ? 'Планёрка' : 'Standup'),
        workPosition: ru ? 'Бот планёрки отдела продаж' : 'Sales standup bot',
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
