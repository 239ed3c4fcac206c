import { createCalendar } from '../calendar.js';
import type { Department, Head } from '../department/department.js';
import { mayDecide } from '../department/may-decide.js';
import { deadlineRules, endOfWeekOf, type WorkingCalendar } from './deadline-rules.js';
import type { DeadlineRules } from './parse-deadline.js';
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
  /** Working days and how far ahead a deadline may be. */
  deadlineRules: DeadlineRules;
  reminderAfterMinutes: number | undefined;
  deadlineCheck: boolean;
  /** When the deadline check of a plan due on `day` runs (end of the working day). */
  checkAt: (day: string) => string;
  titleOf: (metric: string) => string;
}

export function conversationContext(
  dept: Department,
  now: string,
  titleOf: (metric: string) => string,
  checkAt: (day: string) => string,
  language?: Language,
  calendar: WorkingCalendar = createCalendar(dept),
): ConversationContext {
  const reminder = dept.reminders.reminder;
  return {
    now,
    zone: dept.timeZone,
    language: language ?? dept.language,
    headId: dept.head.userId,
    head: dept.head,
    endOfWeek: endOfWeekOf(dept),
    deadlineRules: deadlineRules(dept, calendar),
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
