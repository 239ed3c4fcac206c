import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBitrixClient } from '../../../src/bitrix/client.js';
import { BitrixApiError, isPermanentBitrixError } from '../../../src/bitrix/errors.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

/**
 * Where the docs disagree, the emulator answers one way and these tests play the other, so the
 * client works with a portal that answers either (issue 19).
 */
const PORTAL = 'https://acme.bitrix24.ru';
const CODE = 'c0dec0de77';
const HOOK = `/rest/1/${CODE}/`;
const redis = connectTestRedis();
const prefix = `${uniquePrefix('variants')}:`;

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
    auth: { kind: 'webhook', baseUrl: `${PORTAL}/rest/`, userId: 1, secret: CODE },
    redis,
    keyPrefix: `${prefix}${Math.random()}:`,
    rateLimit: { burst: 50, perSecond: 2 },
    timeoutMs: 10_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
    sleep: () => Promise.resolve(),
  });

const counts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    method: 'crm.activity.list',
    params: { filter: { RESPONSIBLE_ID: i } },
  }));

describe('a batch over the limit, in both documented forms', () => {
  it('fails at once on the whole-call 400 of the error table (batch.md, system-errors.md)', async () => {
    const scope = nock(PORTAL).post(`${HOOK}batch`).reply(400, {
      error: 'ERROR_BATCH_LENGTH_EXCEEDED',
      error_description: 'Max batch length exceeded',
    });
    const c = client();
    const error = (await c.count(counts(50)).catch((e: unknown) => e)) as BitrixApiError;
    expect(error).toBeInstanceOf(BitrixApiError);
    expect(error).toMatchObject({ code: 'ERROR_BATCH_LENGTH_EXCEEDED', status: 400 });
    expect(isPermanentBitrixError(error)).toBe(true);
    expect(c.stats().requests).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('reports the sub-calls the note says "end with an error", never a count for them', async () => {
    // batch.md: "subqueries beyond the limit will end with an error ERROR_BATCH_LENGTH_EXCEEDED"
    // (here a portal whose limit would be 49). The emulator answers this form.
    const scope = nock(PORTAL)
      .post(`${HOOK}batch`)
      .reply(200, {
        result: {
          result: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`c${i}`, []])),
          result_error: {
            c49: {
              error: 'ERROR_BATCH_LENGTH_EXCEEDED',
              error_description: 'Max batch length exceeded',
            },
          },
          result_total: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`c${i}`, 0])),
          result_next: [],
          result_time: [],
        },
        time: {},
      });
    const c = client();
    const outcomes = await c.batch(Object.fromEntries(counts(50).map((q, i) => [`c${i}`, q])));
    expect(outcomes.c48).toMatchObject({ ok: true, total: 0 });
    expect(outcomes.c49).toMatchObject({
      ok: false,
      error: { code: 'ERROR_BATCH_LENGTH_EXCEEDED' },
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('a wrong webhook code, in both documented forms', () => {
  it.each([
    // The emulator answers the system errors' form (_includes/system-errors.md).
    [401, 'NO_AUTH_FOUND', 'Wrong authorization data'],
    // crm/universal/import/crm-item-import.md: "Incorrect ID and/or code in the request path".
    [401, 'INVALID_CREDENTIALS', 'Invalid authorization data for the request'],
  ])('fails at once on %i %s, without the code in the error', async (status, code, text) => {
    nock(PORTAL)
      .post(`${HOOK}user.current`)
      .reply(status, { error: code, error_description: text });
    const c = client();
    const error = (await c.call('user.current').catch((e: unknown) => e)) as BitrixApiError;
    expect(error).toMatchObject({ code, status });
    expect(isPermanentBitrixError(error)).toBe(true);
    expect(c.stats().requests).toBe(1);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(CODE);
  });
});
