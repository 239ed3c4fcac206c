import { EmulatorError } from '../emulator-error.js';
import { botObject } from '../bot-access.js';
import type { MethodDefinition } from './method.js';

/**
 * What a setup check asks: `scope` (api-reference/common/system/scope.md: the scopes this
 * webhook or application was granted) and imbot.v2.Bot.list (chat-bots-v2/imbot.v2/bots/
 * bot-list.md: this application's bots; over a webhook, with one of their tokens).
 */
export const systemMethods: Record<string, MethodDefinition> = {
  scope: {
    scope: 'basic',
    handler(_params, { scopes }) {
      return { result: [...(scopes ?? [])].filter((s) => s !== 'basic') };
    },
  },
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
