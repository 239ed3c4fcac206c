import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPhpQuery } from '../../../src/bitrix/php-query.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import type { PortalState } from '../../../src/emulator/portal-state.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/bitrix/docs/${name}`, 'utf8')) as Record<string, unknown>;
const T0 = Date.parse('2026-11-23T09:00:00+03:00');

function populate(state: PortalState) {
  state.users.set(1, {
    id: 1,
    name: 'Анна',
    lastName: 'Соколова',
    email: 'a@x',
    active: true,
    departments: [1],
    timeZone: '',
    workPosition: 'head',
    isBot: false,
  });
  state.users.set(11, {
    id: 11,
    name: 'Иван',
    lastName: 'Петров',
    email: 'i@x',
    active: true,
    departments: [1],
    timeZone: '',
    workPosition: 'manager',
    isBot: false,
  });
  state.departments.set(1, { id: 1, name: 'Продажи', parent: undefined, head: 1 });
  for (let i = 0; i < 120; i++) {
    state.crm.activities.add({
      OWNER_ID: 100 + i,
      OWNER_TYPE_ID: 2,
      TYPE_ID: i % 3 === 0 ? 1 : 2,
      PROVIDER_ID: i % 3 === 0 ? 'CRM_MEETING' : 'VOXIMPLANT_CALL',
      SUBJECT: i % 10 === 0 ? 'Замер на объекте' : `Звонок ${i}`,
      CREATED: T0 + i * 60_000,
      START_TIME: T0 + i * 60_000,
      END_TIME: T0 + i * 60_000 + 300_000,
      DEADLINE: T0 + i * 60_000,
      COMPLETED: i % 4 !== 0,
      STATUS: 2,
      RESPONSIBLE_ID: i % 2 === 0 ? 11 : 1,
      DIRECTION: 2,
      PRIORITY: 2,
      AUTHOR_ID: 11,
    });
  }
  state.crm.items.get(2)?.add({
    title: 'Сделка',
    assignedById: 11,
    createdTime: T0,
    movedTime: T0,
    stageId: 'WON',
    stageSemanticId: 'S',
    opportunity: 150000.5,
    currencyId: 'RUB',
    closed: true,
    isReturnCustomer: false,
    categoryId: 0,
  });
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    populate,
    rateLimit: false,
    now: new Date('2026-11-24T09:00:00+03:00'),
  });
});
afterAll(async () => emulator.close());

async function rest(method: string, body: Record<string, unknown> = {}, url = emulator.webhookUrl) {
  const response = await fetch(`${url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const keysAndTypes = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v,
    ]),
  );

describe('emulator conformance with the documentation', () => {
  it('answers crm.activity.list with the documented keys, value types and envelope', async () => {
    const { status, body } = await rest('crm.activity.list', {});
    const documented = fixture('crm-activity-list.json');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    const row = (body.result as Record<string, unknown>[])[0] ?? {};
    const docRow = (documented.result as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(row).sort()).toEqual(Object.keys(docRow).sort());
    const docTypes = keysAndTypes(docRow);
    for (const [key, type] of Object.entries(keysAndTypes(row))) {
      if (docTypes[key] !== 'null' && type !== 'null') {
        expect([key, type]).toEqual([key, docTypes[key]]);
      }
    }
    expect(Object.keys(body.time as object).sort()).toEqual(
      Object.keys(documented.time as object).sort(),
    );
    expect(row.START_TIME).toMatch(/^2026-11-23T09:00:00\+03:00$/);
  });

  it('answers a batch with the documented structure, [] for empty maps', async () => {
    const { body } = await rest('batch', {
      halt: 0,
      cmd: { get_user: 'user.current', get_department: 'department.get?ID=1' },
    });
    const result = body.result as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(
      Object.keys(fixture('batch.json').result as object).sort(),
    );
    expect(result.result_error).toEqual([]);
    expect(result.result_next).toEqual([]);
    expect(result.result_total).toEqual({ get_department: 1 });
    expect((result.result as Record<string, unknown>).get_department).toEqual([
      { ID: '1', NAME: 'Продажи', SORT: 500, UF_HEAD: '1' },
    ]);
  });

  it('answers errors as { error, error_description } with the documented status', async () => {
    const wrong = await rest(
      'user.get',
      {},
      emulator.webhookUrl.replace(/\/[^/]+\/$/, '/wrongcode/'),
    );
    expect(wrong).toEqual({
      status: 401,
      body: { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' },
    });
    expect(Object.keys(wrong.body)).toEqual(Object.keys(fixture('error-invalid-request.json')));
    expect((await rest('crm.nope.list')).status).toBe(404);
    expect((await rest('crm.item.list', { entityTypeId: 999 })).body.error).toBe('NOT_FOUND');
  });
});

describe('emulator lists', () => {
  it('pages by 50 with total and next, and start=-1 skips the count', async () => {
    const first = await rest('crm.activity.list', { select: ['ID'], order: { ID: 'ASC' } });
    expect(first.body).toMatchObject({ total: 120, next: 50 });
    expect(first.body.result).toHaveLength(50);
    expect((first.body.result as object[])[0]).toEqual({ ID: '1' });
    const last = await rest('crm.activity.list', {
      select: ['ID'],
      order: { ID: 'ASC' },
      start: 100,
    });
    expect(last.body).toMatchObject({ total: 120 });
    expect(last.body).not.toHaveProperty('next');
    expect(last.body.result).toHaveLength(20);
    const fast = await rest('crm.activity.list', {
      select: ['ID'],
      order: { ID: 'ASC' },
      filter: { '>ID': 100 },
      start: -1,
    });
    expect(fast.body).toMatchObject({ total: 0 });
    expect(fast.body).not.toHaveProperty('next');
    expect((fast.body.result as { ID: string }[]).map((r) => r.ID)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(101 + i)),
    );
  });

  it.each([
    [{ RESPONSIBLE_ID: 11 }, 60],
    [{ '=TYPE_ID': 1 }, 40],
    [{ '!TYPE_ID': 1 }, 80],
    [{ '@TYPE_ID': [1, 2] }, 120],
    [{ '!@RESPONSIBLE_ID': [11] }, 60],
    [{ '>=START_TIME': '2026-11-23T10:00:00+03:00' }, 60],
    [{ '>START_TIME': '2026-11-23T10:00:00+03:00' }, 59],
    [{ '<START_TIME': '2026-11-23T06:30:00Z' }, 30],
    [{ '<=START_TIME': '2026-11-23T09:30:00+03:00' }, 31],
    [{ COMPLETED: 'N' }, 30],
    [{ '%SUBJECT': 'замер' }, 12],
    [
      {
        RESPONSIBLE_ID: 11,
        TYPE_ID: 2,
        COMPLETED: 'Y',
        '>=START_TIME': '2026-11-23',
        '<START_TIME': '2026-11-24',
      },
      20,
    ],
  ])('filters %j -> %i rows', async (filter, total) => {
    expect((await rest('crm.activity.list', { filter, select: ['ID'] })).body.total).toBe(total);
  });

  it('reads form-encoded bodies with PHP-style keys', async () => {
    const response = await fetch(`${emulator.webhookUrl}crm.activity.list.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: toPhpQuery({
        filter: { '>=START_TIME': '2026-11-23T10:00:00+03:00', RESPONSIBLE_ID: 11 },
        select: ['ID'],
      }),
    });
    expect(((await response.json()) as { total: number }).total).toBe(30);
  });

  it('answers crm.item.list with items, camelCase and numbers', async () => {
    const { body } = await rest('crm.item.list', {
      entityTypeId: 2,
      filter: { stageSemanticId: 'S', '>=movedTime': '2026-11-23T00:00:00+03:00' },
    });
    const item = (body.result as { items: Record<string, unknown>[] }).items[0];
    expect(item).toMatchObject({
      id: 1,
      assignedById: 11,
      stageSemanticId: 'S',
      opportunity: 150000.5,
      isReturnCustomer: 'N',
      closed: 'Y',
    });
    expect(body.total).toBe(1);
  });
});

describe('emulator batch', () => {
  it('runs sub-calls in order with $result references and keeps going after an error', async () => {
    const { status, body } = await rest('batch', {
      halt: 0,
      cmd: {
        first: `crm.activity.list?${toPhpQuery({ filter: { RESPONSIBLE_ID: 11 }, select: ['ID', 'OWNER_ID'], order: { ID: 'ASC' } })}`,
        chained: 'crm.activity.list?filter[OWNER_ID]=$result[first][0][OWNER_ID]&select[]=ID',
        broken: 'crm.item.list?entityTypeId=999',
        after: 'department.get',
      },
    });
    expect(status).toBe(200);
    const result = body.result as Record<string, Record<string, unknown>>;
    expect(result.result_total).toEqual({ first: 60, chained: 1, after: 1 });
    expect(result.result_next).toEqual({ first: 50 });
    expect(result.result_error).toEqual({
      broken: { error: 'NOT_FOUND', error_description: 'SPA not found' },
    });
    expect(Object.keys(result.result_time ?? {})).toEqual(['first', 'chained', 'after']);
  });

  it('stops at the first error with halt=1 and refuses a nested batch', async () => {
    const halted = await rest('batch', {
      halt: 1,
      cmd: { a: 'crm.item.list?entityTypeId=999', b: 'department.get' },
    });
    expect((halted.body.result as Record<string, unknown>).result).toEqual([]);
    const nested = await rest('batch', { cmd: { inner: 'batch?cmd[x]=user.current' } });
    expect(
      (nested.body.result as Record<string, Record<string, { error: string }> | undefined>)
        .result_error?.inner?.error,
    ).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');
  });
});
