import type { HistoryEntry } from '../standup/history-entry.js';

/** The week's plans by their fate: held, not held, still open, sent to the meeting. */
export interface WeekPlans {
  held: HistoryEntry[];
  notHeld: HistoryEntry[];
  open: HistoryEntry[];
  meeting: HistoryEntry[];
}

/**
 * The plans the week's standups collected (entries whose standup day is one of `days`): a plan
 * the head sent to the meeting counts there whatever its check said; one never given is open.
 */
export function weekPlans(entries: readonly HistoryEntry[], days: readonly string[]): WeekPlans {
  const inWeek = entries.filter((e) => days.includes(e.day));
  return {
    meeting: inWeek.filter((e) => e.decision === 'discuss'),
    held: inWeek.filter((e) => e.decision !== 'discuss' && e.outcome === 'held'),
    notHeld: inWeek.filter((e) => e.decision !== 'discuss' && e.outcome === 'not_held'),
    open: inWeek.filter((e) => e.decision !== 'discuss' && e.outcome === 'open'),
  };
}
