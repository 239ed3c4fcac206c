import type { BitrixAuthConfig } from '../config/env-schema.js';
import type { OAuthTokens } from './oauth.js';

/** Where a method is POSTed and which auth parameters go with it. */
export interface RequestTarget {
  url: string;
  params: Record<string, unknown>;
  /** The access token used, so a refusal can name which token went stale. */
  accessToken?: string;
}

export interface RequestAuth {
  /** The portal's host: the rate limit and the token store are kept per portal. */
  readonly portal: string;
  target(method: string): Promise<RequestTarget>;
  /** Present for OAuth: replaces a token the portal called expired. */
  refresh?: (staleAccessToken: string) => Promise<void>;
}

export function createRequestAuth(
  config: BitrixAuthConfig,
  tokens: OAuthTokens | undefined,
): RequestAuth {
  if (config.kind === 'webhook') {
    const base = `${config.baseUrl}${config.userId}/${config.secret}/`;
    return {
      portal: new URL(config.baseUrl).host,
      target: (method) => Promise.resolve({ url: `${base}${method}`, params: {} }),
    };
  }
  if (tokens === undefined) {
    throw new Error('OAuth mode needs a token store');
  }
  return {
    portal: new URL(config.portalUrl).host,
    async target(method) {
      const pair = await tokens.current();
      const endpoint = pair.clientEndpoint ?? `${config.portalUrl}rest/`;
      return {
        url: `${endpoint}${method}`,
        params: { auth: pair.accessToken },
        accessToken: pair.accessToken,
      };
    },
    async refresh(stale) {
      await tokens.refresh(stale);
    },
  };
}
