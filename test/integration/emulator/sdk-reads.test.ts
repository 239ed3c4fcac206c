import type { AjaxResult } from '@bitrix24/b24jssdk';
import { AjaxError, B24Hook } from '@bitrix24/b24jssdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { docExample } from './emulator-http.js';
import {
  ACTIVITIES,
  DEALS,
  sdkPortal,
  sdkTls,
  seededActivities,
  withTrust,
} from './sdk-harness.js';

/**
 * Conformance: the official SDK reads what the product reads, over HTTPS, and gets what the
 * docs promise. The SDK is lenient (it accepts most envelopes), so each answer is also held
 * against the docs' example; a drift in the emulator fails here (issue 19).
 */
let emulator: Emulator;
let b24: B24Hook;
beforeAll(async () => {
  const { certificate, agent } = await sdkTls();
  emulator = await startEmulator({ populate: sdkPortal, rateLimit: false, tls: certificate });
  b24 = withTrust(agent, () => B24Hook.fromWebhookUrl(emulator.webhookUrl));
});
afterAll(async () => emulator.close());

const call = async (method: string, params: Record<string, unknown> = {}) =>
  b24.actions.v2.call.make({ method, params });

describe('official SDK over HTTPS: people', () => {
  it('reads user.current, user.get and department.get as documented', async () => {
    const current = (await call('user.current')).getData()?.result;
    expect(
      shapeDifferences(current, docExample('user-current.json').result, {
        extraKeys: ['TIMESTAMP_X'],
      }),
    ).toEqual([]);
    const users = await call('user.get', { FILTER: { UF_DEPARTMENT: 1, ACTIVE: true } });
    expect((users.getData()?.result as { ID: string }[]).map((u) => u.ID)).toEqual([
      '1',
      '11',
      '12',
    ]);
    expect(users.getTotal()).toBe(3);
    const departments = await call('department.get', { PARENT: 1 });
    expect(departments.getTotal()).toBe(1);
    expect(
      shapeDifferences(departments.getData()?.result, docExample('department-get.json').result, {
        extraKeys: ['UF_HEAD'],
      }),
    ).toEqual([]);
  });
});

describe('official SDK over HTTPS: CRM lists through its list helpers', () => {
  it('callList: every activity of a manager, by the fast technique, row for row', async () => {
    const result = await b24.actions.v2.callList.make<{ ID: string; RESPONSIBLE_ID: string }>({
      method: 'crm.activity.list',
      params: { filter: { RESPONSIBLE_ID: 11 }, select: ['ID', 'RESPONSIBLE_ID'] },
    });
    expect(result.isSuccess).toBe(true);
    const rows = result.getData() ?? [];
    expect(rows.map((r) => Number(r.ID))).toEqual(
      Array.from({ length: ACTIVITIES / 2 }, (_, k) => 1 + 2 * k),
    );
    expect(rows.every((r) => r.RESPONSIBLE_ID === '11')).toBe(true);
  });

  it('fetchList: crm.item.list deals in chunks by id, from result.items', async () => {
    const seen: number[] = [];
    for await (const chunk of b24.actions.v2.fetchList.make<{ id: number }>({
      method: 'crm.item.list',
      params: { entityTypeId: 2, select: ['id', 'opportunity', 'stageSemanticId'] },
      idKey: 'id',
      customKeyForResult: 'items',
    })) {
      expect(chunk.length).toBeLessThanOrEqual(50);
      seen.push(...chunk.map((item) => item.id));
    }
    expect(seen).toEqual(Array.from({ length: DEALS }, (_, i) => i + 1));
    // The docs' example lists leads; name and lastName are lead fields, the rest are a deal's.
    const documented = docExample('crm-item-list.json').result as {
      items: Record<string, unknown>[];
    };
    const fields = Object.keys(documented.items[0] ?? {}).filter(
      (f) => !['name', 'lastName'].includes(f),
    );
    const page = await call('crm.item.list', { entityTypeId: 2, select: fields });
    expect(page.getTotal()).toBe(DEALS);
    expect(page.isMore()).toBe(true);
    const items = documented.items.map((item) =>
      Object.fromEntries(fields.map((f) => [f, item[f]])),
    );
    expect(shapeDifferences(page.getData()?.result, { items })).toEqual([]);
  });

  it('batch counts: one sub-call per count, each total under its key (batch.md)', async () => {
    const counts = {
      calls11: {
        method: 'crm.activity.list',
        params: { filter: { RESPONSIBLE_ID: 11, TYPE_ID: 2 }, select: ['ID'] },
      },
      open12: {
        method: 'crm.activity.list',
        params: { filter: { RESPONSIBLE_ID: 12, COMPLETED: 'N' }, select: ['ID'] },
      },
      late: {
        method: 'crm.activity.list',
        params: { filter: { '>=START_TIME': '2026-11-23T10:00:00+03:00' }, select: ['ID'] },
      },
      won: {
        method: 'crm.item.list',
        params: { entityTypeId: 2, filter: { stageSemanticId: 'S' }, select: ['id'] },
      },
      broken: { method: 'crm.item.list', params: { entityTypeId: 999 } },
    };
    const response = await b24.actions.v2.batch.make({
      calls: counts,
      options: { isHaltOnError: false, returnAjaxResult: true },
    });
    const data = response.getData() as Record<string, AjaxResult>;
    expect(data.calls11?.getTotal()).toBe(seededActivities((i) => i % 2 === 0 && i % 3 !== 0));
    expect(data.open12?.getTotal()).toBe(seededActivities((i) => i % 2 === 1 && i % 4 === 0));
    expect(data.late?.getTotal()).toBe(seededActivities((i) => i >= 60));
    expect(data.won?.getTotal()).toBe(DEALS / 4);
    expect(Object.keys(response.getErrorsByKey())).toEqual(['broken']);
    expect(response.getErrorsByKey().broken).toMatchObject({ code: 'NOT_FOUND' });
    expect(data.broken?.isSuccess).toBe(false);
  });
});

describe('official SDK over HTTPS: errors', () => {
  it.each([
    ['an unknown method', 'crm.nope.list', {}, 'ERROR_METHOD_NOT_FOUND', 404],
    [
      'an unknown filter field',
      'crm.activity.list',
      { filter: { NOPE: 1 } },
      'INVALID_ARG_VALUE',
      400,
    ],
    [
      'an unknown order field',
      'crm.item.list',
      { entityTypeId: 2, order: { NOPE: 'ASC' } },
      'INVALID_ARG_VALUE',
      400,
    ],
    ['an unknown entity type', 'crm.item.list', { entityTypeId: 999 }, 'NOT_FOUND', 400],
  ])('throws AjaxError for %s at once', async (_name, method, params, code, status) => {
    const error = (await call(method, params).catch((e: unknown) => e)) as AjaxError;
    expect(error).toBeInstanceOf(AjaxError);
    expect({ code: error.code, status: error.status }).toEqual({ code, status });
  });

  it('throws NO_AUTH_FOUND for a wrong webhook code', async () => {
    const { agent } = await sdkTls();
    const wrong = withTrust(agent, () =>
      B24Hook.fromWebhookUrl(emulator.webhookUrl.replace(/\/[^/]+\/$/, '/wrongcode/')),
    );
    const error = (await wrong.actions.v2.call
      .make({ method: 'user.current', params: {} })
      .catch((e: unknown) => e)) as AjaxError;
    expect({ code: error.code, status: error.status }).toEqual({
      code: 'NO_AUTH_FOUND',
      status: 401,
    });
  });
});
