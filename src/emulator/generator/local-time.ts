import { DateTime } from 'luxon';
import type { DepartmentCalendar, IsoDay } from '../../domain/calendar.js';

const offsets = new Map<string, number>();

/**
 * Epoch milliseconds of `minutes` after local midnight of `day`. The zone's offset at noon is
 * computed once per day and reused: generating a million rows through luxon one by one took
 * a minute. (Exact for the working hours; a DST switch happens at night.)
 */
export function localTime(calendar: DepartmentCalendar, day: IsoDay, minutes: number): number {
  const key = `${calendar.zone}|${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromISO(`${day}T12:00`, { zone: calendar.zone }).offset;
    offsets.set(key, offset);
  }
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) + (minutes - offset) * 60_000;
}
