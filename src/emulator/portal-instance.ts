import { randomBytes } from 'node:crypto';
import { createControl, type EmulatorControl, type EmulatorStats } from './control.js';
import { createFaultQueue } from './faults.js';
import { createLeakyBucket } from './leaky-bucket.js';
import type { MethodAnswer } from './methods/method.js';
import { createOAuthServer } from './oauth-server.js';
import { createOperatingBudget } from './operating-budget.js';
import { createPortalState, type PortalState } from './portal-state.js';
import { ALL_SCOPES } from './scopes.js';
import type { ServerDependencies } from './server.js';

/** What makes one portal: its data, its limits, its webhook and its tokens. */
export interface PortalOptions {
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
  /** The portal's clock at start; the real clock when omitted. */
  now?: Date;
  /** Fills the portal (users, CRM data) before it answers. */
  populate?: (state: PortalState) => void;
  /**
   * Answer a repeated `templateId` with the first message, as Bitrix24's im module does
   * (README, "No message twice"). Off by default: the REST docs do not promise it.
   */
  dedupeTemplateIds?: boolean;
}

export interface PortalInstance {
  deps: ServerDependencies;
  control: EmulatorControl;
  webhook: { userId: number; code: string };
  /** The portal's `member_id`: a stable unique id, as the install and events carry it. */
  memberId: string;
}

export interface PortalInstanceSettings {
  host: string;
  oauth: { clientId: string; clientSecret: string; accessTtlMs: number };
  memberId: string;
  /** The portal's own address (`https://127.0.0.1:PORT` or `…/portals/<name>`). */
  baseUrl: () => string;
  /** The shared authorization server's address (the emulator's root). */
  serverOrigin: () => string;
  tls: { key: string; cert: string } | undefined;
}

/** Builds one portal's state and handlers; the HTTP server routes requests to it. */
export function createPortalInstance(
  options: PortalOptions,
  settings: PortalInstanceSettings,
): PortalInstance {
  const state = createPortalState(settings.host, options.zone ?? 'Europe/Moscow');
  if (options.now !== undefined) {
    state.clockOffsetMs = options.now.getTime() - Date.now();
  }
  state.dedupeTemplateIds = options.dedupeTemplateIds ?? false;
  options.populate?.(state);
  const webhook = options.webhook ?? { userId: 1, code: randomBytes(8).toString('hex') };
  const scopes = options.scopes ?? ALL_SCOPES;
  const oauth = createOAuthServer({
    ...settings.oauth,
    memberId: settings.memberId,
    scopes,
    serverOrigin: settings.serverOrigin,
  });
  const faults = createFaultQueue();
  const stats: EmulatorStats = { requests: 0, byMethod: {}, byStatus: {} };
  const control = createControl({ state, faults, oauth, stats });
  const rate = options.rateLimit === undefined ? { burst: 50, perSecond: 2 } : options.rateLimit;
  const deps: ServerDependencies = {
    state,
    control,
    faults,
    oauth,
    stats,
    bucket: rate === false ? undefined : createLeakyBucket(rate.burst, rate.perSecond),
    webhook,
    baseUrl: settings.baseUrl,
    tls: settings.tls,
    dispatch: {
      scopes: new Set(scopes),
      budget: createOperatingBudget(options.operatingLimitSeconds ?? 480),
      costSeconds:
        options.costSeconds ?? ((_method, answer) => 0.002 + (answer.scanned ?? 0) * 0.00002),
      now: Date.now,
    },
  };
  return { deps, control, webhook, memberId: settings.memberId };
}
