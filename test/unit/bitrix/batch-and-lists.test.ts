import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, toBatchCommand } from '../../../src/bitrix/batch.js';
import { createBitrixClient } from '../../../src/bitrix/client.js';
import { fromPhpQuery, toPhpQuery } from '../../../src/bitrix/php-query.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const PORTAL = 'https://acme.bitrix24.ru';
const HOOK = '/rest/1/c0dec0de/';
const redis = connectTestRedis();
const prefix = `${uniquePrefix('lists')}:`;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const client = () =>
  createBitrixClient({
    auth: { kind: 'webhook', baseUrl: `${PORTAL}/rest/`, userId: 1, secret: 'c0dec0de' },
    redis,
    keyPrefix: `${prefix}${Math.random()}:`,
    rateLimit: { burst: 50, perSecond: 2 },
    timeoutMs: 10_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
  });

type BatchBody = { halt: number; cmd: Record<string, string> };

describe('php query encoding', () => {
  it('encodes nested filters so a "+" offset survives, and reads them back', () => {
    const params = {
      filter: { '>=START_TIME': '2026-11-23T00:00:00+03:00', '@TYPE_ID': [1, 2] },
      select: ['ID'],
      start: 0,
    };
    const query = toPhpQuery(params);
    expect(query).toBe(
      'filter%5B%3E%3DSTART_TIME%5D=2026-11-23T00%3A00%3A00%2B03%3A00&filter%5B%40TYPE_ID%5D%5B0%5D=1&filter%5B%40TYPE_ID%5D%5B1%5D=2&select%5B0%5D=ID&start=0',
    );
    expect(fromPhpQuery(query)).toEqual({
      filter: { '>=START_TIME': '2026-11-23T00:00:00+03:00', '@TYPE_ID': { 0: '1', 1: '2' } },
      select: { 0: 'ID' },
      start: '0',
    });
    expect(toBatchCommand({ method: 'user.get' })).toBe('user.get');
  });
});

describe('batch', () => {
  it('parses the documented answer, with its [] for empty maps', async () => {
    const documented = readFileSync('test/fixtures/bitrix/docs/batch.json', 'utf8');
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, documented, { 'content-type': 'application/json' });
    const outcomes = await runBatch(
      (method, params, options) => client().call(method, params, options),
      {
        get_user: { method: 'user.current' },
        get_department: {
          method: 'department.get',
          params: { ID: '$result[get_user][UF_DEPARTMENT]' },
        },
      },
    );
    expect(outcomes.get_user).toMatchObject({ ok: true, total: undefined });
    expect(outcomes.get_department).toMatchObject({
      ok: true,
      total: 1,
      result: [{ ID: '1', NAME: 'DEMO', SORT: 500 }],
    });
  });

  it("keeps each failed sub-call's error whole, with a 200 status around them", async () => {
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, {
        result: {
          result: { a: [] },
          result_error: {
            b: {
              error: 'insufficient_scope',
              error_description: 'The request requires higher privileges',
            },
          },
          result_total: { a: 0 },
          result_next: [],
          result_time: [],
        },
      });
    const outcomes = await runBatch(
      (method, params, options) => client().call(method, params, options),
      {
        a: { method: 'crm.activity.list' },
        b: { method: 'voximplant.statistic.get' },
      },
    );
    expect(outcomes.a).toMatchObject({ ok: true, total: 0 });
    expect(outcomes.b).toMatchObject({
      ok: false,
      error: {
        code: 'insufficient_scope',
        method: 'voximplant.statistic.get',
        description: 'The request requires higher privileges',
      },
    });
  });

  it('splits 120 sub-calls into three requests of at most 50', async () => {
    const sizes: number[] = [];
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .times(3)
      .reply(200, (_uri, body) => {
        const keys = Object.keys((body as BatchBody).cmd);
        sizes.push(keys.length);
        return {
          result: {
            result: Object.fromEntries(keys.map((k) => [k, []])),
            result_total: Object.fromEntries(keys.map((k) => [k, Number(k.slice(1))])),
          },
        };
      });
    const c = client();
    const queries = Array.from({ length: 120 }, (_, i) => ({
      method: 'crm.activity.list',
      params: { filter: { RESPONSIBLE_ID: i } },
    }));
    const totals = await c.count(queries);
    expect(sizes).toEqual([50, 50, 20]);
    expect(totals).toEqual(queries.map((_, i) => i));
    expect(c.stats().requests).toBe(3);
  });

  it('asks a count again when its sub-call hit the method time limit', async () => {
    let round = 0;
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .times(2)
      .reply(200, (_uri, body) => {
        round++;
        const keys = Object.keys((body as BatchBody).cmd);
        if (round === 1) {
          return {
            result: {
              result: { c0: [] },
              result_total: { c0: 4 },
              result_error: { c1: { error: 'OPERATION_TIME_LIMIT', error_description: '' } },
            },
          };
        }
        expect(keys).toEqual(['c1']);
        return { result: { result: { c1: [] }, result_total: { c1: 9 } } };
      });
    const totals = await client().count([
      { method: 'crm.activity.list', params: {} },
      { method: 'crm.activity.list', params: {} },
    ]);
    expect(totals).toEqual([4, 9]);
  });
});

describe('lists', () => {
  const rows = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ id: from + i, opportunity: 100 }));

  it('scans with the fast technique: id order, >id beyond the last row, start=-1, to the last id', async () => {
    const seen: unknown[] = [];
    const record = (b: {
      filter: Record<string, number>;
      order: unknown;
      start: number;
      select: string[];
    }) =>
      seen.push({
        gt: b.filter['>id'],
        start: b.start,
        order: b.order,
        select: b.select,
        stage: b.filter.stageSemanticId,
      });
    // The opening batch: the first page, and the highest matching id (order desc, ids only).
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, (_uri, body) => {
        const cmd = (body as BatchBody).cmd;
        expect(Object.keys(cmd)).toEqual(['page', 'last']);
        expect(cmd.page).toContain('order%5Bid%5D=ASC');
        expect(cmd.page).toContain('start=-1');
        expect(cmd.last).toContain('order%5Bid%5D=DESC');
        expect(cmd.last).toContain('select%5B0%5D=id');
        expect(cmd.last).not.toContain('opportunity');
        return {
          result: {
            result: { page: { items: rows(1, 50) }, last: { items: [{ id: 150 }] } },
            result_total: { page: 0, last: 0 },
          },
        };
      });
    nock(PORTAL)
      .post(`${HOOK}crm.item.list`)
      .times(2)
      .reply(200, (_uri, body) => {
        const b = body as Parameters<typeof record>[0];
        record(b);
        return { result: { items: rows(b.filter['>id']! + 1, 50) }, total: 0 };
      });
    const c = client();
    const all: unknown[] = [];
    for await (const row of c.scan('crm.item.list', {
      entityTypeId: 2,
      filter: { stageSemanticId: 'S' },
      select: ['opportunity'],
    })) {
      all.push(row);
    }
    // 150 rows in 3 requests: no empty page to find the end.
    expect(all).toHaveLength(150);
    expect(c.stats().requests).toBe(3);
    expect(seen).toEqual([
      { gt: 50, start: -1, order: { id: 'ASC' }, select: ['id', 'opportunity'], stage: 'S' },
      { gt: 100, start: -1, order: { id: 'ASC' }, select: ['id', 'opportunity'], stage: 'S' },
    ]);
  });

  it('stops a scan at a short page, and on an empty result at once', async () => {
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, { result: { result: { page: rows(1, 7), last: rows(7, 1) } } });
    const c = client();
    const all: unknown[] = [];
    for await (const row of c.scan('crm.activity.list', {})) {
      all.push(row);
    }
    expect(all).toHaveLength(7);
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, { result: { result: { page: [], last: [] } } });
    const none: unknown[] = [];
    for await (const row of c.scan('crm.activity.list', {})) {
      none.push(row);
    }
    expect(none).toEqual([]);
    expect(c.stats().requests).toBe(2);
  });

  it('refuses to scan in an order it would silently drop', async () => {
    const scan = client().scan('crm.activity.list', { order: { DEADLINE: 'DESC' } });
    await expect(scan.next()).rejects.toThrow(/cannot keep the order/);
  });

  it('fetches the rest of a counted list 50 pages per batch request', async () => {
    nock(PORTAL)
      .post(`${HOOK}crm.activity.list`)
      .reply(200, { result: rows(1, 50), total: 180, next: 50 });
    nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, (_uri, body) => {
        const cmd = (body as BatchBody).cmd;
        expect(Object.keys(cmd)).toEqual(['p50', 'p100', 'p150']);
        expect(cmd.p150).toContain('start=150');
        return {
          result: { result: { p50: rows(51, 50), p100: rows(101, 50), p150: rows(151, 30) } },
        };
      });
    const c = client();
    const all = await c.fetchAll('crm.activity.list', {
      filter: { COMPLETED: 'N' },
      order: { DEADLINE: 'ASC' },
    });
    expect(all).toHaveLength(180);
    expect(c.stats().requests).toBe(2);
  });
});
