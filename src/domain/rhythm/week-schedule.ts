import { DateTime } from 'luxon';
import type { Department } from '../department/department.js';
import { WEEKDAYS } from '../department/department.js';
import type { DepartmentCalendar, IsoDay } from '../calendar.js';
import { rhythmOf } from './rhythm-settings.js';

/** "HH:MM" when the week's card goes out: the meeting time less `card_minutes_before`. */
export function weekCardTime(dept: Department): string {
  const { time, cardMinutesBefore } = rhythmOf(dept).weeklyMeeting;
  const minutes = Math.max(0, time.minutes - cardMinutesBefore);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Whether `day` is the meeting's weekday and a working day (a meeting on a holiday is skipped). */
export function isMeetingDay(dept: Department, calendar: DepartmentCalendar, day: IsoDay): boolean {
  const weekly = rhythmOf(dept).weeklyMeeting;
  const weekday = WEEKDAYS[DateTime.fromISO(day, { zone: calendar.zone }).weekday - 1];
  return weekly.enabled && weekday === weekly.day && calendar.isWorkingDay(day);
}
