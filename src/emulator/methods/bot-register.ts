import { botObject } from '../bot-access.js';
import { userObject } from '../chat-actions.js';
import { asRecord, EmulatorError } from '../emulator-error.js';
import { BOT_TYPES, type BotType, type RegisteredBot } from '../portal-state.js';
import type { CallerContext, MethodAnswer } from './method.js';

/** BOT-BC-0506-1 (change-log.md): from 06.08.2026 a longer token is refused. */
const MAX_TOKEN_CHARS = 40;

/**
 * The bot's token as a register call carries it. The method page
 * (imbot.v2/bots/bot-register.md) puts it in `fields.botToken`; the quick start
 * (chat-bots-v2/quick-start.md) sends it at the top level. Both are honoured, the method
 * page's first when both are given; either one longer than 40 characters is refused.
 */
function tokenOf(params: Record<string, unknown>, fields: Record<string, unknown>) {
  const candidates = [fields.botToken, params.botToken].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  if (candidates.some((token) => token.length > MAX_TOKEN_CHARS)) {
    throw new EmulatorError(
      'BOT_TOKEN_INVALID_LENGTH',
      `botToken must not exceed ${MAX_TOKEN_CHARS} characters`,
    );
  }
  return candidates[0];
}

/**
 * `fields.type`: `bot` by default; the page allows bot, network, openline, supervisor, personal
 * and answers anything else with BOT_INVALID_TYPE. The emulator has no network (Open Channels
 * network) bots: one registers as a plain `bot`.
 */
function typeOf(value: unknown): BotType {
  if (value === undefined || value === '' || value === 'network') {
    return 'bot';
  }
  const type = BOT_TYPES.find((t) => t === value);
  if (type === undefined) {
    throw new EmulatorError('BOT_INVALID_TYPE', 'Invalid bot type');
  }
  return type;
}

/**
 * `imbot.v2.Bot.register` (imbot.v2/bots/bot-register.md): idempotent per `fields.code` and
 * application ("returns the existing bot without updating the data"); answers the extended
 * bot object and the related users as User objects.
 */
export function registerBot(params: Record<string, unknown>, context: CallerContext): MethodAnswer {
  const { state, appKey } = context;
  const fields = asRecord(params.fields);
  const properties = asRecord(fields.properties);
  const code = typeof fields.code === 'string' ? fields.code : '';
  const token = tokenOf(params, fields);
  if (context.viaWebhook && token === undefined) {
    throw new EmulatorError('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified');
  }
  if (code === '') {
    throw new EmulatorError('BOT_CODE_REQUIRED', 'Bot code is required');
  }
  if (typeof properties.name !== 'string' || properties.name === '') {
    throw new EmulatorError('BOT_PROPERTIES_REQUIRED', 'Bot properties are required');
  }
  const type = typeOf(fields.type);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  let bot = [...state.bots.values()].find((b) => b.code === code && b.appKey === appKey);
  if (bot === undefined) {
    bot = {
      id: ++state.counters.user,
      code,
      token,
      appKey,
      name: properties.name,
      type,
      commands: new Map<string, number>(),
      events: [],
      ackedOffset: 0,
    } satisfies RegisteredBot;
    state.bots.set(bot.id, bot);
    state.users.set(bot.id, {
      id: bot.id,
      name: properties.name,
      lastName: text(properties.lastName),
      email: '',
      active: true,
      departments: [],
      timeZone: '',
      workPosition: text(properties.workPosition),
      isBot: true,
    });
  }
  return { result: { bot: botObject(bot), users: [userObject(state, bot.id)] } };
}
