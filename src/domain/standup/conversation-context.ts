import type { DepartmentConfig } from '../../config/department-schema.js';
import type { Language } from './texts/format.js';

/** What a conversation needs to know about its department, and the time. */
export interface ConversationContext {
  now: string;
  zone: string;
  language: Language;
  headId: number;
  deputies: readonly number[];
  /** The weekday (1-7) that "end of week" means: the department's last working weekday. */
  endOfWeek: number;
  reminderAfterMinutes: number | undefined;
  deadlineCheck: boolean;
  /** When the deadline check of a plan due on `day` runs (end of the working day). */
  checkAt: (day: string) => string;
  titleOf: (metric: string) => string;
}

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

export function conversationContext(
  dept: DepartmentConfig,
  now: string,
  titleOf: (metric: string) => string,
  checkAt: (day: string) => string,
  language?: Language,
): ConversationContext {
  const reminder = dept.reminders.reminder;
  return {
    now,
    zone: dept.department.timezone,
    language: language ?? dept.department.language,
    headId: dept.head.user_id,
    deputies: dept.head.deputies,
    endOfWeek: Math.max(...dept.calendar.working_days.map((d) => WEEKDAY_NUMBER[d])),
    reminderAfterMinutes: reminder.enabled ? reminder.after_minutes : undefined,
    deadlineCheck: dept.reminders.deadline_check.enabled,
    checkAt,
    titleOf,
  };
}

export function isDecider(context: ConversationContext, userId: number): boolean {
  return userId === context.headId || context.deputies.includes(userId);
}
