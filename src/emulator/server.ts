import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { EmulatorControl, EmulatorStats } from './control.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import { EmulatorError } from './emulator-error.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import type { LeakyBucket } from './leaky-bucket.js';
import type { OAuthServer } from './oauth-server.js';
import { portalNow, type PortalState } from './portal-state.js';
import { authenticate, httpsRequired } from './authenticate.js';
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
  /** Every REST answer is held back this long: a cloud portal's network and execution time. */
  latencyMs?: number;
  /** The other portals this server answers for, under `/portals/<name>/` (the root's only). */
  portals?: ReadonlyMap<string, ServerDependencies>;
}

/** `/portals/<name>/…`: one of many portals, addressed by its URL as a real portal is. */
const PORTAL_PATH = /^\/portals\/([A-Za-z0-9_-]+)(\/.*)?$/;

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
  const portal = PORTAL_PATH.exec(url.pathname);
  if (portal !== null && deps.portals !== undefined) {
    const target = deps.portals.get(portal[1] ?? '');
    if (target === undefined) {
      return send(res, 404, { error: 'PORTAL_NOT_FOUND', error_description: 'Portal not found' });
    }
    return route(target, req, res, url, portal[2] ?? '/');
  }
  if (url.pathname.replace(/\/$/, '') === '/oauth/token' && deps.portals !== undefined) {
    // One authorization server for every portal, as oauth.bitrix.info is: the portal that
    // issued the refresh token answers.
    const params = await readParams(req, url.search.slice(1));
    const token = typeof params.refresh_token === 'string' ? params.refresh_token : '';
    const owner = [deps, ...deps.portals.values()].find((d) => d.oauth.knows(token)) ?? deps;
    const answer =
      httpsRequired(deps) ?? owner.oauth.exchange(params, owner.baseUrl(), portalNow(owner.state));
    return send(res, answer.status, answer.body);
  }
  return route(deps, req, res, url, url.pathname);
}

async function route(
  deps: ServerDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pathname: string,
): Promise<void> {
  if (pathname.startsWith('/_emulator/')) {
    const params = await readParams(req, url.search.slice(1));
    const answer = routeControl(deps.control, pathname.slice('/_emulator/'.length), params);
    return send(res, answer.status, answer.body);
  }
  if (pathname.replace(/\/$/, '') === '/oauth/token') {
    const params = await readParams(req, url.search.slice(1));
    const answer =
      httpsRequired(deps) ?? deps.oauth.exchange(params, deps.baseUrl(), portalNow(deps.state));
    return send(res, answer.status, answer.body);
  }
  // The SDK joins client_endpoint ("…/rest/") and "/method" into "/rest//method"; a portal's
  // web server merges the slashes (nginx's merge_slashes), so the emulator does too.
  const match = REST_PATH.exec(pathname.replace(/\/{2,}/g, '/'));
  if (match === null) {
    return send(res, 404, {
      error: 'ERROR_METHOD_NOT_FOUND',
      error_description: 'Method not found!',
    });
  }
  const method = match[3] ?? '';
  const params = await readParams(req, url.search.slice(1));
  // A fault aimed at a method also hits a batch that carries it: it is one HTTP request.
  const fault = [method, ...subMethods(method, params)].reduce<FaultSpec | undefined>(
    (found, name) => found ?? deps.faults.take(name),
    undefined,
  );
  if (fault !== undefined && (await applyFault(fault.kind, fault.delayMs, req, res))) {
    return;
  }
  deps.stats.requests += 1;
  deps.stats.byMethod[method] = (deps.stats.byMethod[method] ?? 0) + 1;
  const { status, body } = answer(deps, req, match, method, params);
  if (deps.latencyMs !== undefined && deps.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, deps.latencyMs));
  }
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

/** The methods a `batch` request carries (`cmd` values are "method?query"). */
function subMethods(method: string, params: Record<string, unknown>): string[] {
  if (method.toLowerCase() !== 'batch' || typeof params.cmd !== 'object' || params.cmd === null) {
    return [];
  }
  return Object.values(params.cmd as Record<string, unknown>).flatMap((command) =>
    typeof command === 'string' ? [command.split('?')[0] ?? ''] : [],
  );
}
