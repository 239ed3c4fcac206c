import { DateTime } from 'luxon';
import type { Department } from './department/department.js';
import { atLocalTime, type LocalTime } from './department/local-time.js';
import type { DepartmentCalendar, IsoDay } from './calendar.js';

/** One scheduled run of the standup: a department, a working day, a local time. */
export interface StandupSlot {
  /** `<deptId>-<yyyymmdd>`, plus `-<hhmm>` when the department runs several times a day. No colon. */
  standupId: string;
  day: IsoDay;
  /** "HH:MM". */
  time: string;
  /** ISO local time with offset. */
  runAt: string;
}

export function standupSlot(dept: Department, day: IsoDay, time: LocalTime): StandupSlot {
  const runAt = atLocalTime(DateTime.fromISO(day, { zone: dept.timeZone }), time);
  const suffix = dept.standup.times.length > 1 ? `-${time.text.replace(':', '')}` : '';
  return {
    standupId: `${dept.id}-${day.replaceAll('-', '')}${suffix}`,
    day,
    time: time.text,
    runAt: runAt.toISO({ suppressMilliseconds: true }) ?? '',
  };
}

/**
 * The slots a process starting at `now` must still run: today's runs that were due within
 * the last `graceMinutes` (a restart or a deploy during the standup), on working days only.
 */
export function missedSlots(
  dept: Department,
  calendar: DepartmentCalendar,
  now: Date,
  graceMinutes: number,
): StandupSlot[] {
  const local = DateTime.fromJSDate(now, { zone: calendar.zone });
  const day = local.toISODate();
  if (day === null || !calendar.isWorkingDay(day)) {
    return [];
  }
  return dept.standup.times
    .map((time) => standupSlot(dept, day, time))
    .filter((slot) => {
      const due = DateTime.fromISO(slot.runAt);
      return due <= local && local.diff(due, 'minutes').minutes <= graceMinutes;
    });
}
