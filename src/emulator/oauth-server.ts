import { randomBytes } from 'node:crypto';

/** Issues short-lived access tokens and rotating refresh tokens, as oauth.bitrix.info does. */
export interface OAuthServer {
  /** Answers a token request: a new pair, or an OAuth error. `origin`: the emulator's address. */
  exchange(
    params: Record<string, unknown>,
    origin: string,
    nowMs: number,
  ): { status: number; body: Record<string, unknown> };
  /** The user of a valid access token, `expired`, or `unknown`. */
  check(accessToken: string, nowMs: number): { userId: number } | 'expired' | 'unknown';
  expireAll(): void;
  /** A first refresh token, as an installation would hand out. */
  issueRefreshToken(userId: number): string;
  /** A fresh access and refresh pair for a user, as an installation hands out. */
  issuePair(userId: number, nowMs: number): { accessToken: string; refreshToken: string };
  /** Whether this server issued the refresh token (many portals share one token endpoint). */
  knows(refreshToken: string): boolean;
  /** Every token stops working, as when the application is uninstalled. */
  revokeAll(): void;
  readonly refreshes: number;
}

export interface OAuthServerOptions {
  clientId: string;
  clientSecret: string;
  accessTtlMs: number;
  memberId: string;
  /** The scopes granted to the application, listed in the token answer. */
  scopes: readonly string[];
  /**
   * Where the answer's `server_endpoint` points (the shared authorization server, as
   * oauth.bitrix.info for every portal); the portal's own origin when omitted.
   */
  serverOrigin?: () => string;
}

export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const access = new Map<string, { userId: number; expiresAt: number }>();
  const refresh = new Map<string, number>();
  let refreshes = 0;
  const token = () => randomBytes(18).toString('hex');
  return {
    get refreshes() {
      return refreshes;
    },
    issueRefreshToken(userId) {
      const value = token();
      refresh.set(value, userId);
      return value;
    },
    issuePair(userId, nowMs) {
      const accessToken = token();
      const refreshToken = token();
      access.set(accessToken, { userId, expiresAt: nowMs + options.accessTtlMs });
      refresh.set(refreshToken, userId);
      return { accessToken, refreshToken };
    },
    knows: (refreshToken) => refresh.has(refreshToken),
    revokeAll() {
      access.clear();
      refresh.clear();
    },
    exchange(params, origin, nowMs) {
      if (params.client_id !== options.clientId || params.client_secret !== options.clientSecret) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Invalid client' },
        };
      }
      if (params.grant_type !== 'refresh_token') {
        return {
          status: 400,
          body: { error: 'invalid_request', error_description: 'Unsupported grant_type' },
        };
      }
      const userId = refresh.get(String(params.refresh_token));
      if (userId === undefined) {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Invalid grant' },
        };
      }
      // Rotation: the refresh token just used is gone; reusing it is invalid_grant.
      refresh.delete(String(params.refresh_token));
      refreshes += 1;
      const accessToken = token();
      const refreshToken = token();
      access.set(accessToken, { userId, expiresAt: nowMs + options.accessTtlMs });
      refresh.set(refreshToken, userId);
      // The fields of settings/oauth/auto-renewal.md. The emulator is its own authorization
      // server: `server_endpoint` and `domain` name it (the SDK refreshes at the origin of
      // server_endpoint + /oauth/token/), as oauth.bitrix.info's do on a real portal.
      return {
        status: 200,
        body: {
          access_token: accessToken,
          client_endpoint: `${origin}/rest/`,
          // The portal's address without the scheme: a host, or host and path for one of
          // the emulator's many portals (/portals/<name>), so https://{domain}/rest/ reaches it.
          domain: origin.replace(/^https?:\/\//, ''),
          expires: Math.floor((nowMs + options.accessTtlMs) / 1000),
          expires_in: Math.floor(options.accessTtlMs / 1000),
          member_id: options.memberId,
          refresh_token: refreshToken,
          scope: options.scopes.filter((scope) => scope !== 'basic').join(','),
          server_endpoint: `${options.serverOrigin?.() ?? origin}/rest/`,
          status: 'L',
          user_id: userId,
        },
      };
    },
    check(accessToken, nowMs) {
      const entry = access.get(accessToken);
      if (entry === undefined) {
        return 'unknown';
      }
      return entry.expiresAt <= nowMs ? 'expired' : { userId: entry.userId };
    },
    expireAll() {
      for (const entry of access.values()) {
        entry.expiresAt = 0;
      }
    },
  };
}
