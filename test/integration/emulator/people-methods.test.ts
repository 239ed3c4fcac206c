import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalState } from '../../../src/emulator/portal-state.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';

const NOW = new Date('2026-11-24T09:00:00+03:00');
let emulator: Emulator;

function people(state: PortalState) {
  const user = (id: number, fields: Partial<Parameters<PortalState['users']['set']>[1]>) =>
    state.users.set(id, {
      id,
      name: 'Имя',
      lastName: 'Фамилия',
      email: '',
      active: true,
      departments: [2],
      timeZone: 'Europe/Moscow',
      workPosition: '',
      isBot: false,
      ...fields,
    });
  user(11, {
    name: 'Андрей',
    lastName: 'Волков',
    gender: 'M',
    absence: { from: '2026-11-23', to: '2026-11-27' },
  });
  user(12, { name: 'Ольга', gender: 'F', absence: { from: '2026-11-30', to: '2026-12-04' } });
  user(13, { name: 'Пётр', active: false });
}

async function call(method: string, body: Record<string, unknown>) {
  const response = await fetch(`${emulator.webhookUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  emulator = await startEmulator({ populate: people, rateLimit: false, now: NOW });
});
afterAll(async () => emulator.close());

describe('people methods as their doc pages say', () => {
  it('user.get lists the dismissed with ACTIVE=false, and PERSONAL_GENDER', async () => {
    const { body } = await call('user.get', { FILTER: { ID: [11, 12, 13, 99] } });
    expect(body.result).toEqual([
      expect.objectContaining({ ID: '11', ACTIVE: true, PERSONAL_GENDER: 'M' }),
      expect.objectContaining({ ID: '12', ACTIVE: true, PERSONAL_GENDER: 'F' }),
      expect.objectContaining({ ID: '13', ACTIVE: false, PERSONAL_GENDER: '' }),
    ]);
  });

  it('im.user.list.get: absent is the end of the absence going on now (ATOM), else false', async () => {
    const { body } = await call('im.user.list.get', { ID: [11, 12, 13, 99], RESULT_TYPE: 'array' });
    const users = body.result as Record<string, unknown>[];
    expect(users.map((u) => [u.id, u.active, u.gender, u.absent])).toEqual([
      [11, true, 'M', '2026-11-27T00:00:00+03:00'],
      [12, true, 'F', false], // a vacation yet to come is not "absent"
      [13, false, '', false],
    ]);
  });

  it('im.user.list.get keys users by id without RESULT_TYPE=array, and takes ID as JSON', async () => {
    const { body } = await call('im.user.list.get', { ID: '[12]' });
    expect(Object.keys(body.result as object)).toEqual(['12']);
  });

  it('im.user.list.get refuses a missing ID with INVALID_FORMAT', async () => {
    const { status, body } = await call('im.user.list.get', {});
    expect(status).toBe(400);
    expect(body.error).toBe('INVALID_FORMAT');
  });
});
