import { fromPhpQuery } from '../bitrix/php-query.js';
import { arrayish, asRecord, EmulatorError, text } from './emulator-error.js';
import { calendarMethods } from './methods/calendar-methods.js';
import { crmMethods } from './methods/crm-methods.js';
import { imbotMethods } from './methods/imbot-methods.js';
import { imbotReadMethods } from './methods/imbot-read-methods.js';
import type { CallerContext, MethodAnswer, MethodDefinition } from './methods/method.js';
import type { OperatingBudget } from './operating-budget.js';
import { formatTime } from './table.js';

const METHODS = new Map<string, MethodDefinition>(
  Object.entries({ ...crmMethods, ...imbotMethods, ...imbotReadMethods, ...calendarMethods }).map(
    ([name, definition]) => [name.toLowerCase(), definition],
  ),
);

export interface DispatchOptions {
  scopes: ReadonlySet<string>;
  budget: OperatingBudget;
  /** Simulated execution time of one call, in seconds. */
  costSeconds: (method: string, answer: MethodAnswer) => number;
  now: () => number;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Runs one method (or a batch) and returns the HTTP status and body Bitrix24 would send. */
export function dispatch(
  method: string,
  params: Record<string, unknown>,
  context: CallerContext,
  options: DispatchOptions,
): Answer {
  const started = options.now();
  try {
    if (method.toLowerCase() === 'batch') {
      return {
        status: 200,
        body: {
          result: runBatch(params, context, options),
          time: timeOf(started, options, undefined, context.state.zone),
        },
      };
    }
    const answer = execute(method, params, context, options);
    return {
      status: 200,
      body: {
        result: answer.result,
        ...(answer.total === undefined ? {} : { total: answer.total }),
        ...(answer.next === undefined ? {} : { next: answer.next }),
        time: timeOf(started, options, method, context.state.zone),
      },
    };
  } catch (error) {
    if (error instanceof EmulatorError) {
      return {
        status: error.status,
        body: { error: error.code, error_description: error.description },
      };
    }
    return {
      status: 500,
      body: { error: 'INTERNAL_SERVER_ERROR', error_description: String(error) },
    };
  }
}

function execute(
  method: string,
  params: Record<string, unknown>,
  context: CallerContext,
  options: DispatchOptions,
): MethodAnswer {
  const definition = METHODS.get(method.toLowerCase());
  if (definition === undefined) {
    throw new EmulatorError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404);
  }
  if (definition.scope !== 'basic' && !options.scopes.has(definition.scope)) {
    throw new EmulatorError(
      'insufficient_scope',
      'The request requires higher privileges than provided by the webhook token',
      403,
    );
  }
  if (options.budget.isBlocked(method, options.now())) {
    throw new EmulatorError(
      'OPERATION_TIME_LIMIT',
      'Method is blocked due to operation time limit.',
      429,
    );
  }
  const answer = definition.handler(params, context);
  options.budget.record(method, options.costSeconds(method, answer), options.now());
  return answer;
}

function timeOf(
  started: number,
  options: DispatchOptions,
  method: string | undefined,
  zone: string,
) {
  const finished = options.now();
  return {
    start: started / 1000,
    finish: finished / 1000,
    duration: (finished - started) / 1000,
    processing: (finished - started) / 1000,
    date_start: formatTime(started, zone),
    date_finish: formatTime(finished, zone),
    ...(method === undefined
      ? {}
      : {
          operating_reset_at: options.budget.resetAt(method, finished),
          operating: options.budget.spent(method, finished),
        }),
  };
}

const REFERENCE = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g;

/** `batch`: up to 50 sub-calls in order, `$result[...]` references, per-key errors, `[]` for empty maps. */
function runBatch(
  params: Record<string, unknown>,
  context: CallerContext,
  options: DispatchOptions,
) {
  const cmdRaw = params.cmd;
  const commands = Object.entries(
    arrayish(cmdRaw) !== undefined
      ? Object.fromEntries((arrayish(cmdRaw) ?? []).map((v, i) => [String(i), v]))
      : asRecord(cmdRaw),
  );
  if (commands.length > 50) {
    throw new EmulatorError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
  }
  const halt = params.halt === 1 || params.halt === '1' || params.halt === true;
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  const totals: Record<string, number> = {};
  const nexts: Record<string, number> = {};
  const times: Record<string, unknown> = {};
  for (const [key, raw] of commands) {
    const text = String(raw);
    const [name = '', query = ''] = text.split(/\?(.*)/s);
    const started = options.now();
    try {
      if (name.toLowerCase() === 'batch') {
        throw new EmulatorError(
          'ERROR_BATCH_METHOD_NOT_ALLOWED',
          'Method is not allowed for batch usage',
          405,
        );
      }
      const answer = execute(
        name,
        resolveReferences(fromPhpQuery(query), result) as Record<string, unknown>,
        context,
        options,
      );
      result[key] = answer.result;
      if (answer.total !== undefined) {
        totals[key] = answer.total;
      }
      if (answer.next !== undefined) {
        nexts[key] = answer.next;
      }
      const {
        operating: _o,
        operating_reset_at: _r,
        ...time
      } = timeOf(started, options, name, context.state.zone);
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

/** Replaces `$result[key][field]...` in sub-call parameters by values of earlier results. */
function resolveReferences(value: unknown, results: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$result\[([^\]]+)\]((?:\[[^\]]*\])*)$/.exec(value);
    if (whole !== null) {
      return lookup(results, whole[1] ?? '', whole[2] ?? '');
    }
    return value.replace(REFERENCE, (_m, key: string, path: string) =>
      text(lookup(results, key, path)),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]),
    );
  }
  return value;
}

function lookup(results: Record<string, unknown>, key: string, path: string): unknown {
  let value: unknown = results[key];
  for (const part of [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '')) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value;
}
