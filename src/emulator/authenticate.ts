import type { ServerDependencies } from './server.js';
import { portalNow } from './portal-state.js';

/**
 * Over plain HTTP the emulator answers webhooks (a loopback convenience for the demo and most
 * tests) but not OAuth: its token answer names the portal's `client_endpoint`, which the docs
 * promise is an https address (settings/oauth/index.md), and a portal refuses plain HTTP with
 * 400 INVALID_REQUEST "Https required" (_includes/system-errors.md). Start it with `tls`.
 */
export function httpsRequired(deps: ServerDependencies) {
  return deps.tls === undefined
    ? { status: 400, body: { error: 'INVALID_REQUEST', error_description: 'Https required' } }
    : undefined;
}

export type Caller =
  | { kind: 'caller'; appKey: string; userId: number; viaWebhook: boolean }
  | { kind: 'refused'; error: string; description: string; status: number };

/**
 * Who calls a REST path: a webhook (`/rest/<user>/<code>/…`) or an OAuth token (`auth`). A wrong
 * webhook code or token is 401 NO_AUTH_FOUND, as _includes/system-errors.md lists it for every
 * method; crm/universal/import/crm-item-import.md says 401 INVALID_CREDENTIALS for the same
 * mistake. The emulator follows the system errors; the client is tested against both
 * (test/unit/bitrix/doc-variants.test.ts).
 */
export function authenticate(
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
