import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../../src/domain/calendar.js';
import { checkCells } from '../../../../src/domain/evaluation/check-cells.js';
import { metricCatalogue } from '../../../../src/domain/metrics/catalogue.js';
import { callsLag, oneCallerDepartment } from '../../../helpers/department.js';

const dept = oneCallerDepartment();
const figure = callsLag;

describe('what the deadline check measures', () => {
  it('holds a norm lag to the daily norm and a plan lag to the plan per day, over the plan days', () => {
    const cells = checkCells(
      dept,
      dept.managers[0]!,
      metricCatalogue(dept.customMetrics),
      createCalendar(dept),
      [
        figure({}),
        figure({
          metric: 'won_amount',
          window: 'plan_month',
          unit: 'rub',
          fact: 50_000,
          norm: 1_200_000,
          basis: 'plan',
          perDay: 100_000,
        }),
      ],
      // Tuesday to Thursday: three working days.
      { from: '2026-11-24', to: '2026-11-26', nowIso: '2026-11-26T18:00:00+03:00' },
    );
    expect(cells.map((c) => [c.metric, c.norm, c.window.workingDays.length])).toEqual([
      ['calls_outgoing', 120, 3],
      ['won_amount', 300_000, 3],
    ]);
  });
});
