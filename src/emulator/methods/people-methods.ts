import { DateTime } from 'luxon';
import { arrayish, EmulatorError } from '../emulator-error.js';
import { portalNow, type PortalState, type PortalUser } from '../portal-state.js';
import type { MethodDefinition } from './method.js';

/**
 * People methods beyond user.get: im.user.list.get as api-reference/chats/users/
 * im-user-list-get.md describes it. Dismissed users are listed with `active: false`; ids the
 * portal does not know are skipped without an error; `absent` is the end of the absence the
 * user is in now (ATOM, the chart's last day at midnight), or false.
 */
export const peopleMethods: Record<string, MethodDefinition> = {
  'im.user.list.get': {
    scope: 'im',
    handler(params, { state }) {
      const ids = idsOf(params.ID);
      if (ids === undefined) {
        throw new EmulatorError('INVALID_FORMAT', 'A wrong format for the ID field is passed');
      }
      const users = ids.flatMap((id) => {
        const user = state.users.get(id);
        return user === undefined ? [] : [imUser(user, state)];
      });
      const asArray = params.RESULT_TYPE === 'array';
      return {
        // Without RESULT_TYPE=array: an object keyed by id (PHP's empty array when none).
        result:
          asArray || users.length === 0
            ? users
            : Object.fromEntries(users.map((u) => [String(u.id), u])),
        scanned: ids.length,
      };
    },
  },
};

/** An array, or a JSON string holding one, of positive ids. */
function idsOf(value: unknown): number[] | undefined {
  let list = arrayish(value);
  if (list === undefined && typeof value === 'string') {
    try {
      list = arrayish(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  const ids = list?.map(Number);
  return ids === undefined || ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)
    ? undefined
    : ids;
}

function imUser(user: PortalUser, state: PortalState) {
  const today = DateTime.fromMillis(portalNow(state), { zone: state.zone }).toISODate() ?? '';
  const away = user.absence !== undefined && user.absence.from <= today && today <= user.absence.to;
  return {
    id: user.id,
    active: user.active,
    name: `${user.name} ${user.lastName}`.trim(),
    first_name: user.name,
    last_name: user.lastName,
    work_position: user.workPosition,
    gender: user.gender ?? '',
    birthday: '',
    extranet: false,
    network: false,
    bot: user.isBot,
    connector: false,
    external_auth_id: user.isBot ? 'bot' : 'default',
    status: 'online',
    idle: false,
    absent: away
      ? (DateTime.fromISO(user.absence?.to ?? today, { zone: state.zone }).toISO({
          suppressMilliseconds: true,
        }) ?? false)
      : false,
    departments: user.departments,
    phones: false,
    email: user.email,
    bot_data: null,
    type: user.isBot ? 'bot' : 'user',
  };
}
