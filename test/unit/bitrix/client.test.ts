import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBitrixClient, type BitrixClientOptions } from '../../../src/bitrix/client.js';
import {
  BitrixApiError,
  BitrixAuthorizationLostError,
  BitrixHttpError,
} from '../../../src/bitrix/errors.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { captureLogs } from '../../helpers/capture-logs.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const PORTAL = 'https://acme.bitrix24.ru';
const CODE = 'webhookc0de42';
const HOOK = `/rest/1/${CODE}/`;
const redis = connectTestRedis();
const prefixes: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(async () => {
  nock.enableNetConnect();
  for (const prefix of prefixes) {
    await deleteByPrefix(redis, prefix);
  }
  await redis.quit();
});

function client(overrides: Partial<BitrixClientOptions> = {}) {
  const prefix = `${uniquePrefix('client')}:`;
  prefixes.push(prefix);
  const logs = captureLogs();
  let clock = Date.parse('2026-11-24T06:00:00Z');
  const slept: number[] = [];
  const instance = createBitrixClient({
    auth: { kind: 'webhook', baseUrl: `${PORTAL}/rest/`, userId: 1, secret: CODE },
    redis,
    keyPrefix: prefix,
    rateLimit: { burst: 50, perSecond: 2 },
    // Generous: no reply here may race the timeout; the timeout tests set their own and use
    // replies that never come in time (time is an input, not a race).
    timeoutMs: 10_000,
    log: createLogger({
      level: 'debug',
      format: 'json',
      secrets: createSecrets(),
      destination: logs.stream,
    }),
    secrets: createSecrets(),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    ...overrides,
  });
  return { instance, logs, slept, prefix };
}

/** nock 14 delivers only an Error instance; a plain object leaves the request hanging. */
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });

const ok = (result: unknown, extra: Record<string, unknown> = {}) => ({
  result,
  time: { operating: 0.1 },
  ...extra,
});

describe('bitrix client: calls and errors', () => {
  it('posts JSON to the webhook and returns result, total and next', async () => {
    const scope = nock(PORTAL)
      .post(`${HOOK}crm.activity.list`, { filter: { RESPONSIBLE_ID: 5 }, select: ['ID'] })
      .reply(200, ok([{ ID: '1' }], { total: 120, next: 50 }));
    const { instance } = client();
    const answer = await instance.call('crm.activity.list', {
      filter: { RESPONSIBLE_ID: 5 },
      select: ['ID'],
    });
    expect(answer).toMatchObject({ result: [{ ID: '1' }], total: 120, next: 50 });
    expect(scope.isDone()).toBe(true);
    expect(instance.stats()).toMatchObject({ requests: 1, byMethod: { 'crm.activity.list': 1 } });
  });

  it('slows down and repeats after 503 QUERY_LIMIT_EXCEEDED, for reads and writes alike', async () => {
    const scope = nock(PORTAL)
      .post(`${HOOK}imbot.v2.Chat.Message.send`)
      .reply(503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' })
      .post(`${HOOK}imbot.v2.Chat.Message.send`)
      .reply(200, ok({ id: 7 }));
    const { instance, slept } = client();
    expect(
      (await instance.call('imbot.v2.Chat.Message.send', {}, { kind: 'write' })).result,
    ).toEqual({ id: 7 });
    expect(scope.isDone()).toBe(true);
    expect(instance.stats()).toMatchObject({ queryLimitRefusals: 1, retries: 1 });
    expect(slept.some((ms) => ms >= 500)).toBe(true);
  });

  it('pauses a method after 429 OPERATION_TIME_LIMIT until operating_reset_at', async () => {
    const resetAt = Date.parse('2026-11-24T06:05:00Z') / 1000;
    const scope = nock(PORTAL)
      .post(`${HOOK}crm.item.list`)
      .reply(200, ok({ items: [] }, { time: { operating: 100, operating_reset_at: resetAt } }))
      .post(`${HOOK}crm.item.list`)
      .reply(429, {
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.',
      })
      .post(`${HOOK}crm.item.list`)
      .reply(200, ok({ items: [] }));
    const { instance, slept } = client();
    await instance.call('crm.item.list', { entityTypeId: 2 });
    await instance.call('crm.item.list', { entityTypeId: 2 });
    expect(scope.isDone()).toBe(true);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * 60 * 1000 - 1);
    expect(instance.stats().operationLimitRefusals).toBe(1);
  });

  it('reads "error": "" as an error: the key counts, not its truth', async () => {
    nock(PORTAL)
      .post(`${HOOK}crm.deal.list`)
      .reply(400, { error: '', error_description: "Parameter 'filter' must be array." });
    const { instance } = client();
    const error = await instance.call('crm.deal.list').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixApiError);
    expect(error).toMatchObject({ code: '', status: 400, method: 'crm.deal.list' });
  });

  it('retries an HTML body on a read, then reports it as an HTTP failure', async () => {
    nock(PORTAL)
      .post(`${HOOK}user.get`)
      .times(3)
      .reply(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    const { instance } = client({ maxAttempts: 3 });
    const error = await instance.call('user.get').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixHttpError);
    expect(error).toMatchObject({ reason: 'server', status: 502 });
    expect(instance.stats().requests).toBe(3);
  });

  it('never repeats a write that timed out: the portal may have executed it', async () => {
    const scope = nock(PORTAL)
      .post(`${HOOK}imbot.v2.Chat.Message.send`)
      .delay(60_000)
      .reply(200, ok({ id: 1 }));
    const { instance } = client({ timeoutMs: 100 });
    const error = await instance
      .call('imbot.v2.Chat.Message.send', { dialogId: '5' }, { kind: 'write' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BitrixHttpError', reason: 'timeout' });
    expect(instance.stats().requests).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('repeats a read that timed out', async () => {
    nock(PORTAL)
      .post(`${HOOK}department.get`)
      // What axios reports when `timeout` elapses; the real timer is the write test above.
      .replyWithError(networkError('ECONNABORTED', 'timeout of 10000ms exceeded'))
      .post(`${HOOK}department.get`)
      .reply(200, ok([{ ID: '1' }]));
    const { instance } = client();
    expect((await instance.call('department.get')).result).toEqual([{ ID: '1' }]);
  });

  it('repeats a read answered by a 500 with a JSON error body', async () => {
    const scope = nock(PORTAL)
      .post(`${HOOK}crm.item.list`)
      .reply(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })
      .post(`${HOOK}crm.item.list`)
      .reply(200, ok({ items: [] }));
    const { instance } = client();
    expect((await instance.call('crm.item.list')).result).toEqual({ items: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('reports a write answered by a 500 as unknown, not as a refusal: it may have run', async () => {
    nock(PORTAL)
      .post(`${HOOK}imbot.v2.Chat.Message.send`)
      .reply(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    const { instance } = client();
    const error = await instance
      .call('imbot.v2.Chat.Message.send', {}, { kind: 'write' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixHttpError);
    expect(error).toMatchObject({ reason: 'server', status: 500, code: 'INTERNAL_SERVER_ERROR' });
    expect(instance.stats().requests).toBe(1);
  });

  it('keeps a 500 PORTAL_DELETED final: no retry brings a deleted portal back', async () => {
    nock(PORTAL)
      .post(`${HOOK}user.get`)
      .reply(500, { error: 'PORTAL_DELETED', error_description: 'Portal was deleted' });
    const { instance } = client();
    await expect(instance.call('user.get')).rejects.toMatchObject({
      name: 'BitrixApiError',
      code: 'PORTAL_DELETED',
    });
    expect(instance.stats().requests).toBe(1);
  });

  it('follows a moved portal by POSTing the same body to the new address', async () => {
    const scope = nock(PORTAL)
      .post(`${HOOK}user.get`, { FILTER: { ACTIVE: true } })
      .reply(302, '', { location: `https://acme-new.bitrix24.ru${HOOK}user.get` });
    const moved = nock('https://acme-new.bitrix24.ru')
      .post(`${HOOK}user.get`, { FILTER: { ACTIVE: true } })
      .reply(200, ok([]));
    const { instance, logs } = client();
    await instance.call('user.get', { FILTER: { ACTIVE: true } });
    expect(scope.isDone() && moved.isDone()).toBe(true);
    expect(logs.text()).toContain('acme-new.bitrix24.ru');
  });

  it('keeps the webhook code out of errors and logs', async () => {
    nock(PORTAL)
      .post(`${HOOK}user.get`)
      .times(2)
      .replyWithError(networkError('ECONNRESET', `socket hang up ${PORTAL}${HOOK}`));
    const { instance, logs } = client({ maxAttempts: 2 });
    const error = (await instance.call('user.get').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(BitrixHttpError);
    expect(`${error.message} ${String(error.cause)} ${JSON.stringify(error)}`).not.toContain(CODE);
    expect(logs.text()).toContain('bitrix call retried');
    expect(logs.text()).not.toContain(CODE);
  });

  it('fails at once on a permanent error', async () => {
    nock(PORTAL)
      .post(`${HOOK}crm.activity.list`)
      .reply(401, { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
    const { instance } = client();
    await expect(instance.call('crm.activity.list')).rejects.toMatchObject({
      code: 'NO_AUTH_FOUND',
      status: 401,
    });
    expect(instance.stats().requests).toBe(1);
  });
});

describe('bitrix client: OAuth', () => {
  const OAUTH = 'https://oauth.bitrix.info';
  const oauthClient = () =>
    client({
      auth: {
        kind: 'oauth',
        portalUrl: `${PORTAL}/`,
        clientId: 'local.1',
        clientSecret: 'client-s3cret',
        oauthUrl: `${OAUTH}/oauth/token/`,
        initialRefreshToken: 'refresh-0000001',
      },
    });
  const tokenAnswer = (n: number) => ({
    access_token: `access-000000${n}`,
    refresh_token: `refresh-000000${n + 1}`,
    client_endpoint: `${PORTAL}/rest/`,
    expires_in: 3600,
  });

  it('refreshes once on expired_token and repeats the call; ten concurrent calls share the refresh', async () => {
    const refreshes = nock(OAUTH)
      .post(
        '/oauth/token/',
        (body: Record<string, string>) => body.refresh_token === 'refresh-0000001',
      )
      .reply(200, tokenAnswer(1))
      .post(
        '/oauth/token/',
        (body: Record<string, string>) =>
          body.grant_type === 'refresh_token' && body.refresh_token === 'refresh-0000002',
      )
      .reply(200, tokenAnswer(2));
    const portal = nock(PORTAL)
      .post('/rest/user.get', (body: { auth?: string }) => body.auth === 'access-0000001')
      .times(10)
      .reply(401, {
        error: 'expired_token',
        error_description: 'The access token provided has expired.',
      })
      .post('/rest/user.get', (body: { auth?: string }) => body.auth === 'access-0000002')
      .times(10)
      .reply(200, ok([{ ID: '1' }]));
    const { instance } = oauthClient();
    const answers = await Promise.all(Array.from({ length: 10 }, () => instance.call('user.get')));
    expect(answers.every((a) => Array.isArray(a.result))).toBe(true);
    expect(refreshes.isDone()).toBe(true);
    expect(portal.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('turns invalid_grant into an error that tells the administrator what to do', async () => {
    nock(OAUTH)
      .post('/oauth/token/')
      .reply(400, { error: 'invalid_grant', error_description: 'Invalid grant' });
    const { instance } = oauthClient();
    const error = await instance.call('user.get').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixAuthorizationLostError);
    expect((error as Error).message).toMatch(
      /reinstall the application or set a new BITRIX_REFRESH_TOKEN/,
    );
  });
});
