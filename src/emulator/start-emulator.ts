import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAppLifecycle, type AppLifecycle } from './app-install.js';
import type { EmulatorControl } from './control.js';
import type { MethodAnswer } from './methods/method.js';
import {
  createPortalInstance,
  type PortalInstance,
  type PortalOptions,
} from './portal-instance.js';
import type { PortalState } from './portal-state.js';
import { ALL_SCOPES } from './scopes.js';
import { createEmulatorServer, type ServerDependencies } from './server.js';

export { ALL_SCOPES };
export type { PortalOptions };

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** The portal's time zone: every date in an answer carries its offset. */
  zone?: string;
  /** The leaky bucket: 50/2 by default (Enterprise 250/5); `false` turns it off. */
  rateLimit?: { burst: number; perSecond: number } | false;
  /** Seconds of operating time per method per 10 minutes before 429 (480 in the docs' example). */
  operatingLimitSeconds?: number;
  /** Simulated execution time of one call. */
  costSeconds?: (method: string, answer: MethodAnswer) => number;
  scopes?: readonly string[];
  webhook?: { userId: number; code: string };
  oauth?: { clientId: string; clientSecret: string; accessTtlMs: number };
  /** The portal's clock at start; the real clock when omitted. */
  now?: Date;
  /** Fills the portal (users, CRM data) before it answers. */
  populate?: (state: PortalState) => void;
  /**
   * A key and certificate (PEM): the emulator answers over HTTPS and every address it gives
   * out is https, as a portal's. Needed for OAuth (see server.ts) and for clients that refuse
   * plain HTTP, such as the official SDK. Tests make a throwaway one (test/helpers/tls.ts).
   */
  tls?: { key: string; cert: string };
  /**
   * Answer a repeated `templateId` with the first message, as Bitrix24's im module does
   * (README, "No message twice"). Off by default: the REST docs do not promise it.
   */
  dedupeTemplateIds?: boolean;
  /** Holds every REST answer back this long (the bench's stand-in for a cloud portal's latency). */
  latencyMs?: number;
}

/** One of the emulator's portals, as an integrator sees it. */
export interface EmulatorPortal extends AppLifecycle {
  name: string;
  /** `https://127.0.0.1:<port>/portals/<name>`: the portal's address (its REST is under /rest/). */
  url: string;
  /** The portal's address without the scheme, as `domain` and `DOMAIN` carry it. */
  domain: string;
  /** The portal's `member_id`. */
  memberId: string;
  webhookUrl: string;
  control: EmulatorControl;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`, or https with `tls` */
  url: string;
  /** The inbound webhook to put in BITRIX_WEBHOOK_URL. */
  webhookUrl: string;
  oauth: { tokenUrl: string; portalUrl: string; clientId: string; clientSecret: string };
  control: EmulatorControl;
  /**
   * Adds a portal with its own data, limits, webhook and tokens, served at
   * `<url>/portals/<name>/` (REST at `…/rest/`, control at `…/_emulator/`). Every portal shares
   * the application's client_id and secret and the token endpoint `oauth.tokenUrl`, as one
   * application installed on many portals shares oauth.bitrix.info.
   */
  addPortal(name: string, options?: PortalOptions): EmulatorPortal;
  portal(name: string): EmulatorPortal | undefined;
  removePortal(name: string): boolean;
  /** The root portal's application lifecycle (install, uninstall). */
  app: AppLifecycle;
  close(): Promise<void>;
}

const PORTAL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Starts a Bitrix24 portal emulator on loopback (port 0 picks a free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const oauthSettings = options.oauth ?? {
    clientId: 'local.emulator',
    clientSecret: randomBytes(12).toString('hex'),
    accessTtlMs: 3_600_000,
  };
  let baseUrl = '';
  const rootScopes = options.scopes ?? ALL_SCOPES;
  const root = createPortalInstance(options, {
    host: 'emulator.bitrix24.local',
    oauth: oauthSettings,
    memberId: 'emulator',
    baseUrl: () => baseUrl,
    serverOrigin: () => baseUrl,
    tls: options.tls,
  });
  const portalDeps = new Map<string, ServerDependencies>();
  const portals = new Map<string, EmulatorPortal>();
  const rootDeps: ServerDependencies = {
    ...root.deps,
    portals: portalDeps,
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
  };
  const server = createEmulatorServer(rootDeps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const scheme = options.tls === undefined ? 'http' : 'https';
  baseUrl = `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
  const lifecycle = (instance: PortalInstance, url: string, scopes: readonly string[]) =>
    createAppLifecycle({
      portal: instance,
      portalUrl: () => url,
      serverOrigin: () => baseUrl,
      accessTtlMs: oauthSettings.accessTtlMs,
      scopes,
    });
  return {
    url: baseUrl,
    webhookUrl: `${baseUrl}/rest/${root.webhook.userId}/${root.webhook.code}/`,
    oauth: {
      tokenUrl: `${baseUrl}/oauth/token/`,
      portalUrl: `${baseUrl}/`,
      clientId: oauthSettings.clientId,
      clientSecret: oauthSettings.clientSecret,
    },
    control: root.control,
    app: lifecycle(root, baseUrl, rootScopes),
    addPortal(name, portalOptions = {}) {
      if (!PORTAL_NAME.test(name) || portals.has(name)) {
        throw new Error(`portal name "${name}" is taken or not [A-Za-z0-9_-]{1,64}`);
      }
      const url = `${baseUrl}/portals/${name}`;
      const instance = createPortalInstance(portalOptions, {
        host: `${name}.bitrix24.local`,
        oauth: oauthSettings,
        memberId: randomBytes(16).toString('hex'),
        baseUrl: () => url,
        serverOrigin: () => baseUrl,
        tls: options.tls,
      });
      const handle: EmulatorPortal = Object.assign(
        lifecycle(instance, url, portalOptions.scopes ?? ALL_SCOPES),
        {
          name,
          url,
          domain: url.replace(/^https?:\/\//, ''),
          memberId: instance.memberId,
          webhookUrl: `${url}/rest/${instance.webhook.userId}/${instance.webhook.code}/`,
          control: instance.control,
        },
      );
      portalDeps.set(name, instance.deps);
      portals.set(name, handle);
      return handle;
    },
    portal: (name) => portals.get(name),
    removePortal(name) {
      portalDeps.delete(name);
      return portals.delete(name);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
