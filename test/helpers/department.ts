import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { parseDepartment } from '../../src/config/load-config.js';
import type { Department } from '../../src/domain/department/department.js';
import type { Figure } from '../../src/domain/evaluation/report-schema.js';

const minimal = parse(readFileSync('test/fixtures/config/minimal.yaml', 'utf8')) as Record<
  string,
  unknown
>;

/** The minimal fixture with whole top-level sections replaced, validated like a real file. */
export function departmentWith(sections: Record<string, unknown>): Department {
  return parseDepartment(stringify({ ...minimal, ...sections }));
}

/** One active manager, Иван (11), with a norm of 40 outgoing calls a day, in Moscow. */
export function oneCallerDepartment(): Department {
  return departmentWith({
    department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
    standup: { times: ['09:00'], meeting_time: '09:30' },
    calendar: { holidays_country: 'RU' },
    managers: [{ user_id: 11, name: 'Иван', mode: 'active' }],
    norms: { active: { calls_outgoing: { day: 40, week: 200 } } },
  });
}

/** Иван's lag on Monday 23.11: 10 outgoing calls of 40; any field can be changed. */
export function callsLag(fields: Partial<Figure> = {}): Figure {
  return {
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
  };
}
