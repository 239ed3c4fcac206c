import type { HistoryEntry } from '../../../../src/domain/standup/history-entry.js';
import type { WeekReport } from '../../../../src/domain/week/week-report.js';
import type { Figure } from '../../../../src/domain/evaluation/report-schema.js';

export const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

export function entry(
  fields: Partial<HistoryEntry> & { day: string; managerId: number },
): HistoryEntry {
  return {
    conversationId: `sales-${fields.day.replaceAll('-', '')}-${fields.managerId}`,
    standupId: `sales-${fields.day.replaceAll('-', '')}`,
    managerName: fields.managerId === 11 ? 'Иван Петров' : 'Мария Смирнова',
    lags: [{ metric: 'calls_outgoing', window: 'day', fact: 10, norm: 40 }],
    steps: [],
    outcome: 'open',
    late: false,
    reminded: false,
    ...fields,
  };
}

export function weekFigure(fields: Partial<Figure> = {}): Figure {
  return {
    managerId: 11,
    metric: 'calls_outgoing',
    window: 'week',
    from: '2026-11-16T00:00:00+03:00',
    to: '2026-11-21T00:00:00+03:00',
    fact: 120,
    norm: 200,
    ratio: 0.6,
    status: 'lag',
    direction: 'more',
    unit: 'count',
    ...fields,
  };
}

export function weekReport(fields: Partial<WeekReport> = {}): WeekReport {
  return {
    departmentId: 'sales',
    weekId: 'sales-w20261120',
    day: '2026-11-20',
    runAt: '2026-11-20T16:00:00+03:00',
    from: '2026-11-16T00:00:00+03:00',
    to: '2026-11-21T00:00:00+03:00',
    workingDays: DAYS,
    managers: [
      { managerId: 11, name: 'Иван Петров', figures: [weekFigure()], status: 'lag' },
      {
        managerId: 12,
        name: 'Мария Смирнова',
        figures: [weekFigure({ managerId: 12, fact: 210, ratio: 1.05, status: 'ok' })],
        status: 'ok',
      },
    ],
    plan: [
      {
        period: 'week',
        key: '2026-11',
        target: 'units',
        fact: 5,
        plan: { pessimistic: 5, realistic: 7, optimistic: 9 },
        pace: { pessimistic: 1, realistic: 5 / 7, optimistic: 5 / 9 },
        status: 'watch',
      },
    ],
    away: [],
    notActive: [],
    requests: 4,
    ...fields,
  };
}
