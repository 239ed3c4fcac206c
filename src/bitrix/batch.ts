import { z } from 'zod';
import type { Call, CallOptions } from './call.js';
import { timeSchema } from './envelope.js';
import { BitrixApiError, BitrixResponseError } from './errors.js';
import { toPhpQuery } from './php-query.js';

export const BATCH_LIMIT = 50;

export interface BatchCommand {
  method: string;
  params?: Record<string, unknown>;
}

export type BatchOutcome<T = unknown> =
  | { ok: true; result: T; total: number | undefined; next: number | undefined }
  | { ok: false; error: BitrixApiError };

/** Bitrix24 answers an empty map as `[]`, and a map with keys 0..n as an array. */
const mapOf = <T extends z.ZodType>(value: T) =>
  z
    .union([z.record(z.string(), value), z.array(value)])
    .transform((v) =>
      Array.isArray(v) ? Object.fromEntries(v.map((item, i) => [String(i), item])) : v,
    );

const batchResultSchema = z.object({
  result: mapOf(z.unknown()).default({}),
  result_error: mapOf(
    z.object({ error: z.unknown(), error_description: z.unknown().optional() }),
  ).default({}),
  result_total: mapOf(z.coerce.number()).default({}),
  result_next: mapOf(z.coerce.number()).default({}),
  result_time: mapOf(timeSchema).default({}),
});

/** `method?php-query`, the form of one batch sub-call. */
export function toBatchCommand(command: BatchCommand): string {
  const query = toPhpQuery(command.params ?? {});
  return query === '' ? command.method : `${command.method}?${query}`;
}

/**
 * Runs any number of sub-calls, 50 per HTTP request (a batch counts as one request for the
 * rate limit). Each key gets its own outcome: a failed sub-call does not fail the others, and
 * its error is kept whole (code and description), never reduced to one string.
 */
export async function runBatch(
  call: Call,
  commands: Record<string, BatchCommand>,
  options: CallOptions & { halt?: boolean } = { kind: 'read' },
): Promise<Record<string, BatchOutcome>> {
  const keys = Object.keys(commands);
  const outcomes: Record<string, BatchOutcome> = {};
  for (let start = 0; start < keys.length; start += BATCH_LIMIT) {
    const chunk = keys.slice(start, start + BATCH_LIMIT);
    const cmd = Object.fromEntries(
      chunk.map((key) => [key, toBatchCommand(commands[key] as BatchCommand)]),
    );
    const envelope = await call(
      'batch',
      { halt: options.halt ? 1 : 0, cmd },
      { kind: options.kind },
    );
    const parsed = batchResultSchema.safeParse(envelope.result);
    if (!parsed.success) {
      throw new BitrixResponseError(
        'batch',
        parsed.error.issues[0]?.path.join('.') ?? 'result',
        parsed.error.issues[0]?.message ?? 'unexpected',
      );
    }
    const { result, result_error, result_total, result_next } = parsed.data;
    for (const key of chunk) {
      const failure = result_error[key];
      const method = (commands[key] as BatchCommand).method;
      if (failure !== undefined) {
        outcomes[key] = {
          ok: false,
          error: new BitrixApiError(
            method,
            String(failure.error),
            typeof failure.error_description === 'string' ? failure.error_description : '',
            200,
          ),
        };
      } else if (key in result) {
        outcomes[key] = {
          ok: true,
          result: result[key],
          total: result_total[key],
          next: result_next[key],
        };
      } else {
        // halt=1 stopped before this key; report it rather than invent a result.
        outcomes[key] = {
          ok: false,
          error: new BitrixApiError(
            method,
            'BATCH_NOT_EXECUTED',
            'not executed: an earlier sub-call failed and halt was set',
            200,
          ),
        };
      }
    }
  }
  return outcomes;
}
