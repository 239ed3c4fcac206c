import type { Department } from '../department/department.js';
import type { DeadlineRules } from './parse-deadline.js';

/** What a deadline needs of the department's calendar: its zone and its working days. */
export interface WorkingCalendar {
  readonly zone: string;
  isWorkingDay(day: string): boolean;
}

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

/** The weekday (1-7) that "end of week" means: the department's last working weekday. */
export function endOfWeekOf(dept: Department): number {
  return Math.max(...dept.calendar.workingDays.map((d) => WEEKDAY_NUMBER[d]));
}

/**
 * The department's rules for a deadline: its working days (holidays and moved days included),
 * the weekday that "end of week" means, and how many days ahead a deadline may be.
 */
export function deadlineRules(dept: Department, calendar: WorkingCalendar): DeadlineRules {
  return {
    zone: calendar.zone,
    endOfWeek: endOfWeekOf(dept),
    maxDays: dept.standup.maxDeadlineDays,
    isWorkingDay: (day) => calendar.isWorkingDay(day),
  };
}
