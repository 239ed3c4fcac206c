import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/domain/calendar.js';
import { conversationSchema } from '../../../src/domain/standup/conversation-schema.js';
import type { CrmReader } from '../../../src/report/crm-reader.js';
import { measureCheck } from '../../../src/report/measure-check.js';
import { callsLag, oneCallerDepartment } from '../../helpers/department.js';

const dept = oneCallerDepartment();

// Asked on Tuesday 24.11 about Monday's calls, the plan runs to Thursday 26.11: three days.
const conversation = conversationSchema.parse({
  id: 'sales-20261124-11',
  standupId: 'sales-20261124',
  day: '2026-11-24',
  departmentId: 'sales',
  language: 'ru',
  managerId: 11,
  managerName: 'Иван',
  lags: [callsLag()],
  phase: 'approved',
  answer: { reason: 'выезд', plan: '40 в день', deadline: '2026-11-26' },
  createdAt: '2026-11-24T09:00:00+03:00',
});

/** 90 calls over the plan's days, whatever is asked; days away as given. */
function reader(away?: Map<number, { from: string; to: string }[]>): CrmReader {
  return {
    count: async (queries) => queries.map(() => 90),
    rows: async function* () {},
    requests: () => 0,
    ...(away === undefined ? {} : { absences: async () => away }),
  };
}

describe('the check at the deadline', () => {
  const at = new Date('2026-11-26T18:00:00+03:00');

  it('holds the plan to the daily norm times the plan days', async () => {
    const [figure] = await measureCheck(dept, createCalendar(dept), reader(), conversation, at);
    expect(figure).toMatchObject({
      metric: 'calls_outgoing',
      fact: 90,
      norm: 120,
      status: 'watch',
    });
  });

  it('does not count a day the portal calendar shows him away', async () => {
    const away = new Map([[11, [{ from: '2026-11-25', to: '2026-11-25' }]]]);
    const [figure] = await measureCheck(dept, createCalendar(dept), reader(away), conversation, at);
    expect(figure).toMatchObject({ fact: 90, norm: 80, status: 'ok' });
  });
});
