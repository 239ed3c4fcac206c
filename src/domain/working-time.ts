import { DateTime } from 'luxon';
import type { DepartmentCalendar } from './calendar.js';
import type { Department } from './department/department.js';

/** Before the first run and after the working day people still write: this much either side. */
const MARGIN_BEFORE_MINUTES = 30;
const MARGIN_AFTER_MINUTES = 120;

/**
 * Whether people of the department may be writing to the bot now: a working day, from half an
 * hour before the first standup run (or the start of work, if earlier) to two hours after the
 * end of work. Outside it, the bot can listen less often.
 */
export function isWorkingTime(dept: Department, calendar: DepartmentCalendar, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: calendar.zone });
  const day = local.toISODate();
  if (day === null || !calendar.isWorkingDay(day)) {
    return false;
  }
  const minutes = local.hour * 60 + local.minute;
  const firstRun = Math.min(
    ...dept.standup.times.map((t) => t.minutes),
    dept.calendar.workHours.start.minutes,
  );
  return (
    minutes >= firstRun - MARGIN_BEFORE_MINUTES &&
    minutes <= dept.calendar.workHours.end.minutes + MARGIN_AFTER_MINUTES
  );
}
