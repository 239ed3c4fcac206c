import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/domain/calendar.js';
import { conversationSchema } from '../../../src/domain/standup/conversation-schema.js';
import type { PortalPeople } from '../../../src/domain/people/portal-people.js';
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

/** 90 calls over the plan's days, whatever is asked; what the portal says of people as given. */
function reader(people?: PortalPeople): CrmReader {
  return {
    count: async (queries) => queries.map(() => 90),
    rows: async function* () {},
    requests: () => 0,
    ...(people === undefined ? {} : { people: async () => ({ people, refusals: [] }) }),
  };
}

describe('the check at the deadline', () => {
  const at = new Date('2026-11-26T18:00:00+03:00');

  it('holds the plan to the daily norm times the plan days', async () => {
    const figures = await measureCheck(dept, createCalendar(dept), reader(), conversation, at);
    expect(figures?.[0]).toMatchObject({
      metric: 'calls_outgoing',
      fact: 90,
      norm: 120,
      status: 'watch',
    });
  });

  it('does not count a day the portal calendar shows him away', async () => {
    const calendar = new Map([[11, [{ from: '2026-11-25', to: '2026-11-25' }]]]);
    const figures = await measureCheck(
      dept,
      createCalendar(dept),
      reader({ calendar }),
      conversation,
      at,
    );
    expect(figures?.[0]).toMatchObject({ fact: 90, norm: 80, status: 'ok' });
  });

  it('does not count the days im.user.list.get says he is away from today on', async () => {
    // Checked a day late, on Friday 27.11, away since: Thursday still counts, Friday does not.
    const friday = new Date('2026-11-27T18:00:00+03:00');
    const awayUntil = new Map([[11, '2026-12-04']]);
    const late = { ...conversation, answer: { ...conversation.answer, deadline: '2026-11-27' } };
    const figures = await measureCheck(
      dept,
      createCalendar(dept),
      reader({ awayUntil }),
      late,
      friday,
    );
    expect(figures?.[0]).toMatchObject({ norm: 120 });
  });

  it('checks nothing for a manager the portal says was dismissed', async () => {
    const persons = new Map([[11, { userId: 11, active: false, firstName: 'Иван', lastName: '' }]]);
    expect(
      await measureCheck(dept, createCalendar(dept), reader({ persons }), conversation, at),
    ).toBeUndefined();
  });
});
