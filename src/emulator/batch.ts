import { fromPhpQuery } from '../bitrix/php-query.js';
import { resolveReferences } from './batch-references.js';
import { arrayish, asRecord, EmulatorError } from './emulator-error.js';
import type { MethodAnswer } from './methods/method.js';

/** At most 50 sub-calls in one batch (settings/how-to-call-rest-api/batch.md). */
export const BATCH_LIMIT = 50;

/** Runs one sub-call: its answer and its `time`, or throws its error. */
export type RunSubCall = (
  method: string,
  params: Record<string, unknown>,
) => { answer: MethodAnswer; time: Record<string, unknown> };

/**
 * `batch` (settings/how-to-call-rest-api/batch.md): sub-calls in order, `$result[...]`
 * references to earlier results, each failure kept under its key with HTTP 200, `halt` stops
 * at the first failure, and `[]` for an empty map.
 *
 * More than 50 sub-calls: the docs say it two ways. The batch page's note says "subqueries
 * beyond the limit will end with an error ERROR_BATCH_LENGTH_EXCEEDED"; its error table and
 * the system errors list a 400 for the whole call. The emulator follows the note (the method
 * page's own words, and what integrators report from live portals): the first 50 run, each
 * one beyond ends in `result_error`. The product's client never sends more than 50 and reads
 * both forms (test/unit/bitrix/doc-variants.test.ts).
 */
export function runBatch(params: Record<string, unknown>, runSubCall: RunSubCall) {
  const list = arrayish(params.cmd);
  const commands = Object.entries(
    list !== undefined
      ? Object.fromEntries(list.map((v, i) => [String(i), v]))
      : asRecord(params.cmd),
  );
  const halt = params.halt === 1 || params.halt === '1' || params.halt === true;
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  const totals: Record<string, number> = {};
  const nexts: Record<string, number> = {};
  const times: Record<string, unknown> = {};
  for (const [index, [key, raw]] of commands.entries()) {
    try {
      if (index >= BATCH_LIMIT) {
        throw new EmulatorError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
      }
      const [name = '', query = ''] = String(raw).split(/\?(.*)/s);
      if (name.toLowerCase() === 'batch') {
        throw new EmulatorError(
          'ERROR_BATCH_METHOD_NOT_ALLOWED',
          'Method is not allowed for batch usage',
          405,
        );
      }
      const resolved = resolveReferences(fromPhpQuery(query), result) as Record<string, unknown>;
      const { answer, time } = runSubCall(name, resolved);
      result[key] = answer.result;
      if (answer.total !== undefined) {
        totals[key] = answer.total;
      }
      if (answer.next !== undefined) {
        nexts[key] = answer.next;
      }
      times[key] = time;
    } catch (error) {
      const e =
        error instanceof EmulatorError
          ? error
          : new EmulatorError('INTERNAL_SERVER_ERROR', String(error), 500);
      errors[key] = { error: e.code, error_description: e.description };
      if (halt) {
        break;
      }
    }
  }
  const mapOrEmpty = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? [] : map);
  return {
    result: mapOrEmpty(result),
    result_error: mapOrEmpty(errors),
    result_total: mapOrEmpty(totals),
    result_next: mapOrEmpty(nexts),
    result_time: mapOrEmpty(times),
  };
}
