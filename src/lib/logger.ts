import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Secrets } from './secrets.js';

export type { Logger };

export interface CreateLoggerOptions {
  level: string;
  format: 'auto' | 'json' | 'pretty';
  secrets: Secrets;
  /**
   * Where lines go; standard error by default, so that standard output carries only a
   * command's result (`report --json | jq` stays valid JSON whatever is logged). Tests pass a
   * Writable to read the output.
   */
  destination?: NodeJS.WritableStream;
  name?: string;
}

/** Keys whose values are secrets wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'auth',
  '*.auth',
  'application_token',
  '*.application_token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'client_secret',
  '*.client_secret',
  'botToken',
  '*.botToken',
  '*.*.botToken',
  'webhookUrl',
  '*.webhookUrl',
  'BITRIX_WEBHOOK_URL',
  '*.BITRIX_WEBHOOK_URL',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * The one root logger. JSON in production, readable lines in a terminal. Two layers keep
 * secrets out: pino's `redact` for known keys, and a last pass over every written line that
 * masks webhook codes, tokens in query strings and every secret registered in `secrets`.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const destination = options.destination ?? process.stderr;
  const usePretty =
    options.format === 'pretty' ||
    (options.format === 'auto' && (destination as { isTTY?: boolean }).isTTY === true);
  const stream = usePretty
    ? pretty({
        destination,
        colorize: (destination as { isTTY?: boolean }).isTTY === true,
        sync: true,
      })
    : destination;
  return pino(
    {
      level: options.level,
      name: options.name,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: (line) => options.secrets.scrub(line) },
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    stream,
  );
}
