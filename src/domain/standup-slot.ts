import { DateTime } from 'luxon';
import type { DepartmentConfig } from '../config/department-schema.js';
import type { DepartmentCalendar, IsoDay } from './calendar.js';

/** One scheduled run of the standup: a department, a working day, a local time. */
export interface StandupSlot {
  /** `<deptId>-<yyyymmdd>`, plus `-<hhmm>` when the department runs several times a day. No colon. */
  standupId: string;
  day: IsoDay;
  time: string;
  /** ISO local time with offset. */
  runAt: string;
}

export function standupSlot(dept: DepartmentConfig, day: IsoDay, time: string): StandupSlot {
  const [hour, minute] = time.split(':').map(Number);
  const runAt = DateTime.fromISO(day, { zone: dept.department.timezone }).set({
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
  const suffix = dept.standup.times.length > 1 ? `-${time.replace(':', '')}` : '';
  return {
    standupId: `${dept.department.id}-${day.replaceAll('-', '')}${suffix}`,
    day,
    time,
    runAt: runAt.toISO({ suppressMilliseconds: true }) ?? '',
  };
}

/**
 * The slots a process starting at `now` must still run: today's runs that were due within
 * the last `graceMinutes` (a restart or a deploy during the standup), on working days only.
 */
export function missedSlots(
  dept: DepartmentConfig,
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
