import { DateTime } from 'luxon';
import type { IsoDay } from '../../domain/calendar.js';
import type { PortalState } from '../portal-state.js';
import type { ManagerProfile } from './plan-people.js';

/** Each absence as an all-day "absent" calendar event, as a portal's absence would show. */
export function addAbsenceEvents(
  state: PortalState,
  profiles: ManagerProfile[],
  zone: string,
): void {
  for (const profile of profiles) {
    const [first, last] = [profile.absent[0], profile.absent.at(-1)];
    if (first === undefined || last === undefined) {
      continue;
    }
    const at = (day: IsoDay) => DateTime.fromISO(day, { zone }).toMillis();
    state.calendar.set(profile.id, [
      {
        id: 9_000 + profile.id,
        name: 'Больничный',
        from: at(first),
        to: at(last),
        allDay: true,
        accessibility: 'absent',
      },
    ]);
  }
}
