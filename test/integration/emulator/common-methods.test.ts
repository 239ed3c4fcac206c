import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { docExample, postJson, threePeople } from './emulator-http.js';

// Doc pages are paths in bitrix24/b24restdocs. `time` may carry operating_reset_at, a field of
// api-reference/data-types.md#time that these pages' examples leave out.
const TIME = { extraKeys: ['operating_reset_at'] };
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    populate: threePeople,
    rateLimit: false,
    scopes: ['crm', 'user', 'department', 'imbot', 'basic'],
    now: new Date('2026-11-24T09:00:00+03:00'),
  });
});
afterAll(async () => emulator.close());

const call = (method: string, body: Record<string, unknown> = {}) =>
  postJson(`${emulator.webhookUrl}${method}`, body);

describe('common methods (api-reference/common/)', () => {
  it('scope: the webhook’s scopes, or every scope with full (system/scope.md)', async () => {
    const own = await call('scope');
    expect(own.status).toBe(200);
    expect(shapeDifferences(own.body, docExample('scope.json'), TIME)).toEqual([]);
    expect(own.body.result).toEqual(['crm', 'department', 'imbot', 'user']);
    const full = (await call('scope', { full: true })).body.result as string[];
    expect(full).toEqual(expect.arrayContaining(['calendar', 'im', 'telephony', 'crm']));
  });

  it('methods: what this webhook may call, per scope, or all (system/methods.md)', async () => {
    const own = (await call('methods')).body.result as string[];
    expect(own).toEqual(expect.arrayContaining(['user.current', 'crm.activity.list', 'batch']));
    expect(own).not.toContain('voximplant.statistic.get');
    expect(own.every((name) => name === name.toLowerCase())).toBe(true);
    expect((await call('methods', { scope: 'user' })).body.result).toEqual([
      'user.current',
      'user.get',
    ]);
    expect((await call('methods', { full: true })).body.result).toContain(
      'voximplant.statistic.get',
    );
    expect(
      shapeDifferences((await call('methods')).body, docExample('methods.json'), TIME),
    ).toEqual([]);
  });

  it('server.time: the portal’s clock, YYYY-MM-DDThh:mm:ss±hh:mm (system/server-time.md)', async () => {
    const { body } = await call('server.time');
    expect(shapeDifferences(body, docExample('server-time.json'), TIME)).toEqual([]);
    expect(body.result).toMatch(/^2026-11-24T09:00:\d{2}\+03:00$/);
    // The envelope's time is on the same clock (api-reference/data-types.md#time).
    expect((body.time as { date_start: string }).date_start).toMatch(/^2026-11-24T09:00:/);
  });

  it('profile: the caller with ADMIN, which the SDK’s admin check reads (users/profile.md)', async () => {
    const { body } = await call('profile');
    expect(shapeDifferences(body, docExample('profile.json'), TIME)).toEqual([]);
    expect(body.result).toEqual({
      ID: '1',
      ADMIN: true,
      NAME: 'Анна',
      LAST_NAME: 'Петрова',
      PERSONAL_GENDER: '',
      TIME_ZONE: '',
    });
  });

  it('user.current: the documented fields, UF_DEPARTMENT among them (user/user-current.md)', async () => {
    const { body } = await call('user.current');
    // TIMESTAMP_X: shown by batch.md's example of user.current.
    const documented = docExample('user-current.json');
    expect(
      shapeDifferences(body, documented, { extraKeys: ['TIMESTAMP_X', 'operating_reset_at'] }),
    ).toEqual([]);
    expect(body.result).toMatchObject({ ID: '1', ACTIVE: true, UF_DEPARTMENT: [1] });
  });
});
