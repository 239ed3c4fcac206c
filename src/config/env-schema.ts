import { z } from 'zod';
import { LANGUAGES } from '../domain/department/department.js';
import { describeValue } from './schema-helpers.js';

/**
 * Environment variables: secrets and endpoints. Each is documented once, here, with
 * `.describe()`; `.env.example` lists the same names (a test keeps them in sync).
 */

const WEBHOOK_PATH = /^\/rest\/(\d+)\/([A-Za-z0-9_-]+)\/?$/;

function envInt(description: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') {
        return fallback;
      }
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message:
            max === Number.MAX_SAFE_INTEGER
              ? `expected a number >= ${min}, got ${describeValue(value)}`
              : `expected a number from ${min} to ${max}, got ${describeValue(value)}`,
        });
        return z.NEVER;
      }
      return parsed;
    })
    .describe(description);
}

function optionalText(description: string) {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .describe(description);
}

export const envSchema = z
  .object({
    BITRIX_WEBHOOK_URL: optionalText(
      'Inbound webhook of the portal, https://{portal}/rest/{user_id}/{code}/ (scopes crm, user, department, telephony, im, imbot; calendar optional, for days away). Its code is a secret.',
    ),
    BITRIX_PORTAL_URL: optionalText(
      'OAuth mode: the portal address, https://{portal}/ (instead of a webhook).',
    ),
    BITRIX_CLIENT_ID: optionalText("OAuth mode: the local application's client_id."),
    BITRIX_CLIENT_SECRET: optionalText(
      "OAuth mode: the local application's client_secret (secret).",
    ),
    BITRIX_REFRESH_TOKEN: optionalText(
      'OAuth mode: the first refresh token, used once to seed the token store in Redis (secret).',
    ),
    BITRIX_OAUTH_URL: optionalText(
      'OAuth mode: the token endpoint; default https://oauth.bitrix.info/oauth/token/.',
    ),
    BITRIX_RATE_BURST: envInt(
      'Requests the portal allows in a burst: 50, or 250 on Enterprise plans.',
      50,
      1,
      10_000,
    ),
    BITRIX_RATE_PER_SECOND: envInt(
      'Requests per second the portal drains: 2, or 5 on Enterprise plans.',
      2,
      1,
      100,
    ),
    BITRIX_TIMEOUT_MS: envInt(
      'Time limit of one REST call in milliseconds (the cloud cuts at 60 s).',
      30_000,
      1_000,
      120_000,
    ),
    BITRIX_SEND_SETTLE_MS: envInt(
      'After a message send whose answer was lost (timeout, reset, 5xx, a crash), how long to wait before reading the dialog back to see whether it landed; the cloud cuts a request at 60 s.',
      75_000,
      0,
      600_000,
    ),
    BOT_CODE: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/)
      .default('standup_bot')
      .describe("The bot's code on the portal; register-bot is idempotent per code."),
    BOT_TOKEN: optionalText(
      'The imbot.v2 botToken (at most 40 characters, secret); generated and kept in Redis by register-bot when unset.',
    ).refine((value) => value === undefined || value.length <= 40, {
      message: 'expected at most 40 characters (Bitrix24 rejects longer bot tokens)',
    }),
    BOT_LANGUAGE: z
      .preprocess(
        (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
        z.enum(LANGUAGES).optional(),
      )
      .describe("Overrides the department file's language for chat messages: ru or en."),
    REDIS_URL: z
      .string()
      .default('redis://127.0.0.1:6379')
      .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
        message: 'expected redis://[user:password@]host:port[/db] (or rediss:// for TLS)',
      })
      .describe('Redis for queues, state and history.'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/)
      .default('standup')
      .describe(
        'Prefix of every key this service writes, so several departments can share a Redis.',
      ),
    DEPARTMENT_FILE: z
      .string()
      .default('config/department.yaml')
      .describe('Path of the department file (YAML): team, calendar, norms, plan.'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('pino log level.'),
    LOG_FORMAT: z
      .enum(['auto', 'json', 'pretty'])
      .default('auto')
      .describe('json for production, pretty for a terminal; auto picks pretty on a TTY.'),
    HEALTH_PORT: envInt(
      'Port of /healthz, /readyz and /metrics (0 picks a free one).',
      8080,
      0,
      65_535,
    ),
    HEALTH_HOST: z
      .string()
      .default('127.0.0.1')
      .refine((value) => /^[A-Za-z0-9.:-]+$/.test(value), {
        message: 'expected a host or an IP address',
      })
      .describe(
        'Address the health endpoint listens on: loopback by default, 0.0.0.0 in a container whose orchestrator probes it.',
      ),
    LEASE_MS: envInt(
      'How long a job or a bot event stays claimed by a process that stopped answering (killed, frozen); then another process takes it over. Work is idempotent, so a takeover repeats nothing.',
      30_000,
      1_000,
      600_000,
    ),
    HISTORY_KEEP_DAYS: envInt(
      'Days of standup history kept in Redis (who lagged, the plan, the decision, whether it held).',
      400,
      30,
      3_650,
    ),
    POLL_SLOWEST_MS: envInt(
      'How often bot events are polled outside working time (and at most when the team is quiet), in milliseconds; the bot polls every 2 s for two minutes after it sent or received anything.',
      60_000,
      1_000,
      600_000,
    ),
    PORTAL_CONCURRENCY: envInt(
      "How many jobs of one portal run at once across every worker process and machine; a portal's further jobs are delayed, not waited for, so one busy portal never holds the others' workers.",
      2,
      1,
      100,
    ),
    BITRIX_LIMIT_WAIT_MS: envInt(
      "A job that would wait longer than this for the portal's request limit gives its worker back and runs again when the limit allows (a throttled portal never holds a worker).",
      10_000,
      1_000,
      600_000,
    ),
    SHUTDOWN_TIMEOUT_MS: envInt(
      'On SIGTERM, how long running jobs may take to finish before they are left to the next process (the whole shutdown takes at most about 5 s more).',
      20_000,
      1_000,
      300_000,
    ),
    POLL_INTERVAL_MS: envInt(
      "How often idle bot events are polled (imbot.v2.Event.get), in milliseconds; at least 1000, so polling never takes more than half of the portal's 2 requests a second.",
      5_000,
      1_000,
      300_000,
    ),
  })
  .superRefine((env, ctx) => {
    if (env.BITRIX_WEBHOOK_URL !== undefined) {
      let url: URL | undefined;
      try {
        url = new URL(env.BITRIX_WEBHOOK_URL);
      } catch {
        url = undefined;
      }
      if (
        url === undefined ||
        !/^https?:$/.test(url.protocol) ||
        !WEBHOOK_PATH.test(url.pathname)
      ) {
        // Never echo the value: its path holds the webhook code.
        ctx.addIssue({
          code: 'custom',
          path: ['BITRIX_WEBHOOK_URL'],
          message:
            'expected https://{portal}/rest/{user_id}/{code}/ (value not shown: it holds a secret)',
        });
      }
    } else if (env.BITRIX_PORTAL_URL !== undefined || env.BITRIX_CLIENT_ID !== undefined) {
      for (const key of [
        'BITRIX_PORTAL_URL',
        'BITRIX_CLIENT_ID',
        'BITRIX_CLIENT_SECRET',
      ] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'required in OAuth mode' });
        }
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

/** How the service reaches the portal, resolved from the environment. */
export type BitrixAuthConfig =
  | { kind: 'webhook'; baseUrl: string; userId: number; secret: string }
  | {
      kind: 'oauth';
      portalUrl: string;
      clientId: string;
      clientSecret: string;
      oauthUrl: string;
      initialRefreshToken: string | undefined;
    };

/** Splits the webhook URL into its public base and its secret code, or reads OAuth settings. */
export function resolveBitrixAuth(env: Env): BitrixAuthConfig | undefined {
  if (env.BITRIX_WEBHOOK_URL !== undefined) {
    const url = new URL(env.BITRIX_WEBHOOK_URL);
    const match = WEBHOOK_PATH.exec(url.pathname);
    if (match === null) {
      return undefined;
    }
    return {
      kind: 'webhook',
      baseUrl: `${url.origin}/rest/`,
      userId: Number(match[1]),
      secret: match[2] ?? '',
    };
  }
  if (
    env.BITRIX_PORTAL_URL !== undefined &&
    env.BITRIX_CLIENT_ID !== undefined &&
    env.BITRIX_CLIENT_SECRET !== undefined
  ) {
    return {
      kind: 'oauth',
      portalUrl: env.BITRIX_PORTAL_URL.replace(/\/+$/, '') + '/',
      clientId: env.BITRIX_CLIENT_ID,
      clientSecret: env.BITRIX_CLIENT_SECRET,
      oauthUrl: env.BITRIX_OAUTH_URL ?? 'https://oauth.bitrix.info/oauth/token/',
      initialRefreshToken: env.BITRIX_REFRESH_TOKEN,
    };
  }
  return undefined;
}
