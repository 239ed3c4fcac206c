import { DateTime } from 'luxon';
import type { IsoDay } from '../calendar.js';
import type { Manager } from '../department/department.js';

/**
 * The last day of the absence the manager is in on `day`, following absences that overlap or
 * follow one another day after day (the file's vacation, then the portal's sick leave);
 * undefined when the manager is not away on `day`.
 */
export function awayThrough(manager: Manager, day: IsoDay): IsoDay | undefined {
  let until: IsoDay | undefined;
  let reach = day;
  for (;;) {
    const next = manager.absences
      .filter((a) => a.from <= reach && a.to >= reach && (until === undefined || a.to > until))
      .map((a) => a.to)
      .sort()
      .at(-1);
    if (next === undefined) {
      return until;
    }
    until = next;
    reach = DateTime.fromISO(next, { zone: 'utc' }).plus({ days: 1 }).toISODate() ?? next;
  }
}
