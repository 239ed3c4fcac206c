import { EmulatorError } from '../emulator-error.js';
import { botObject } from '../bot-access.js';
import type { MethodDefinition } from './method.js';

/**
 * imbot.v2.Bot.list (chat-bots-v2/imbot.v2/bots/bot-list.md): this application's bots, in the
 * extended format; over a webhook, with one of their tokens. check-config --portal asks it
 * whether the bot kept in Redis is still on the portal.
 */
export const imbotListMethods: Record<string, MethodDefinition> = {
  'imbot.v2.Bot.list': {
    scope: 'imbot',
    handler(params, { state, appKey, viaWebhook }) {
      const mine = [...state.bots.values()].filter((bot) => bot.appKey === appKey);
      if (viaWebhook) {
        if (typeof params.botToken !== 'string' || params.botToken === '') {
          throw new EmulatorError('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified');
        }
        if (!mine.some((bot) => bot.token === params.botToken)) {
          throw new EmulatorError(
            'BOT_OWNERSHIP_ERROR',
            'Bot is registered by another application',
            403,
          );
        }
      }
      return {
        result: {
          bots: mine.map(botObject),
          users: mine.map((bot) => ({
            id: bot.id,
            active: true,
            name: bot.name,
            bot: true,
            type: 'bot',
          })),
          hasNextPage: false,
        },
      };
    },
  },
};
