import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPhpQuery } from '../../../src/bitrix/php-query.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import type { PortalState } from '../../../src/emulator/portal-state.js';
import { postJson } from './emulator-http.js';

// The filter prefixes, BINDINGS and order of
// api-reference/crm/timeline/activities/activity-base/crm-activity-list.md, and the error
// texts of api-reference/crm/universal/crm-item-list.md (bitrix24/b24restdocs).
const SUBJECTS = ['molotok', 'Molecule', 'big mol', 'ammolite', 'Звонок', 'MOL'];
const T0 = Date.parse('2026-11-23T09:00:00+03:00');

function populate(state: PortalState) {
  SUBJECTS.forEach((subject, i) => {
    state.crm.activities.add({
      SUBJECT: subject,
      OWNER_TYPE_ID: i < 3 ? 2 : i < 5 ? 3 : 1,
      OWNER_ID: 100 + i,
      TYPE_ID: 2,
      RESPONSIBLE_ID: 11,
      START_TIME: T0 + i * 3_600_000,
      CREATED: T0,
    });
  });
  state.crm.items.get(2)?.add({ title: 'Сделка', assignedById: 11, createdTime: T0 });
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ populate, rateLimit: false });
});
afterAll(async () => emulator.close());

const list = (body: Record<string, unknown>, method = 'crm.activity.list') =>
  postJson(`${emulator.webhookUrl}${method}`, body);

const subjects = async (filter: Record<string, unknown>) => {
  const { status, body } = await list({ filter, select: ['SUBJECT'], order: { ID: 'ASC' } });
  expect(status).toBe(200);
  return (body.result as { SUBJECT: string }[]).map((row) => row.SUBJECT);
};

describe('crm.activity.list filter prefixes', () => {
  it.each([
    ['%', 'mol', ['molotok', 'Molecule', 'big mol', 'ammolite', 'MOL']],
    ['!%', 'mol', ['Звонок']],
    ['=%', 'mol%', ['molotok', 'Molecule', 'MOL']],
    ['%=', '%mol', ['big mol', 'MOL']],
    ['=%', '%mol%', ['molotok', 'Molecule', 'big mol', 'ammolite', 'MOL']],
    ['%=', 'mol', ['MOL']],
    ['!%=', 'mol%', ['big mol', 'ammolite', 'Звонок']],
    ['!%=', '%mol', ['molotok', 'Molecule', 'ammolite', 'Звонок']],
    ['=', 'MOL', ['MOL']],
    ['!=', 'MOL', ['molotok', 'Molecule', 'big mol', 'ammolite', 'Звонок']],
    ['!', 'MOL', ['molotok', 'Molecule', 'big mol', 'ammolite', 'Звонок']],
    ['@', ['MOL', 'Звонок'], ['Звонок', 'MOL']],
    ['!@', ['MOL', 'Звонок'], ['molotok', 'Molecule', 'big mol', 'ammolite']],
  ])('%s SUBJECT %j', async (prefix, value, expected) => {
    expect(await subjects({ [`${prefix}SUBJECT`]: value })).toEqual(expected);
  });

  it.each([
    ['>', 3, 3],
    ['>=', 3, 4],
    ['<', 3, 2],
    ['<=', 3, 3],
  ])('%s ID %i', async (prefix, id, count) => {
    expect(await subjects({ [`${prefix}ID`]: id })).toHaveLength(count);
  });

  it('BINDINGS: any of the listed owner types or owners (the page’s "Using BINDINGS")', async () => {
    expect(await subjects({ BINDINGS: [{ OWNER_TYPE_ID: 2 }, { OWNER_TYPE_ID: 3 }] })).toEqual(
      SUBJECTS.slice(0, 5),
    );
    expect(await subjects({ BINDINGS: [{ OWNER_TYPE_ID: 3, OWNER_ID: 104 }] })).toEqual(['Звонок']);
    const form = await fetch(`${emulator.webhookUrl}crm.activity.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: toPhpQuery({ filter: { BINDINGS: [{ OWNER_ID: 105 }] }, select: ['SUBJECT'] }),
    });
    expect(((await form.json()) as { result: unknown[] }).result).toEqual([{ SUBJECT: 'MOL' }]);
    expect((await list({ filter: { BINDINGS: [{}] } })).body.error).toBe('INVALID_ARG_VALUE');
  });
});

describe('errors of a list request', () => {
  it.each([
    ['crm.activity.list', {}],
    ['crm.item.list', { entityTypeId: 2 }],
  ])('%s names an unknown order field as an order error', async (method, extra) => {
    expect((await list({ ...extra, order: { NOPE: 'ASC' } }, method)).body).toEqual({
      error: 'INVALID_ARG_VALUE',
      error_description: "Invalid order: field 'NOPE' is not allowed in order",
    });
    expect((await list({ ...extra, order: { ID: 'UP' } }, method)).body).toEqual({
      error: 'INVALID_ARG_VALUE',
      error_description:
        "Invalid order: allowed sort directions are ASC, DESC. But got 'UP' for field 'ID'",
    });
  });

  it('names an unknown filter field and a value that does not fit its field', async () => {
    expect((await list({ filter: { '>=NOPE': 1 } })).body).toEqual({
      error: 'INVALID_ARG_VALUE',
      error_description: "Invalid filter: field 'NOPE' is not allowed in filter",
    });
    expect((await list({ filter: { '>=START_TIME': 'yesterday' } })).body).toEqual({
      error: 'INVALID_ARG_VALUE',
      error_description: "Invalid filter: field 'START_TIME' has invalid value",
    });
    expect((await list({ order: { id: 'desc' } })).status).toBe(200);
  });
});
