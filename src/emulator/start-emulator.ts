import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createControl, type EmulatorControl, type EmulatorStats } from './control.js';
import { createFaultQueue } from './faults.js';
import { createLeakyBucket } from './leaky-bucket.js';
import type { MethodAnswer } from './methods/method.js';
import { createOAuthServer } from './oauth-server.js';
import { createOperatingBudget } from './operating-budget.js';
import { createPortalState, type PortalState } from './portal-state.js';
import { ALL_SCOPES } from './scopes.js';
import { createEmulatorServer } from './server.js';

export { ALL_SCOPES };

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

export interface Emulator {
  /** `http://127.0.0.1:<port>`, or https with `tls` */
  url: string;
  /** The inbound webhook to put in BITRIX_WEBHOOK_URL. */
  webhookUrl: string;
  oauth: { tokenUrl: string; portalUrl: string; clientId: string; clientSecret: string };
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts a Bitrix24 portal emulator on loopback (port 0 picks a free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const state = createPortalState('emulator.bitrix24.local', options.zone ?? 'Europe/Moscow');
  if (options.now !== undefined) {
    state.clockOffsetMs = options.now.getTime() - Date.now();
  }
  state.dedupeTemplateIds = options.dedupeTemplateIds ?? false;
  options.populate?.(state);
  const webhook = options.webhook ?? { userId: 1, code: randomBytes(8).toString('hex') };
  const oauthSettings = options.oauth ?? {
    clientId: 'local.emulator',
    clientSecret: randomBytes(12).toString('hex'),
    accessTtlMs: 3_600_000,
  };
  const scopes = options.scopes ?? ALL_SCOPES;
  const oauth = createOAuthServer({ ...oauthSettings, memberId: 'emulator', scopes });
  const faults = createFaultQueue();
  const stats: EmulatorStats = { requests: 0, byMethod: {}, byStatus: {} };
  const control = createControl({ state, faults, oauth, stats });
  const rate = options.rateLimit === undefined ? { burst: 50, perSecond: 2 } : options.rateLimit;
  let baseUrl = '';
  const server = createEmulatorServer({
    state,
    control,
    faults,
    oauth,
    stats,
    bucket: rate === false ? undefined : createLeakyBucket(rate.burst, rate.perSecond),
    webhook,
    baseUrl: () => baseUrl,
    tls: options.tls,
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    dispatch: {
      scopes: new Set(scopes),
      budget: createOperatingBudget(options.operatingLimitSeconds ?? 480),
      costSeconds:
        options.costSeconds ?? ((_method, answer) => 0.002 + (answer.scanned ?? 0) * 0.00002),
      now: Date.now,
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const scheme = options.tls === undefined ? 'http' : 'https';
  baseUrl = `${scheme}://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    webhookUrl: `${baseUrl}/rest/${webhook.userId}/${webhook.code}/`,
    oauth: {
      tokenUrl: `${baseUrl}/oauth/token/`,
      portalUrl: `${baseUrl}/`,
      clientId: oauthSettings.clientId,
      clientSecret: oauthSettings.clientSecret,
    },
    control,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
