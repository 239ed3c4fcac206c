import type { DeadlineRules } from './parse-deadline.js';

/** What a deadline needs of the department's calendar: its zone and its working days. */
export interface WorkingCalendar {
  readonly zone: string;
  isWorkingDay(day: string): boolean;
}

/**
 * The department's rules for a deadline: its working days (holidays and moved days included),
 * the weekday that "end of week" means, and how many days ahead a deadline may be.
 */
export function deadlineRules(
  calendar: WorkingCalendar,
  endOfWeek: number,
  maxDays: number,
): DeadlineRules {
  return {
    zone: calendar.zone,
    endOfWeek,
    maxDays,
    isWorkingDay: (day) => calendar.isWorkingDay(day),
  };
}
