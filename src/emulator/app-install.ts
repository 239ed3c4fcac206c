import { randomBytes } from 'node:crypto';
import { toPhpQuery } from '../bitrix/php-query.js';
import type { PortalInstance } from './portal-instance.js';
import { portalNow } from './portal-state.js';

/** How the portal installs an application: where it posts and as whom. */
export interface InstallRequest {
  /**
   * The application's install handler: the "Path for initial installation" of a local
   * application that "uses only API" (settings/app-installation/local-apps/installation-callback.md).
   */
  handlerUrl: string;
  /** The administrator who installs it (user 1 by default). */
  userId?: number;
  languageId?: string;
  /**
   * `callback` (default): one POST of the ONAPPINSTALL event carrying the tokens and the
   * application_token (api-reference/events/safe-event-handlers.md shows its `auth`).
   * `page`: first the application page's POST (AUTH_ID, REFRESH_ID, member_id, DOMAIN, APP_SID…)
   * as a browser opens the install page, then the same ONAPPINSTALL event.
   */
  flow?: 'callback' | 'page';
  /** Sent instead of the portal's real application_token: a forged event, for tests. */
  forgeApplicationToken?: string;
}

export interface InstallOutcome {
  /** The HTTP status the application's handler answered the ONAPPINSTALL event with. */
  status: number;
  /** The status of the install page POST, with flow `page`. */
  pageStatus?: number;
  /** The token the portal signs this application's events with (keep it out of logs). */
  applicationToken: string;
}

export interface UninstallRequest {
  /** The "Clear application data" option of the uninstall dialog (`data[CLEAN]`). */
  clean?: boolean;
  languageId?: string;
  forgeApplicationToken?: string;
}

export interface UninstallOutcome {
  /** Each bound ONAPPUNINSTALL handler and the status it answered. */
  handlers: { url: string; status: number }[];
}

/** One portal's side of an application's life: installed, its token, its events. */
export interface AppLifecycle {
  install(request: InstallRequest): Promise<InstallOutcome>;
  uninstall(request?: UninstallRequest): Promise<UninstallOutcome>;
  readonly applicationToken: string | undefined;
}

interface LifecycleSettings {
  portal: PortalInstance;
  /** The portal's address, `https://127.0.0.1:PORT` or `…/portals/<name>`. */
  portalUrl: () => string;
  /** The shared authorization server's address. */
  serverOrigin: () => string;
  accessTtlMs: number;
  scopes: readonly string[];
  post?: (url: string, body: string) => Promise<number>;
}

async function postForm(url: string, body: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Plays the install and uninstall flows of the REST docs against an application's handlers:
 * api-reference/common/events/on-app-install.md and on-app-uninstall.md. A server-side
 * application finishes its install by answering the POST (it must not call BX24.installFinish,
 * installation-callback.md); uninstalling revokes every token (on-app-uninstall.md: "all access
 * permissions for the application to the API are removed").
 */
export function createAppLifecycle(settings: LifecycleSettings): AppLifecycle {
  const { deps, memberId } = settings.portal;
  const post = settings.post ?? postForm;
  let applicationToken: string | undefined;
  const auth = () => {
    const origin = settings.portalUrl();
    return {
      domain: origin.replace(/^https?:\/\//, ''),
      server_endpoint: `${settings.serverOrigin()}/rest/`,
      client_endpoint: `${origin}/rest/`,
      member_id: memberId,
    };
  };
  const ts = () => String(Math.floor(portalNow(deps.state) / 1000));
  return {
    get applicationToken() {
      return applicationToken;
    },
    async install(request) {
      const userId = request.userId ?? 1;
      const language = request.languageId ?? 'ru';
      applicationToken ??= randomBytes(16).toString('hex');
      const expiresIn = Math.floor(settings.accessTtlMs / 1000);
      const base = auth();
      let pageStatus: number | undefined;
      if (request.flow === 'page') {
        const page = deps.oauth.issuePair(userId, portalNow(deps.state));
        pageStatus = await post(
          request.handlerUrl,
          toPhpQuery({
            DOMAIN: base.domain,
            PROTOCOL: settings.portalUrl().startsWith('https') ? 1 : 0,
            LANG: language,
            APP_SID: randomBytes(16).toString('hex'),
            AUTH_ID: page.accessToken,
            AUTH_EXPIRES: expiresIn,
            REFRESH_ID: page.refreshToken,
            SERVER_ENDPOINT: base.server_endpoint,
            member_id: memberId,
            status: 'L',
            PLACEMENT: 'DEFAULT',
            PLACEMENT_OPTIONS: '{}',
          }),
        );
      }
      const pair = deps.oauth.issuePair(userId, portalNow(deps.state));
      const status = await post(
        request.handlerUrl,
        toPhpQuery({
          event: 'ONAPPINSTALL',
          data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: language },
          ts: ts(),
          auth: {
            access_token: pair.accessToken,
            expires: String(Math.floor(portalNow(deps.state) / 1000) + expiresIn),
            expires_in: String(expiresIn),
            scope: settings.scopes.filter((scope) => scope !== 'basic').join(','),
            ...base,
            status: 'L',
            user_id: String(userId),
            refresh_token: pair.refreshToken,
            application_token: request.forgeApplicationToken ?? applicationToken,
          },
        }),
      );
      return { status, applicationToken, ...(pageStatus === undefined ? {} : { pageStatus }) };
    },
    async uninstall(request = {}) {
      const urls = deps.state.eventBindings.get('ONAPPUNINSTALL') ?? [];
      const body = toPhpQuery({
        event: 'ONAPPUNINSTALL',
        data: { LANGUAGE_ID: request.languageId ?? 'ru', CLEAN: request.clean === false ? 0 : 1 },
        ts: ts(),
        auth: { ...auth(), application_token: request.forgeApplicationToken ?? applicationToken },
      });
      if (request.forgeApplicationToken === undefined) {
        // The application is gone before its handler hears of it: no token works any more.
        deps.oauth.revokeAll();
        deps.state.eventBindings.clear();
        applicationToken = undefined;
      }
      const handlers: { url: string; status: number }[] = [];
      for (const url of urls) {
        handlers.push({ url, status: await post(url, body).catch(() => 0) });
      }
      return { handlers };
    },
  };
}
