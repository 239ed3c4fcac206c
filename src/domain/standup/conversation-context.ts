import type { Department, Head } from '../department/department.js';
import { mayDecide } from '../department/may-decide.js';
import type { Language } from './texts/format.js';

/** What a conversation needs to know about its department, and the time. */
export interface ConversationContext {
  now: string;
  zone: string;
  language: Language;
  /** The head's user id: the dialog the head's messages go to. */
  headId: number;
  head: Head;
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
  dept: Department,
  now: string,
  titleOf: (metric: string) => string,
  checkAt: (day: string) => string,
  language?: Language,
): ConversationContext {
  const reminder = dept.reminders.reminder;
  return {
    now,
    zone: dept.timeZone,
    language: language ?? dept.language,
    headId: dept.head.userId,
    head: dept.head,
    endOfWeek: Math.max(...dept.calendar.workingDays.map((d) => WEEKDAY_NUMBER[d])),
    reminderAfterMinutes: reminder.enabled ? reminder.afterMinutes : undefined,
    deadlineCheck: dept.reminders.deadlineCheck.enabled,
    checkAt,
    titleOf,
  };
}

/** Whether this user may decide on plans (the head or a deputy). */
export function isDecider(context: ConversationContext, userId: number): boolean {
  return mayDecide(context.head, userId);
}
