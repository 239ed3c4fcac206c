import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { fromPhpQuery } from '../../../src/bitrix/php-query.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { testCertificate, trustingAgent } from '../../helpers/tls.js';
import { postJson, threePeople } from './emulator-http.js';

// One emulator, many portals (issue 18, part 4), and the install and uninstall flows of
// api-reference/common/events/on-app-install.md, on-app-uninstall.md,
// api-reference/events/safe-event-handlers.md and event-bind.md (bitrix24/b24restdocs).
let emulator: Emulator | undefined;
let handlers: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  await new Promise((resolve) => (handlers === undefined ? resolve(0) : handlers.close(resolve)));
  handlers = undefined;
});

const oauth = { clientId: 'app', clientSecret: 'sec', accessTtlMs: 60_000 };

/** An application's handlers that keep every POST they receive and answer 200. */
async function recordingHandlers() {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  handlers = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        body: fromPhpQuery(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => handlers?.listen(0, '127.0.0.1', resolve));
  const port = (handlers.address() as AddressInfo).port;
  return { received, url: `http://127.0.0.1:${port}` };
}

describe('an emulator of many portals', () => {
  it('keeps each portal its own data, webhook and limit', async () => {
    emulator = await startEmulator({ rateLimit: false });
    const a = emulator.addPortal('alpha', {
      populate: threePeople,
      rateLimit: { burst: 3, perSecond: 0.001 },
    });
    const b = emulator.addPortal('beta', { rateLimit: { burst: 3, perSecond: 0.001 } });
    expect(a.url).toBe(`${emulator.url}/portals/alpha`);
    expect(a.webhookUrl.startsWith(`${a.url}/rest/1/`)).toBe(true);
    expect(a.memberId).not.toBe(b.memberId);

    const usersA = await postJson(`${a.webhookUrl}user.get`, {});
    const usersB = await postJson(`${b.webhookUrl}user.get`, {});
    expect((usersA.body.result as unknown[]).length).toBe(3);
    expect(usersB.body.result).toEqual([]);
    // A portal's webhook code means nothing on another portal.
    const crossed = a.webhookUrl.replace('/portals/alpha/', '/portals/beta/');
    expect((await postJson(`${crossed}user.get`, {})).body.error).toBe('NO_AUTH_FOUND');
    // alpha has used 1 of its 3; two more pass, the next is refused; beta's are its own.
    expect((await postJson(`${a.webhookUrl}server.time`)).status).toBe(200);
    expect((await postJson(`${a.webhookUrl}server.time`)).status).toBe(200);
    expect((await postJson(`${a.webhookUrl}server.time`)).body.error).toBe('QUERY_LIMIT_EXCEEDED');
    expect((await postJson(`${b.webhookUrl}server.time`)).status).toBe(200);
    expect(a.control.stats().requests).toBe(4);
    expect(b.control.stats().requests).toBe(3);
    // The root portal is still the single portal it always was.
    expect((await postJson(`${emulator.webhookUrl}server.time`)).status).toBe(200);
    expect(emulator.control.stats().requests).toBe(1);
    expect((await postJson(`${emulator.url}/portals/nobody/rest/server.time`)).status).toBe(404);
    // Its control surface is per portal too.
    a.control.createChat('alpha team', [1]);
    expect(a.control.state.chats.size).toBe(1);
    expect(b.control.state.chats.size).toBe(0);
  });

  it('plays the install flow: ONAPPINSTALL with tokens that work on that portal only', async () => {
    const certificate = await testCertificate();
    emulator = await startEmulator({ tls: certificate, oauth, rateLimit: false });
    const app = await recordingHandlers();
    const a = emulator.addPortal('alpha', { populate: threePeople });
    const b = emulator.addPortal('beta');
    const outcome = await a.install({ handlerUrl: `${app.url}/install` });
    expect(outcome.status).toBe(200);
    const event = app.received[0]?.body as {
      event: string;
      data: Record<string, string>;
      auth: Record<string, string>;
    };
    expect(event.event).toBe('ONAPPINSTALL');
    expect(event.data).toMatchObject({ VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y' });
    expect(event.auth).toMatchObject({
      domain: a.domain,
      client_endpoint: `${a.url}/rest/`,
      server_endpoint: `${emulator.url}/rest/`,
      member_id: a.memberId,
      application_token: outcome.applicationToken,
    });
    expect(event.auth.access_token).toMatch(/^\w{20,}$/);
    expect(event.auth.refresh_token).toMatch(/^\w{20,}$/);
    const http = axios.create({
      httpsAgent: trustingAgent(certificate),
      validateStatus: () => true,
    });
    const call = async (url: string, auth: string) =>
      (await http.post<Record<string, unknown>>(url, { auth })).data;
    expect(
      (await call(`${a.url}/rest/user.get`, event.auth.access_token ?? '')).result,
    ).toHaveLength(3);
    expect((await call(`${b.url}/rest/user.get`, event.auth.access_token ?? '')).error).toBe(
      'NO_AUTH_FOUND',
    );
    // The shared token endpoint refreshes it, naming the portal it belongs to.
    const refreshed = await http.post<Record<string, string>>(
      emulator.oauth.tokenUrl,
      new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'app',
        client_secret: 'sec',
        refresh_token: event.auth.refresh_token ?? '',
      }),
    );
    expect(refreshed.data).toMatchObject({
      member_id: a.memberId,
      domain: a.domain,
      client_endpoint: `${a.url}/rest/`,
    });

    // The application binds its uninstall handler; uninstalling posts ONAPPUNINSTALL, signed.
    const bound = await call(
      `${a.url}/rest/event.bind?event=ONAPPUNINSTALL&handler=${encodeURIComponent(`${app.url}/events`)}`,
      refreshed.data.access_token ?? '',
    );
    expect(bound.result).toBe(true);
    const gone = await a.uninstall();
    expect(gone.handlers).toEqual([{ url: `${app.url}/events`, status: 200 }]);
    const uninstall = app.received[1]?.body as { event: string; auth: Record<string, string> };
    expect(uninstall.event).toBe('ONAPPUNINSTALL');
    expect(uninstall.auth).toMatchObject({
      member_id: a.memberId,
      application_token: outcome.applicationToken,
    });
    expect(uninstall.auth.access_token).toBeUndefined();
    // Every token of the application is void now.
    expect((await call(`${a.url}/rest/server.time`, refreshed.data.access_token ?? '')).error).toBe(
      'NO_AUTH_FOUND',
    );
  });

  it('plays the install page POST (AUTH_ID, REFRESH_ID, member_id, DOMAIN) before the event', async () => {
    const certificate = await testCertificate();
    emulator = await startEmulator({ tls: certificate, oauth, rateLimit: false });
    const app = await recordingHandlers();
    const a = emulator.addPortal('alpha');
    const outcome = await a.install({ handlerUrl: `${app.url}/install`, flow: 'page' });
    expect(outcome.pageStatus).toBe(200);
    expect(app.received[0]?.body).toMatchObject({
      DOMAIN: a.domain,
      member_id: a.memberId,
      PLACEMENT: 'DEFAULT',
    });
    expect(app.received[0]?.body.AUTH_ID).toMatch(/^\w{20,}$/);
    expect(app.received[0]?.body.REFRESH_ID).toMatch(/^\w{20,}$/);
    expect((app.received[1]?.body as { event: string }).event).toBe('ONAPPINSTALL');
  });

  it('refuses event.bind through a webhook: it is for applications', async () => {
    emulator = await startEmulator({ rateLimit: false });
    const a = emulator.addPortal('alpha');
    const answer = await postJson(`${a.webhookUrl}event.bind`, {
      event: 'ONAPPUNINSTALL',
      handler: 'http://127.0.0.1:1/',
    });
    expect(answer.body.error).toBe('WRONG_AUTH_TYPE');
  });
});
