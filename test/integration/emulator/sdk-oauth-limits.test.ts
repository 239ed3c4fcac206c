import axios from 'axios';
import {
  AjaxError,
  ApiVersion,
  B24Hook,
  B24OAuth,
  EnumAppStatus,
  type B24OAuthParams,
} from '@bitrix24/b24jssdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../src/emulator/start-emulator.js';
import { sdkPortal, sdkTls, withTrust } from './sdk-harness.js';

/**
 * Conformance: the official SDK's OAuth (refresh on 401 expired_token, at the authorization
 * server the token answer names; its admin check through `profile`) and its handling of the
 * portal's request limit (503 QUERY_LIMIT_EXCEEDED), against the emulator over HTTPS.
 * settings/oauth/auto-renewal.md, settings/performance/limits.md (bitrix24/b24restdocs).
 */
let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

const secret = { clientId: 'local.sdk', clientSecret: 'sdk-secret' };

async function start(options: EmulatorOptions) {
  const { certificate, agent } = await sdkTls();
  emulator = await startEmulator({ populate: sdkPortal, tls: certificate, ...options });
  return { e: emulator, agent };
}

describe('official SDK over HTTPS: OAuth', () => {
  it('refreshes once on expired_token at the server_endpoint the answer names, then goes on', async () => {
    const { e, agent } = await start({
      rateLimit: false,
      oauth: { ...secret, accessTtlMs: 3_600_000 },
    });
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      ...{ client_id: secret.clientId, client_secret: secret.clientSecret },
      refresh_token: e.control.issueRefreshToken(1),
    });
    const first = (
      await axios.post<Record<string, string | number>>(e.oauth.tokenUrl, form, {
        httpsAgent: agent,
      })
    ).data;
    const params: B24OAuthParams = {
      applicationToken: 'sdk-application-token',
      userId: Number(first.user_id),
      memberId: String(first.member_id),
      accessToken: String(first.access_token),
      refreshToken: String(first.refresh_token),
      expires: Number(first.expires),
      expiresIn: Number(first.expires_in),
      scope: String(first.scope),
      domain: new URL(String(first.client_endpoint)).host,
      clientEndpoint: String(first.client_endpoint),
      serverEndpoint: String(first.server_endpoint),
      status: EnumAppStatus.Local,
    };
    expect(params.clientEndpoint).toBe(`${e.url}/rest/`);
    const b24 = withTrust(agent, () => new B24OAuth(params, secret));
    const renewed: string[] = [];
    b24.setCallbackRefreshAuth(({ b24OAuthParams }) => {
      renewed.push(b24OAuthParams.clientEndpoint);
      return Promise.resolve();
    });

    await b24.initIsAdmin();
    expect(b24.auth.isAdmin).toBe(true);

    const before = e.control.oauthRefreshes;
    e.control.expireTokens();
    // One call at a time: the SDK coalesces only refreshes that overlap, so calls in flight
    // together may refresh more than once depending on timing, which is the SDK's business.
    const current = async () =>
      (
        (await b24.actions.v2.call.make({ method: 'user.current', params: {} })).getData()
          ?.result as { ID: string }
      ).ID;
    expect(await current()).toBe('1');
    expect(await current()).toBe('1');
    expect(e.control.oauthRefreshes - before).toBe(1);
    expect(renewed).toEqual([`${e.url}/rest/`]);
  });
});

describe('official SDK over HTTPS: the request limit', () => {
  it('recognises the portal’s 503 QUERY_LIMIT_EXCEEDED and gives up after its retries', async () => {
    // A bucket of 3 that does not drain within the test: the 4th request is refused.
    const { e, agent } = await start({ rateLimit: { burst: 3, perSecond: 0.0001 } });
    const b24 = withTrust(agent, () =>
      B24Hook.fromWebhookUrl(e.webhookUrl, { restrictionParams: { maxRetries: 1 } }),
    );
    for (let i = 0; i < 3; i++) {
      expect(
        (await b24.actions.v2.call.make({ method: 'server.time', params: {} })).isSuccess,
      ).toBe(true);
    }
    const error = (await b24.actions.v2.call
      .make({ method: 'server.time', params: {} })
      .catch((err: unknown) => err)) as AjaxError;
    expect(error).toBeInstanceOf(AjaxError);
    expect({ code: error.code, status: error.status, text: error.message }).toEqual({
      code: 'QUERY_LIMIT_EXCEEDED',
      status: 503,
      text: 'Too many requests',
    });
    expect(e.control.stats().byStatus).toEqual({ 200: 3, 503: 1 });
  });

  it('waits and repeats a refused request, as its limiter does, and then succeeds', async () => {
    const { e, agent } = await start({ rateLimit: false });
    // A fast drain keeps the SDK's wait after a 503 near its fixed second (refill + 1 s).
    const b24 = withTrust(agent, () =>
      B24Hook.fromWebhookUrl(e.webhookUrl, {
        restrictionParams: {
          rateLimit: { burstLimit: 50, drainRate: 1000, adaptiveEnabled: false },
        },
      }),
    );
    e.control.injectFault({ kind: '503', method: 'user.current', count: 1 });
    const answer = await b24.actions.v2.call.make({ method: 'user.current', params: {} });
    expect((answer.getData()?.result as { ID: string }).ID).toBe('1');
    expect(b24.getHttpClient(ApiVersion.v2).getStats()).toMatchObject({ retries: 1, limitHits: 1 });
  });
});
