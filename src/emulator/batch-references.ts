import { EmulatorError } from './emulator-error.js';

const WHOLE = /^\$result\[([^\]]+)\]((?:\[[^\]]*\])*)$/;
const EMBEDDED = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g;

/**
 * Replaces `$result[key][field]...` in a sub-call's parameters by the value an earlier sub-call
 * answered (settings/how-to-call-rest-api/batch.md: `$result[get_user][UF_DEPARTMENT][0]`,
 * `$result[key][0][ID]` for a list). A parameter that is a reference alone takes the value as
 * it is (a number, an array); one inside a longer text takes it as text.
 *
 * A reference that leads nowhere (an unknown key, a failed sub-call, a missing field, null, or
 * an array inside a text) is not documented. The portal's own code, as an unofficial mirror of
 * it shows (bitrix24-core-corp, CRestUtil::processBatchElement), puts in the part of the path
 * it could follow, so `ID=$result[get_user][UF_DEPARTMENT][0]` without UF_DEPARTMENT filters
 * by the whole user record, which can widen a query to every row. The emulator chooses the
 * safe side instead: the sub-call fails with INVALID_ARG_VALUE in `result_error`, so a test
 * never passes on a silently widened answer.
 */
export function resolveReferences(value: unknown, results: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole !== null) {
      return lookup(results, value, whole[1] ?? '', whole[2] ?? '');
    }
    return value.replace(EMBEDDED, (reference, key: string, path: string) => {
      const found = lookup(results, reference, key, path);
      if (typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean') {
        return String(found);
      }
      throw unresolvable(reference);
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]),
    );
  }
  return value;
}

function lookup(
  results: Record<string, unknown>,
  reference: string,
  key: string,
  path: string,
): unknown {
  let value: unknown = Object.hasOwn(results, key) ? results[key] : undefined;
  for (const [, part = ''] of path.matchAll(/\[([^\]]*)\]/g)) {
    value =
      typeof value === 'object' && value !== null && Object.hasOwn(value, part)
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  if (value === undefined || value === null) {
    throw unresolvable(reference);
  }
  return value;
}

function unresolvable(reference: string): EmulatorError {
  return new EmulatorError(
    'INVALID_ARG_VALUE',
    `Batch reference ${reference} does not resolve to a value of an earlier result`,
  );
}
