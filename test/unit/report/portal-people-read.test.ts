import { describe, expect, it } from 'vitest';
import type { BatchCommand, BatchOutcome } from '../../../src/bitrix/batch.js';
import { BitrixApiError, BitrixHttpError } from '../../../src/bitrix/errors.js';
import { readPortalPeople } from '../../../src/report/portal-people-read.js';

const QUERY = {
  userIds: [12, 11, 13],
  from: '2026-11-01',
  to: '2026-11-24',
  today: '2026-11-24',
  zone: 'Europe/Moscow',
};

const ok = (result: unknown): BatchOutcome => ({
  ok: true,
  result,
  total: undefined,
  next: undefined,
});
const refused = (method: string, code: string): BatchOutcome => ({
  ok: false,
  error: new BitrixApiError(method, code, 'refused', 200),
});

const USERS = [
  { ID: '11', ACTIVE: true, NAME: 'Иван', LAST_NAME: 'Петров', PERSONAL_GENDER: 'M' },
  { ID: '12', ACTIVE: true, NAME: 'Ольга', LAST_NAME: 'Смирнова', PERSONAL_GENDER: 'F' },
  { ID: '13', ACTIVE: false, NAME: 'Пётр', LAST_NAME: 'Сидоров', PERSONAL_GENDER: '' },
];
const IM = [
  { id: 11, active: true, first_name: 'Иван', last_name: 'Петров', gender: 'M', absent: false },
  {
    id: 12,
    active: true,
    first_name: 'Ольга',
    last_name: 'Смирнова',
    gender: 'F',
    absent: '2026-11-27T00:00:00+03:00',
  },
];

/** A batch that answers each sub-call by its method, and records what it was sent. */
function batchOf(answer: (key: string, command: BatchCommand) => BatchOutcome) {
  const sent: Record<string, BatchCommand>[] = [];
  const batch = async (commands: Record<string, BatchCommand>) => {
    sent.push(commands);
    return Object.fromEntries(
      Object.entries(commands).map(([key, command]) => [key, answer(key, command)]),
    );
  };
  return { batch, sent };
}

const everything = (_key: string, command: BatchCommand): BatchOutcome =>
  command.method === 'user.get'
    ? ok(USERS)
    : command.method === 'im.user.list.get'
      ? ok(IM)
      : ok({ '11': [], '12': [], '13': [] });

describe('reading people from the portal', () => {
  it('asks user.get, im.user.list.get and the calendar in one batch', async () => {
    const { batch, sent } = batchOf(everything);
    const { people, refusals } = await readPortalPeople(batch, QUERY);
    expect(sent).toHaveLength(1);
    expect(Object.values(sent[0] ?? {}).map((c) => c.method)).toEqual([
      'user.get',
      'im.user.list.get',
      'calendar.accessibility.get',
    ]);
    expect(sent[0]?.user0?.params).toEqual({ FILTER: { ID: [11, 12, 13] } });
    expect(refusals).toEqual([]);
    expect([...(people.persons?.values() ?? [])]).toEqual([
      { userId: 11, active: true, firstName: 'Иван', lastName: 'Петров', gender: 'male' },
      { userId: 12, active: true, firstName: 'Ольга', lastName: 'Смирнова', gender: 'female' },
      { userId: 13, active: false, firstName: 'Пётр', lastName: 'Сидоров' },
    ]);
    expect([...(people.awayUntil ?? [])]).toEqual([[12, '2026-11-27']]);
    expect(people.calendar?.size).toBe(0);
  });

  it('takes 50 ids per sub-call, still in one batch', async () => {
    const { batch, sent } = batchOf(everything);
    const ids = Array.from({ length: 120 }, (_, i) => i + 1);
    await readPortalPeople(batch, { ...QUERY, userIds: ids });
    expect(Object.keys(sent[0] ?? {})).toEqual([
      'user0',
      'im0',
      'user1',
      'im1',
      'user2',
      'im2',
      'calendar',
    ]);
    expect(sent[0]?.im2?.params).toEqual({ ID: ids.slice(100), RESULT_TYPE: 'array' });
  });

  it('reads im.user.list.get keyed by id, a date-only absent, and "away" without a date', async () => {
    const { batch } = batchOf((key, command) =>
      command.method === 'im.user.list.get'
        ? ok({
            '11': { ...IM[0], absent: '2026-11-30' },
            '12': { ...IM[1], absent: 'soon' },
          })
        : everything(key, command),
    );
    const { people } = await readPortalPeople(batch, QUERY);
    expect([...(people.awayUntil ?? [])]).toEqual([
      [11, '2026-11-30'],
      [12, '2026-11-24'],
    ]);
  });

  it.each([
    ['user.get', 'insufficient_scope'],
    ['im.user.list.get', 'ERROR_METHOD_NOT_FOUND'],
    ['calendar.accessibility.get', 'INTERNAL_SERVER_ERROR'],
  ])('names %s and its code %s when refused, and keeps the other parts', async (method, code) => {
    const { batch } = batchOf((key, command) =>
      command.method === method ? refused(method, code) : everything(key, command),
    );
    const { people, refusals } = await readPortalPeople(batch, QUERY);
    expect(refusals).toEqual([{ method, code, description: 'refused' }]);
    expect(people.persons?.size).toBe(method === 'user.get' ? 2 : 3); // im.user.list.get stands in
    expect(people.awayUntil === undefined).toBe(method === 'im.user.list.get');
    expect(people.calendar === undefined).toBe(method === 'calendar.accessibility.get');
  });

  it('reports an answer of the wrong shape as that method\'s, not as "nobody"', async () => {
    const { batch } = batchOf((key, command) =>
      command.method === 'user.get' ? ok({ unexpected: true }) : everything(key, command),
    );
    const { people, refusals } = await readPortalPeople(batch, QUERY);
    expect(refusals).toMatchObject([{ method: 'user.get', code: 'unexpected_response' }]);
    expect(people.persons?.get(13)).toBeUndefined(); // im.user.list.get did not list 13
  });

  it('goes on with nothing known when the whole batch fails', async () => {
    const failing = async () => {
      throw new BitrixHttpError('batch', 'server', 502);
    };
    const { people, refusals } = await readPortalPeople(failing, QUERY);
    expect(people).toEqual({});
    expect(refusals).toMatchObject([{ method: 'batch', code: 'HTTP 502' }]);
  });
});
