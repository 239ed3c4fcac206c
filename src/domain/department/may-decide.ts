import type { Head } from './department.js';

/** Whether this user may approve, correct or send a plan to the meeting: the head or a deputy. */
export function mayDecide(head: Head, userId: number): boolean {
  return userId === head.userId || head.deputies.includes(userId);
}
