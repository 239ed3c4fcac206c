import { EmulatorError } from './emulator-error.js';
import type { CallerContext } from './methods/method.js';
import type { RegisteredBot } from './portal-state.js';

/** The bot a call names, checked as imbot.v2 does: it exists, it is this app's, the token fits. */
export function botOf(params: Record<string, unknown>, context: CallerContext): RegisteredBot {
  if (params.botId === undefined || params.botId === '') {
    throw new EmulatorError('BOT_ID_REQUIRED', 'Bot ID is required');
  }
  const bot = context.state.bots.get(Number(params.botId));
  if (bot === undefined) {
    throw new EmulatorError('BOT_NOT_FOUND', 'Bot not found');
  }
  if (bot.appKey !== context.appKey) {
    throw new EmulatorError('BOT_OWNERSHIP_ERROR', 'Bot is registered by another application', 403);
  }
  if (context.viaWebhook) {
    if (params.botToken === undefined || params.botToken === '') {
      throw new EmulatorError('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified');
    }
    if (params.botToken !== bot.token) {
      throw new EmulatorError(
        'BOT_OWNERSHIP_ERROR',
        'Bot is registered by another application',
        403,
      );
    }
  }
  return bot;
}

/** imbot.v2's full bot object, as events in FETCH mode carry it. */
export function botObject(bot: RegisteredBot): Record<string, unknown> {
  return {
    id: bot.id,
    code: bot.code,
    type: bot.type,
    isHidden: false,
    isSupportOpenline: false,
    isReactionsEnabled: true,
    backgroundId: null,
    language: 'ru',
    moduleId: 'rest',
    eventMode: 'fetch',
    countMessage: 0,
    countCommand: bot.commands.size,
    countChat: 0,
    countUser: 0,
  };
}
