import type { IncomingMessage, ServerResponse } from 'node:http';
import { BitrixAuthorizationLostError } from '../bitrix/errors.js';
import type { TokenAnswer } from '../bitrix/oauth.js';
import { fromPhpQuery } from '../bitrix/php-query.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Secrets } from '../lib/secrets.js';
import { sameSecret } from './constant-time.js';
import { isMemberId, normalizeDomain, type PortalRegistry } from './portal-registry.js';

export interface AppHandlerDeps {
  registry: PortalRegistry;
  /**
   * Trades a refresh token at the authorization server (oauth.bitrix.info) for a new pair. It
   * is how an install is verified: only the real server knows a refresh token it issued to
   * this application's client_id and secret, and its answer names the portal's member_id.
   */
  exchange: (refreshToken: string) => Promise<TokenAnswer>;
  /**
   * After the tokens are stored: binds ONAPPUNINSTALL to `{APP_PUBLIC_URL}/events`, registers
   * the bot. A failure undoes the install (every key of the portal goes) and answers 502.
   */
  afterInstall: (memberId: string) => Promise<void>;
  /** After a verified ONAPPUNINSTALL removed the portal's keys (the runtime stops serving it). */
  afterUninstall?: (memberId: string) => Promise<void>;
  clock: Clock;
  log: Logger;
  secrets: Secrets;
}

const MAX_BODY = 256 * 1024;

type Reply = { status: number; body: Record<string, unknown> };

/**
 * The application's two handlers (Node's http, no framework):
 *
 * - `POST /install`: the install callback of a local application that "uses only API"
 *   (settings/app-installation/local-apps/installation-callback.md): the ONAPPINSTALL event
 *   with the installing administrator's tokens and the `application_token`
 *   (api-reference/common/events/on-app-install.md, api-reference/events/safe-event-handlers.md).
 *   The install page's POST (AUTH_ID, REFRESH_ID, member_id, DOMAIN) is taken too; its
 *   application_token then comes with the ONAPPINSTALL event. A server-side handler finishes
 *   the install by answering: BX24.installFinish is for the install page in a browser only.
 * - `POST /events`: application events; ONAPPUNINSTALL removes every key of the portal
 *   (api-reference/common/events/on-app-uninstall.md). Its `auth.application_token` is compared
 *   in constant time with the one kept at install; a mismatch is 403 and changes nothing
 *   (safe-event-handlers.md, "How to Verify the Token in a Handler").
 */
export function createAppHandler(deps: AppHandlerDeps) {
  const log = deps.log.child({ module: 'app' });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (answer: Reply) => {
      if (!res.headersSent) {
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer.body));
      }
    };
    const path = new URL(req.url ?? '/', 'http://app').pathname.replace(/\/+$/, '');
    if (path !== '/install' && path !== '/events') {
      return reply({ status: 404, body: { error: 'not found' } });
    }
    if (req.method !== 'POST') {
      return reply({ status: 405, body: { error: 'POST only' } });
    }
    try {
      const params = await readBody(req);
      reply(
        path === '/install' ? await install(deps, log, params) : await event(deps, log, params),
      );
    } catch (error) {
      log.error({ err: error }, 'an application request failed');
      reply({ status: 500, body: { error: 'internal error' } });
    }
  };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      throw new Error('request body too large');
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  return fromPhpQuery(text);
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

interface InstallClaim {
  memberId: string;
  domain: string;
  refreshToken: string;
  applicationToken: string | undefined;
}

/** What an install request claims, from the ONAPPINSTALL event or the install page's form. */
function installClaim(params: Record<string, unknown>): InstallClaim | Reply {
  const isEvent = params.event !== undefined;
  if (isEvent && text(params.event).toUpperCase() !== 'ONAPPINSTALL') {
    return { status: 400, body: { error: 'event: expected ONAPPINSTALL on /install' } };
  }
  const auth = record(params.auth);
  const claim = isEvent
    ? {
        memberId: text(auth.member_id),
        domain: text(auth.domain),
        refreshToken: text(auth.refresh_token),
        applicationToken: text(auth.application_token) || undefined,
      }
    : {
        memberId: text(params.member_id),
        domain: text(params.DOMAIN),
        refreshToken: text(params.REFRESH_ID),
        applicationToken: undefined,
      };
  const names = isEvent
    ? { memberId: 'auth[member_id]', domain: 'auth[domain]', refreshToken: 'auth[refresh_token]' }
    : { memberId: 'member_id', domain: 'DOMAIN', refreshToken: 'REFRESH_ID' };
  const missing = (['memberId', 'domain', 'refreshToken'] as const).filter(
    (key) => claim[key] === '',
  );
  if (missing.length > 0) {
    return { status: 400, body: { error: `missing ${missing.map((k) => names[k]).join(', ')}` } };
  }
  if (!isMemberId(claim.memberId.toLowerCase())) {
    return { status: 400, body: { error: `${names.memberId}: not a member_id` } };
  }
  return { ...claim, memberId: claim.memberId.toLowerCase() };
}

async function install(
  deps: AppHandlerDeps,
  log: Logger,
  params: Record<string, unknown>,
): Promise<Reply> {
  const claim = installClaim(params);
  if ('status' in claim) {
    return claim;
  }
  deps.secrets.add(claim.refreshToken);
  deps.secrets.add(claim.applicationToken);
  let answer: TokenAnswer;
  try {
    answer = await deps.exchange(claim.refreshToken);
  } catch (error) {
    if (error instanceof BitrixAuthorizationLostError) {
      log.warn(
        { memberId: claim.memberId },
        'install refused: the authorization server does not know its tokens',
      );
      return {
        status: 401,
        body: { error: 'the install tokens were not issued to this application' },
      };
    }
    log.error(
      { err: error, memberId: claim.memberId },
      'install: the authorization server did not answer',
    );
    return {
      status: 502,
      body: { error: 'the authorization server did not answer; install again' },
    };
  }
  deps.secrets.add(answer.access_token);
  deps.secrets.add(answer.refresh_token);
  if (text(answer.member_id).toLowerCase() !== claim.memberId) {
    log.warn({ memberId: claim.memberId }, 'install refused: its tokens belong to another portal');
    return { status: 403, body: { error: 'the install tokens belong to another portal' } };
  }
  const domain = normalizeDomain(answer.domain ?? claim.domain);
  const clientEndpoint = answer.client_endpoint ?? `https://${domain}/rest/`;
  await deps.registry.install({
    memberId: claim.memberId,
    domain,
    clientEndpoint,
    installedAt: deps.clock.now().toISOString(),
    tokens: {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      clientEndpoint,
    },
    applicationToken: claim.applicationToken,
  });
  try {
    await deps.afterInstall(claim.memberId);
  } catch (error) {
    log.error(
      { err: error, memberId: claim.memberId, domain },
      'install failed after the tokens were stored; undone',
    );
    await deps.registry.remove(claim.memberId);
    return { status: 502, body: { error: 'the portal refused the install steps; install again' } };
  }
  log.info({ memberId: claim.memberId, domain }, 'installed on a portal');
  return { status: 200, body: { result: 'installed', domain } };
}

async function event(
  deps: AppHandlerDeps,
  log: Logger,
  params: Record<string, unknown>,
): Promise<Reply> {
  const name = text(params.event).toUpperCase();
  const auth = record(params.auth);
  const memberId = text(auth.member_id).toLowerCase();
  const received = text(auth.application_token);
  deps.secrets.add(received);
  const stored = isMemberId(memberId) ? await deps.registry.applicationToken(memberId) : undefined;
  if (!sameSecret(received, stored)) {
    log.warn({ event: name, memberId }, 'event refused: its application_token does not match');
    return { status: 403, body: { error: 'application_token does not match' } };
  }
  // The page spells it ONAPPSUNINSTALL in its example and ONAPPUNINSTALL in its title.
  if (name === 'ONAPPUNINSTALL' || name === 'ONAPPSUNINSTALL') {
    await deps.registry.remove(memberId);
    await deps.afterUninstall?.(memberId);
    log.info({ memberId }, 'uninstalled from a portal: its keys are removed');
    return { status: 200, body: { result: 'uninstalled' } };
  }
  return { status: 200, body: { result: 'ignored' } };
}
