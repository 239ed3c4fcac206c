import { DateTime } from 'luxon';
import { arrayish, EmulatorError } from '../emulator-error.js';
import type { CalendarEvent } from '../portal-state.js';
import type { MethodDefinition } from './method.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const calendarMethods: Record<string, MethodDefinition> = {
  // Documented shape: result is { "<user id>": [event, ...] } for each requested user.
  'calendar.accessibility.get': {
    scope: 'calendar',
    handler(params, { state }) {
      const users = arrayish(params.users)?.map(Number);
      const from = typeof params.from === 'string' ? params.from : '';
      const to = typeof params.to === 'string' ? params.to : '';
      if (users === undefined || users.length === 0 || !DAY.test(from) || !DAY.test(to)) {
        throw new EmulatorError(
          'INVALID_ARG_VALUE',
          'Required parameters "users", "from" and "to" (YYYY-MM-DD) are missing or invalid',
        );
      }
      const start = DateTime.fromISO(from, { zone: state.zone }).toMillis();
      const end = DateTime.fromISO(to, { zone: state.zone }).plus({ days: 1 }).toMillis();
      const result = Object.fromEntries(
        users.map((id) => [
          String(id),
          (state.calendar.get(id) ?? [])
            .filter((e) => e.from < end && e.to >= start)
            .map((e) => eventRow(e, state.zone)),
        ]),
      );
      return { result, scanned: users.length };
    },
  },
};

function eventRow(event: CalendarEvent, zone: string) {
  const at = (ms: number) => DateTime.fromMillis(ms, { zone });
  const offset = at(event.from).offset * 60;
  return {
    ID: String(event.id),
    NAME: event.name,
    DATE_FROM: at(event.from).toFormat('dd.MM.yyyy HH:mm:ss'),
    DATE_TO: at(event.to).toFormat('dd.MM.yyyy HH:mm:ss'),
    DATE_FROM_TS_UTC: String(Math.floor(event.from / 1000)),
    DATE_TO_TS_UTC: String(Math.floor(event.to / 1000)),
    '~USER_OFFSET_FROM': offset,
    '~USER_OFFSET_TO': offset,
    DT_SKIP_TIME: event.allDay ? 'Y' : 'N',
    TZ_FROM: zone,
    TZ_TO: zone,
    ACCESSIBILITY: event.accessibility,
    IMPORTANCE: 'normal',
    EVENT_TYPE: '',
  };
}
