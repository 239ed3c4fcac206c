import { DateTime } from 'luxon';
import type { DepartmentCalendar, IsoDay } from '../calendar.js';

/** "2026-11" for any day of November 2026. */
export const monthKeyOf = (day: IsoDay): string => day.slice(0, 7);

/** The month after `day`'s month, as "YYYY-MM". */
export function nextMonthKey(day: IsoDay): string {
  return DateTime.fromISO(day).startOf('month').plus({ months: 1 }).toFormat('yyyy-MM');
}

/** The last working day of `day`'s month by the department's calendar; none in a month off. */
export function lastWorkingDayOfMonth(
  calendar: DepartmentCalendar,
  day: IsoDay,
): IsoDay | undefined {
  return workingDayOnOrBefore(
    calendar,
    DateTime.fromISO(day, { zone: calendar.zone }).endOf('month').startOf('day'),
  );
}

/** How many calendar days before the month's end the head is warned of a missing plan. */
export const PLAN_WARNING_DAYS = 7;

/**
 * The day the head is warned when the file has no plan for the next month: a week before the
 * month's last day, moved back to a working day (the head reads it at work).
 */
export function planWarningDay(calendar: DepartmentCalendar, day: IsoDay): IsoDay | undefined {
  return workingDayOnOrBefore(
    calendar,
    DateTime.fromISO(day, { zone: calendar.zone })
      .endOf('month')
      .startOf('day')
      .minus({ days: PLAN_WARNING_DAYS }),
  );
}

/** `from` or the nearest working day before it, within its month; undefined when none. */
function workingDayOnOrBefore(calendar: DepartmentCalendar, from: DateTime): IsoDay | undefined {
  const first = from.startOf('month');
  for (let cursor = from; cursor >= first; cursor = cursor.minus({ days: 1 })) {
    const iso = cursor.toISODate() ?? '';
    if (calendar.isWorkingDay(iso)) {
      return iso;
    }
  }
  return undefined;
}
