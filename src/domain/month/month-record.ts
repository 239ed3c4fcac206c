import type { HistoryEntry } from '../standup/history-entry.js';
import type { MonthRecord } from './month-report.js';

/**
 * A manager's month as the standups recorded it: on how many days the manager was asked for a
 * reason and a plan, how many plans were given, and how many held or did not at their check.
 */
export function monthRecordOf(entries: readonly HistoryEntry[], managerId: number): MonthRecord {
  const own = entries.filter((e) => e.managerId === managerId);
  return {
    daysLagging: new Set(own.map((e) => e.day)).size,
    plansMade: own.filter((e) => e.plan !== undefined && e.plan.trim() !== '').length,
    plansHeld: own.filter((e) => e.outcome === 'held').length,
    plansNotHeld: own.filter((e) => e.outcome === 'not_held').length,
  };
}
