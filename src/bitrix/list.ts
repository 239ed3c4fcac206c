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
 * Every row of a result of any size, with the documented fast technique: ordered by id,
 * filtered beyond the last id seen, `start=-1` (no count), so each page costs the portal the
 * same however deep the scan. The first request is a batch that also asks for the highest
 * matching id, so the scan knows where it ends: N rows cost ceil(N / 50) requests, without the
 * empty page that would otherwise end a multiple of 50. Rows added after the scan began (ids
 * above that bound) are left to the next scan. Rows are yielded as they arrive (memory stays
 * flat). A caller's order other than by id would be silently lost, so it is refused instead.
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
  const pageParams = (direction: 'ASC' | 'DESC', select: unknown[] | undefined) => ({
    ...params,
    ...profile.orderById(direction),
    [profile.filterKey]: { ...filter, [`>${profile.idField}`]: lastId },
    ...(profile.selectKey !== undefined && select !== undefined
      ? { [profile.selectKey]: withId(select, profile.idField) }
      : {}),
    start: profile.fastStart ? -1 : 0,
  });
  const callerSelect =
    profile.selectKey !== undefined && Array.isArray(params[profile.selectKey])
      ? (params[profile.selectKey] as unknown[])
      : undefined;
  const opening = await runBatch(
    call,
    {
      page: { method, params: pageParams('ASC', callerSelect) },
      last: {
        method,
        params: pageParams('DESC', profile.selectKey === undefined ? undefined : []),
      },
    },
    { kind: 'read' },
  );
  for (const key of ['page', 'last']) {
    const outcome = opening[key];
    if (outcome?.ok !== true) {
      throw outcome?.error ?? new BitrixResponseError('batch', key, 'missing from the answer');
    }
  }
  const firstOf = (key: string) => (opening[key] as { result: unknown }).result;
  const upper = Number(rowsOf(profile, firstOf('last'))[0]?.[profile.idField]);
  let rows = rowsOf(profile, firstOf('page'));
  for (;;) {
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
    if (Number.isFinite(upper) && next >= upper) {
      return;
    }
    lastId = next;
    rows = rowsOf(profile, (await call(method, pageParams('ASC', callerSelect))).result);
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
