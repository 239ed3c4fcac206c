import { runBatch } from './batch.js';
import { EmulatorError } from './emulator-error.js';
import { calendarMethods } from './methods/calendar-methods.js';
import { crmMethods } from './methods/crm-methods.js';
import { eventMethods } from './methods/event-methods.js';
import { currentUserMethods } from './methods/current-user-methods.js';
import { imbotMethods } from './methods/imbot-methods.js';
import { imbotListMethods } from './methods/imbot-list-methods.js';
import { imbotReadMethods } from './methods/imbot-read-methods.js';
import { peopleMethods } from './methods/people-methods.js';
import type { CallerContext, MethodAnswer, MethodDefinition } from './methods/method.js';
import { systemMethods } from './methods/system-methods.js';
import type { OperatingBudget } from './operating-budget.js';
import type { PortalState } from './portal-state.js';
import { formatTime } from './table.js';

const DEFINITIONS: Record<string, MethodDefinition> = {
  ...crmMethods,
  ...currentUserMethods,
  ...eventMethods,
  ...imbotMethods,
  ...imbotReadMethods,
  ...imbotListMethods,
  ...calendarMethods,
  ...peopleMethods,
  ...systemMethods(() =>
    Object.entries(DEFINITIONS).map(([name, definition]) => [name, definition.scope]),
  ),
};

const METHODS = new Map<string, MethodDefinition>(
  Object.entries(DEFINITIONS).map(([name, definition]) => [name.toLowerCase(), definition]),
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
      const result = runBatch(params, (name, subParams) => {
        const subStarted = options.now();
        const answer = execute(name, subParams, context, options);
        // A sub-call's time has no operating fields: the batch page's result_time shows none.
        const {
          operating: _o,
          operating_reset_at: _r,
          ...time
        } = timeOf(subStarted, options, name, context.state);
        return { answer, time };
      });
      return {
        status: 200,
        body: { result, time: timeOf(started, options, undefined, context.state) },
      };
    }
    const answer = execute(method, params, context, options);
    return {
      status: 200,
      body: {
        result: answer.result,
        ...(answer.total === undefined ? {} : { total: answer.total }),
        ...(answer.next === undefined ? {} : { next: answer.next }),
        time: timeOf(started, options, method, context.state),
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

/**
 * The answer's `time` (api-reference/data-types.md#time). Durations come from the real clock;
 * `date_start` and `date_finish` are on the portal's clock, like server.time and the data.
 */
function timeOf(
  started: number,
  options: DispatchOptions,
  method: string | undefined,
  state: PortalState,
) {
  const finished = options.now();
  const zone = state.zone;
  const shift = state.clockOffsetMs;
  return {
    start: started / 1000,
    finish: finished / 1000,
    duration: (finished - started) / 1000,
    processing: (finished - started) / 1000,
    date_start: formatTime(started + shift, zone),
    date_finish: formatTime(finished + shift, zone),
    ...(method === undefined
      ? {}
      : {
          operating_reset_at: options.budget.resetAt(method, finished),
          operating: options.budget.spent(method, finished),
        }),
  };
}
