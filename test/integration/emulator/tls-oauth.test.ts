import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../src/emulator/start-emulator.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { testCertificate, trustingAgent } from '../../helpers/tls.js';
import { docExample, threePeople } from './emulator-http.js';

// settings/oauth/auto-renewal.md and settings/oauth/index.md (bitrix24/b24restdocs).
let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

const oauth = { clientId: 'app', clientSecret: 'sec', accessTtlMs: 60_000 };

async function start(options: EmulatorOptions = {}) {
  emulator = await startEmulator({ populate: threePeople, rateLimit: false, oauth, ...options });
  return emulator;
}

async function tlsClient() {
  const certificate = await testCertificate();
  const e = await start({ tls: certificate });
  const http = axios.create({ httpsAgent: trustingAgent(certificate), validateStatus: () => true });
  const token = async (refresh: string) => {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'sec',
      refresh_token: refresh,
    });
    const r = await http.post<Record<string, string>>(e.oauth.tokenUrl, form);
    return { status: r.status, body: r.data };
  };
  const rest = async (url: string, body: Record<string, unknown>) =>
    (await http.post<Record<string, unknown>>(url, body)).data;
  return { e, token, rest };
}

describe('the emulator over TLS', () => {
  it('serves its webhook and REST at https addresses with a throwaway certificate', async () => {
    const { e, rest } = await tlsClient();
    expect(e.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(e.webhookUrl.startsWith(`${e.url}/rest/1/`)).toBe(true);
    expect((await rest(`${e.webhookUrl}server.time`, {})).result).toEqual(expect.any(String));
    // Nothing else trusts the certificate.
    await expect(axios.post(`${e.webhookUrl}server.time`, {})).rejects.toThrow(/self-signed/);
  });
});

describe('emulator OAuth', () => {
  it('answers the documented fields, with https client and server endpoints', async () => {
    const { e, token } = await tlsClient();
    const pair = await token(e.control.issueRefreshToken(1));
    expect(pair.status).toBe(200);
    expect(shapeDifferences(pair.body, docExample('oauth-refresh.json'))).toEqual([]);
    expect(pair.body).toMatchObject({
      client_endpoint: `${e.url}/rest/`,
      server_endpoint: `${e.url}/rest/`,
      domain: new URL(e.url).host,
      expires_in: 60,
      scope: 'crm,user,department,telephony,im,imbot,calendar',
    });
  });

  it('issues short-lived tokens and rotates refresh tokens (expired_token, invalid_grant)', async () => {
    const { e, token, rest } = await tlsClient();
    const first = e.control.issueRefreshToken(1);
    const pair = await token(first);
    const current = (auth: string) => rest(`${pair.body.client_endpoint}user.current`, { auth });
    expect((await current(pair.body.access_token ?? '')).result).toMatchObject({ ID: '1' });
    // The SDK joins client_endpoint and "/method": the doubled slash reaches the same method.
    const joined = await rest(`${pair.body.client_endpoint}/user.current`, {
      auth: pair.body.access_token,
    });
    expect(joined.result).toMatchObject({ ID: '1' });
    expect(await token(first)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid grant' },
    });
    e.control.expireTokens();
    expect(await current(pair.body.access_token ?? '')).toEqual({
      error: 'expired_token',
      error_description: 'The access token provided has expired.',
    });
    const next = await token(pair.body.refresh_token ?? '');
    expect((await current(next.body.access_token ?? '')).result).toMatchObject({ ID: '1' });
    e.control.advance(61_000);
    expect((await current(next.body.access_token ?? '')).error).toBe('expired_token');
  });

  it('refuses OAuth over plain HTTP as a portal does: 400 INVALID_REQUEST "Https required"', async () => {
    // _includes/system-errors.md. Webhooks still answer over plain HTTP on loopback.
    const e = await start();
    const refused = { error: 'INVALID_REQUEST', error_description: 'Https required' };
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'sec',
      refresh_token: e.control.issueRefreshToken(1),
    });
    const tokenAnswer = await fetch(e.oauth.tokenUrl, { method: 'POST', body: form });
    expect([tokenAnswer.status, await tokenAnswer.json()]).toEqual([400, refused]);
    const call = await fetch(`${e.url}/rest/user.current?auth=x`, { method: 'POST' });
    expect([call.status, await call.json()]).toEqual([400, refused]);
    const hook = await fetch(`${e.webhookUrl}user.current`, { method: 'POST' });
    expect(hook.status).toBe(200);
  });
});
