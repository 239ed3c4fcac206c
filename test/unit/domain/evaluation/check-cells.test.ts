import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../../src/domain/calendar.js';
import { checkCells } from '../../../../src/domain/evaluation/check-cells.js';
import type { Figure } from '../../../../src/domain/evaluation/report-schema.js';
import { metricCatalogue } from '../../../../src/domain/metrics/catalogue.js';
import { departmentWith } from '../../../helpers/department.js';

const dept = departmentWith({
  department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
  standup: { times: ['09:00'], meeting_time: '09:30' },
  calendar: { holidays_country: 'RU' },
  managers: [{ user_id: 11, name: 'Иван', mode: 'active' }],
  norms: { active: { calls_outgoing: { day: 40, week: 200 } } },
});

const figure = (fields: Partial<Figure>): Figure => ({
  managerId: 11,
  metric: 'calls_outgoing',
  window: 'day',
  from: '2026-11-23T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  fact: 10,
  norm: 40,
  ratio: 0.25,
  status: 'lag',
  direction: 'more',
  unit: 'count',
  ...fields,
});

describe('what the deadline check measures', () => {
  it('holds a norm lag to the daily norm and a plan lag to the plan per day, over the plan days', () => {
    const cells = checkCells(
      dept,
      dept.managers[0]!,
      metricCatalogue(dept.custom_metrics),
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
