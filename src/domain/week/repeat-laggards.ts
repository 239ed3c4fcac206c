import type { HistoryEntry } from '../standup/history-entry.js';
import type { WeekReport } from './week-report.js';

/** A manager lagging on the same metric again and again. */
export interface RepeatLaggard {
  managerId: number;
  name: string;
  metric: string;
  /** Standup days of this week on which the metric lagged. */
  days: number;
  /** The metric's week figure lags this week and lagged last week too. */
  twoWeeks: boolean;
}

/** A metric lagging on this many days of the week makes a repeat laggard. */
export const REPEAT_DAYS = 3;

/**
 * Repeat laggards: the same metric lagging on 3 or more standup days of the week (the lags the
 * manager was asked about), or the metric's week figure lagging two weeks running. Most days
 * first, then by name.
 */
export function repeatLaggards(
  entries: readonly HistoryEntry[],
  week: WeekReport,
  lastWeek: WeekReport | undefined,
): RepeatLaggard[] {
  const days = new Map<string, Set<string>>();
  const names = new Map<number, string>(week.managers.map((m) => [m.managerId, m.name]));
  for (const entry of entries) {
    if (!week.workingDays.includes(entry.day)) {
      continue;
    }
    names.set(entry.managerId, names.get(entry.managerId) ?? entry.managerName);
    for (const lag of entry.lags) {
      const key = `${entry.managerId}|${lag.metric}`;
      days.set(key, (days.get(key) ?? new Set()).add(entry.day));
    }
  }
  const lagging = (report: WeekReport | undefined) =>
    new Set(
      (report?.managers ?? []).flatMap((m) =>
        m.figures.filter((f) => f.status === 'lag').map((f) => `${m.managerId}|${f.metric}`),
      ),
    );
  const now = lagging(week);
  const before = lagging(lastWeek);
  const keys = new Set([
    ...[...days].filter(([, d]) => d.size >= REPEAT_DAYS).map(([key]) => key),
    ...[...now].filter((key) => before.has(key)),
  ]);
  return [...keys]
    .map((key) => {
      const [id = '0', metric = ''] = key.split('|');
      const managerId = Number(id);
      return {
        managerId,
        name: names.get(managerId) ?? `#${managerId}`,
        metric,
        days: days.get(key)?.size ?? 0,
        twoWeeks: now.has(key) && before.has(key),
      };
    })
    .sort(
      (a, b) =>
        b.days - a.days ||
        Number(b.twoWeeks) - Number(a.twoWeeks) ||
        a.name.localeCompare(b.name) ||
        a.metric.localeCompare(b.metric),
    );
}
