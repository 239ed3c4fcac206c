import { z } from 'zod';
import type { BitrixClient } from '../bitrix/client.js';
import { BitrixApiError, BitrixHttpError } from '../bitrix/errors.js';
import type { Department } from '../domain/department/department.js';
import { readDepartments, readUsers } from './portal-directory.js';
import type { PortalFacts } from './portal-problems.js';

const scopesSchema = z.array(z.string());
/** imbot.v2.Bot.list's result (chat-bots-v2/imbot.v2/bots/bot-list.md). */
const botListSchema = z.looseObject({
  bots: z.array(z.looseObject({ id: z.coerce.number() })),
});

/**
 * Asks the portal what check-config --portal compares the file with. A part the portal will
 * not answer (a scope missing) is left undefined, so it is reported as unchecked, not as wrong.
 */
export async function readPortalFacts(
  client: BitrixClient,
  dept: Department,
  bot: { id: number; token: string } | undefined,
): Promise<PortalFacts> {
  const ids = [
    ...new Set([...dept.managers.map((m) => m.userId), dept.head.userId, ...dept.head.deputies]),
  ];
  const [scopes, users, departments, botState] = await Promise.all([
    unlessRefused(async () => {
      const { result } = await client.call('scope', {}, { kind: 'read' });
      return new Set(scopesSchema.parse(result));
    }),
    unlessRefused(async () => new Map((await readUsers(client, { ids })).map((u) => [u.id, u]))),
    dept.portalId === undefined ? undefined : unlessRefused(() => readDepartments(client)),
    botOnPortal(client, bot),
  ]);
  return { scopes, users, departments, bot: botState };
}

async function botOnPortal(
  client: BitrixClient,
  bot: { id: number; token: string } | undefined,
): Promise<PortalFacts['bot']> {
  if (bot === undefined) {
    return { state: 'not_registered' };
  }
  try {
    const { result } = await client.call(
      'imbot.v2.Bot.list',
      { botToken: bot.token },
      { kind: 'read' },
    );
    const listed = botListSchema.parse(result).bots.some((b) => b.id === bot.id);
    return listed ? { state: 'registered', id: bot.id } : { state: 'missing', id: bot.id };
  } catch (error) {
    if (error instanceof BitrixApiError && error.code === 'BOT_OWNERSHIP_ERROR') {
      return { state: 'missing', id: bot.id };
    }
    if (error instanceof BitrixApiError || error instanceof BitrixHttpError) {
      return { state: 'unknown', id: bot.id, reason: `imbot.v2.Bot.list: ${errorCode(error)}` };
    }
    throw error;
  }
}

async function unlessRefused<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (
      error instanceof BitrixApiError ||
      error instanceof BitrixHttpError ||
      error instanceof z.ZodError
    ) {
      return undefined;
    }
    throw error;
  }
}

function errorCode(error: BitrixApiError | BitrixHttpError): string {
  return error instanceof BitrixApiError ? error.code : error.message;
}
