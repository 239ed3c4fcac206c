import type { Call } from './call.js';
import { BATCH_LIMIT, runBatch, type BatchCommand } from './batch.js';
import { BitrixApiError, BitrixResponseError, isOperationLimit } from './errors.js';
import { listProfile, rowsOf, type ListProfile } from './list-profiles.js';

export const PAGE_SIZE = 50;

/** A list request whose count is wanted. */
export interface CountQuery {
  method: string;
  params: Record<string, unknown>;
}

/**
 * Counts rows matching many filters at once: each query is one batch sub-call asking for one
 * page of ids, answered by its `total`; 50 sub-calls share one HTTP request, so N counts cost
 * ceil(N / 50) requests. Sub-calls refused for the method's time budget are asked again.
 */
export async function countMany(
  call: Call,
  queries: readonly CountQuery[],
  maxRounds = 4,
): Promise<number[]> {
  const totals = new Array<number | undefined>(queries.length).fill(undefined);
  let pending = queries.map((_, index) => index);
  for (let round = 0; round < maxRounds && pending.length > 0; round++) {
    const commands: Record<string, BatchCommand> = {};
    for (const index of pending) {
      const query = queries[index] as CountQuery;
      commands[`c${index}`] = { method: query.method, params: countParams(query) };
    }
    const outcomes = await runBatch(call, commands, { kind: 'read' });
    const retry: number[] = [];
    for (const index of pending) {
      const outcome = outcomes[`c${index}`];
      if (outcome?.ok === true) {
        totals[index] =
          outcome.total ??
          rowsOf(listProfile((queries[index] as CountQuery).method), outcome.result).length;
      } else if (outcome !== undefined && isOperationLimit(outcome.error)) {
        retry.push(index);
      } else {
        throw (
          outcome?.error ?? new BitrixResponseError('batch', `c${index}`, 'missing from the answer')
        );
      }
    }
    pending = retry;
  }
  if (pending.length > 0) {
    throw new BitrixApiError(
      (queries[pending[0] ?? 0] as CountQuery).method,
      'OPERATION_TIME_LIMIT',
      'still limited after retries',
      429,
    );
  }
  return totals as number[];
}

function countParams(query: CountQuery): Record<string, unknown> {
  const profile = listProfile(query.method);
  const params: Record<string, unknown> = { ...query.params, start: 0 };
  if (profile.selectKey !== undefined) {
    params[profile.selectKey] = [profile.idField];
  }
  return params;
}

/**
 * Every row matching `params`, page by page with the fast technique from the docs: sort by id
 * ascending, filter `>ID` beyond the last row seen, `start=-1` (no count), and stop at a short
 * page. Memory stays flat: rows are yielded as they arrive. A caller's order other than by id
 * would be silently lost by this technique, so it is refused instead.
 */
export async function* scanList(
  call: Call,
  method: string,
  params: Record<string, unknown>,
): AsyncGenerator<Record<string, unknown>> {
  const profile = listProfile(method);
  assertIdOrder(profile, method, params);
  const filter = { ...((params[profile.filterKey] as Record<string, unknown> | undefined) ?? {}) };
  const callerLowerBound = Number(filter[`>${profile.idField}`] ?? 0);
  let lastId = Number.isFinite(callerLowerBound) ? callerLowerBound : 0;
  for (;;) {
    const page = await call(method, {
      ...params,
      ...profile.orderById(),
      [profile.filterKey]: { ...filter, [`>${profile.idField}`]: lastId },
      ...(profile.selectKey !== undefined && Array.isArray(params[profile.selectKey])
        ? { [profile.selectKey]: withId(params[profile.selectKey] as unknown[], profile.idField) }
        : {}),
      start: profile.fastStart ? -1 : 0,
    });
    const rows = rowsOf(profile, page.result);
    for (const row of rows) {
      yield row;
    }
    if (rows.length < PAGE_SIZE) {
      return;
    }
    const next = Number(rows[rows.length - 1]?.[profile.idField]);
    if (!Number.isFinite(next) || next <= lastId) {
      throw new BitrixResponseError(
        method,
        profile.idField,
        'ids do not increase: cannot page safely',
      );
    }
    lastId = next;
  }
}

/**
 * Every row of a moderately sized result, in the caller's order, page by page: the first page
 * tells the total, then the remaining pages are fetched by offset, 50 pages per batch request,
 * so a thousand rows cost two requests instead of twenty. Rows are yielded as each batch
 * arrives (at most 2,500 held at once). For unbounded sets prefer `scanList`: offsets make the
 * portal count the whole result.
 */
export async function* pagedRows(
  call: Call,
  method: string,
  params: Record<string, unknown>,
): AsyncGenerator<Record<string, unknown>> {
  const profile = listProfile(method);
  const first = await call(method, { ...params, start: 0 });
  const firstRows = rowsOf(profile, first.result);
  yield* firstRows;
  const total = first.total ?? firstRows.length;
  const starts: number[] = [];
  for (let start = PAGE_SIZE; start < total; start += PAGE_SIZE) {
    starts.push(start);
  }
  for (let i = 0; i < starts.length; i += BATCH_LIMIT) {
    const commands: Record<string, BatchCommand> = {};
    for (const start of starts.slice(i, i + BATCH_LIMIT)) {
      commands[`p${start}`] = { method, params: { ...params, start } };
    }
    const outcomes = await runBatch(call, commands, { kind: 'read' });
    for (const key of Object.keys(commands)) {
      const outcome = outcomes[key];
      if (outcome?.ok !== true) {
        throw outcome?.error ?? new BitrixResponseError('batch', key, 'missing from the answer');
      }
      yield* rowsOf(profile, outcome.result);
    }
  }
}

/** `pagedRows`, collected. */
export async function fetchAll(
  call: Call,
  method: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const row of pagedRows(call, method, params)) {
    rows.push(row);
  }
  return rows;
}

function assertIdOrder(profile: ListProfile, method: string, params: Record<string, unknown>) {
  const order = profile.orderOf(params) as Record<string, unknown> | undefined;
  if (order === undefined) {
    return;
  }
  const entries = Object.entries(order);
  const byIdAsc =
    entries.length === 1 &&
    entries[0]?.[0].toUpperCase() === 'ID' &&
    String(entries[0][1]).toUpperCase() === 'ASC';
  if (!byIdAsc) {
    throw new Error(
      `${method}: a full scan pages by id, so it cannot keep the order ${JSON.stringify(order)}; use fetchAll`,
    );
  }
}

function withId(select: unknown[], idField: string): unknown[] {
  return select.includes(idField) ? select : [idField, ...select];
}
