import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { EmulatorControl, EmulatorStats } from './control.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import { EmulatorError } from './emulator-error.js';
import type { FaultQueue } from './faults.js';
import type { LeakyBucket } from './leaky-bucket.js';
import type { OAuthServer } from './oauth-server.js';
import { portalNow, type PortalState } from './portal-state.js';
import { readParams } from './request-body.js';
import { routeControl } from './control-routes.js';

export interface ServerDependencies {
  state: PortalState;
  control: EmulatorControl;
  faults: FaultQueue;
  bucket: LeakyBucket | undefined;
  oauth: OAuthServer;
  stats: EmulatorStats;
  dispatch: DispatchOptions;
  webhook: { userId: number; code: string };
  baseUrl: () => string;
  /** A key and certificate in PEM: the portal answers over HTTPS, as Bitrix24 does. */
  tls: { key: string; cert: string } | undefined;
}

const REST_PATH = /^\/rest\/(?:(\d+)\/([^/]+)\/)?([A-Za-z0-9_.]+?)(?:\.json)?\/?$/;

export function createEmulatorServer(deps: ServerDependencies): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(deps, req, res).catch((error: unknown) => {
      const e =
        error instanceof EmulatorError
          ? error
          : new EmulatorError('INTERNAL_SERVER_ERROR', String(error), 500);
      send(res, e.status, { error: e.code, error_description: e.description });
    });
  };
  return deps.tls === undefined ? createServer(listener) : createTlsServer(deps.tls, listener);
}

/**
 * Over plain HTTP the emulator answers webhooks (a loopback convenience for the demo and most
 * tests) but not OAuth: its token answer names the portal's `client_endpoint`, which the docs
 * promise is an https address (settings/oauth/index.md), and a portal refuses plain HTTP with
 * 400 INVALID_REQUEST "Https required" (_includes/system-errors.md). Start it with `tls`.
 */
function httpsRequired(deps: ServerDependencies) {
  return deps.tls === undefined
    ? { status: 400, body: { error: 'INVALID_REQUEST', error_description: 'Https required' } }
    : undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
) {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function handle(
  deps: ServerDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname.startsWith('/_emulator/')) {
    const params = await readParams(req, url.search.slice(1));
    const answer = routeControl(deps.control, url.pathname.slice('/_emulator/'.length), params);
    return send(res, answer.status, answer.body);
  }
  if (url.pathname.replace(/\/$/, '') === '/oauth/token') {
    const params = await readParams(req, url.search.slice(1));
    const answer =
      httpsRequired(deps) ?? deps.oauth.exchange(params, deps.baseUrl(), portalNow(deps.state));
    return send(res, answer.status, answer.body);
  }
  const match = REST_PATH.exec(url.pathname);
  if (match === null) {
    return send(res, 404, {
      error: 'ERROR_METHOD_NOT_FOUND',
      error_description: 'Method not found!',
    });
  }
  const method = match[3] ?? '';
  const params = await readParams(req, url.search.slice(1));
  const fault = deps.faults.take(method);
  if (fault !== undefined && (await applyFault(fault.kind, fault.delayMs, req, res))) {
    return;
  }
  deps.stats.requests += 1;
  deps.stats.byMethod[method] = (deps.stats.byMethod[method] ?? 0) + 1;
  const { status, body } = answer(deps, req, match, method, params);
  if (fault?.kind === 'lost_answer') {
    req.socket.destroy();
  } else {
    send(res, status, body);
  }
  deps.stats.byStatus[String(status)] = (deps.stats.byStatus[String(status)] ?? 0) + 1;
}

function answer(
  deps: ServerDependencies,
  req: IncomingMessage,
  match: RegExpExecArray,
  method: string,
  params: Record<string, unknown>,
): { status: number; body: unknown } {
  if (
    deps.bucket !== undefined &&
    !deps.bucket.admit(req.socket.remoteAddress ?? 'local', Date.now())
  ) {
    return {
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    };
  }
  const caller = authenticate(deps, match, params);
  if (caller.kind === 'refused') {
    return {
      status: caller.status,
      body: { error: caller.error, error_description: caller.description },
    };
  }
  const { auth: _auth, ...rest } = params;
  const result = dispatch(
    method,
    rest,
    {
      state: deps.state,
      appKey: caller.appKey,
      userId: caller.userId,
      viaWebhook: caller.viaWebhook,
      scopes: deps.dispatch.scopes,
    },
    deps.dispatch,
  );
  return { status: result.status, body: result.body };
}

type Caller =
  | { kind: 'caller'; appKey: string; userId: number; viaWebhook: boolean }
  | { kind: 'refused'; error: string; description: string; status: number };

function authenticate(
  deps: ServerDependencies,
  match: RegExpExecArray,
  params: Record<string, unknown>,
): Caller {
  if (match[1] !== undefined) {
    if (Number(match[1]) !== deps.webhook.userId || match[2] !== deps.webhook.code) {
      return {
        kind: 'refused',
        error: 'NO_AUTH_FOUND',
        description: 'Wrong authorization data',
        status: 401,
      };
    }
    return {
      kind: 'caller',
      appKey: `webhook:${deps.webhook.userId}`,
      userId: deps.webhook.userId,
      viaWebhook: true,
    };
  }
  const refused = httpsRequired(deps);
  if (refused !== undefined) {
    return {
      kind: 'refused',
      error: refused.body.error,
      description: refused.body.error_description,
      status: refused.status,
    };
  }
  const token = typeof params.auth === 'string' ? params.auth : '';
  const checked = deps.oauth.check(token, portalNow(deps.state));
  if (checked === 'expired') {
    return {
      kind: 'refused',
      error: 'expired_token',
      description: 'The access token provided has expired.',
      status: 401,
    };
  }
  if (checked === 'unknown') {
    return {
      kind: 'refused',
      error: 'NO_AUTH_FOUND',
      description: 'Wrong authorization data',
      status: 401,
    };
  }
  return { kind: 'caller', appKey: 'oauth', userId: checked.userId, viaWebhook: false };
}

/** Plays one injected fault; true when the answer has been given (or the socket cut). */
async function applyFault(
  kind: string,
  delayMs: number | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  switch (kind) {
    case '503':
      send(res, 503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
      return true;
    case '429':
      send(res, 429, {
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.',
        ...(delayMs === undefined
          ? {}
          : { time: { operating_reset_at: Math.ceil((Date.now() + delayMs) / 1000) } }),
      });
      return true;
    case '500':
      send(res, 500, {
        error: 'INTERNAL_SERVER_ERROR',
        error_description: 'Internal server error',
      });
      return true;
    case 'html':
      send(
        res,
        502,
        '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
        'text/html',
      );
      return true;
    case 'expired_token':
      send(res, 401, {
        error: 'expired_token',
        error_description: 'The access token provided has expired.',
      });
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, delayMs ?? 1000));
      return false;
    default:
      return false;
  }
}
