import { describe, expect, it } from 'vitest';
import { repeatLaggards } from '../../../../src/domain/week/repeat-laggards.js';
import { DAYS, entry, weekFigure, weekReport } from './week-fixtures.js';

describe('repeat laggards', () => {
  it('names a metric lagging on 3 days of the week, not on 2', () => {
    const entries = [
      ...DAYS.slice(0, 3).map((day) => entry({ day, managerId: 11 })),
      ...DAYS.slice(0, 2).map((day) => entry({ day, managerId: 12 })),
    ];
    const found = repeatLaggards(entries, weekReport({ managers: [] }), undefined);
    expect(found).toEqual([
      { managerId: 11, name: 'Иван Петров', metric: 'calls_outgoing', days: 3, twoWeeks: false },
    ]);
  });

  it('does not count days outside the week, nor the same day twice', () => {
    const entries = [
      entry({ day: '2026-11-13', managerId: 11 }),
      entry({ day: DAYS[0]!, managerId: 11 }),
      entry({ day: DAYS[0]!, managerId: 11, conversationId: 'second-run' }),
      entry({ day: DAYS[1]!, managerId: 11 }),
    ];
    expect(repeatLaggards(entries, weekReport({ managers: [] }), undefined)).toEqual([]);
  });

  it('names a week figure lagging two weeks running', () => {
    const lastWeek = weekReport({ weekId: 'sales-w20261113' });
    const found = repeatLaggards([], weekReport(), lastWeek);
    expect(found).toEqual([
      { managerId: 11, name: 'Иван Петров', metric: 'calls_outgoing', days: 0, twoWeeks: true },
    ]);
    // Last week on norm: not two weeks running.
    const fine = weekReport({
      managers: [
        {
          managerId: 11,
          name: 'Иван Петров',
          figures: [weekFigure({ status: 'ok', fact: 200 })],
          status: 'ok',
        },
      ],
    });
    expect(repeatLaggards([], weekReport(), fine)).toEqual([]);
  });
});
