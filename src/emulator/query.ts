import { arrayish, asRecord, EmulatorError, text } from './emulator-error.js';
import type { Table } from './table.js';

type Predicate = (index: number) => boolean;

const OPERATOR = /^(>=|<=|!=|!@|!%|=%|%=|>|<|=|!|@|%)?(.+)$/;

/**
 * Compiles a Bitrix24 list filter (`{ ">=CREATED": "…", "@TYPE_ID": [1, 2], "!COMPLETED": "Y" }`)
 * into a predicate over table rows, and picks the owner index when the filter names owners.
 */
export function compileFilter(
  table: Table,
  filter: unknown,
): { predicate: Predicate; owners: number[] | undefined } {
  const tests: Predicate[] = [];
  let owners: number[] | undefined;
  for (const [rawKey, rawValue] of Object.entries(asRecord(filter))) {
    const match = OPERATOR.exec(rawKey);
    const op = match?.[1] ?? '';
    const field = resolveField(table, match?.[2] ?? rawKey);
    const list = arrayish(rawValue);
    const values = (list ?? [rawValue]).map((v) => table.toStored(field, v));
    if (field === table.ownerField && (op === '' || op === '=' || op === '@')) {
      owners = values.filter((v): v is number => typeof v === 'number');
    }
    tests.push(fieldTest(table, field, op, values, list !== undefined));
  }
  return { predicate: (index) => tests.every((test) => test(index)), owners };
}

function resolveField(table: Table, name: string): string {
  if (name in table.fields) {
    return name;
  }
  const found = Object.keys(table.fields).find((key) => key.toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    throw new EmulatorError(
      'INVALID_ARG_VALUE',
      `Invalid filter: field '${name}' is not allowed in filter`,
    );
  }
  return found;
}

function fieldTest(
  table: Table,
  field: string,
  op: string,
  values: unknown[],
  isList: boolean,
): Predicate {
  const first = values[0];
  const get = (i: number) => table.value(i, field);
  const set = new Set(values);
  switch (op) {
    case '':
    case '=':
    case '@':
      return isList || op === '@' ? (i) => set.has(get(i)) : (i) => get(i) === first;
    case '!':
    case '!=':
    case '!@':
      return (i) => !set.has(get(i));
    case '>':
      return (i) => compare(get(i), first) > 0;
    case '>=':
      return (i) => compare(get(i), first) >= 0;
    case '<':
      return (i) => compare(get(i), first) < 0;
    case '<=':
      return (i) => compare(get(i), first) <= 0;
    case '%':
      return (i) =>
        String(get(i) ?? '')
          .toLowerCase()
          .includes(String(first).toLowerCase());
    case '!%':
      return (i) =>
        !String(get(i) ?? '')
          .toLowerCase()
          .includes(String(first).toLowerCase());
    case '=%':
      return (i) =>
        String(get(i) ?? '')
          .toLowerCase()
          .startsWith(String(first).toLowerCase().replace(/%$/, ''));
    case '%=':
      return (i) =>
        String(get(i) ?? '')
          .toLowerCase()
          .endsWith(String(first).toLowerCase().replace(/^%/, ''));
    default:
      throw new EmulatorError('INVALID_ARG_VALUE', `Unknown filter operator ${op}`);
  }
}

function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) {
    return -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return text(a).localeCompare(text(b));
}

export interface ListRequest {
  filter: unknown;
  order: unknown;
  select: string[];
  start: number;
}

export const PAGE = 50;

/** One page of a list, with the envelope's `total` and `next` as Bitrix24 computes them. */
export function listPage(
  table: Table,
  request: ListRequest,
): { rows: Record<string, unknown>[]; total: number; next?: number } {
  const { predicate, owners } = compileFilter(table, request.filter);
  let matched = table.candidates(owners).filter(predicate);
  matched = sortRows(table, matched, request.order);
  if (request.start === -1) {
    // The fast technique: no count is computed, so total is 0 and there is no next.
    return { rows: matched.slice(0, PAGE).map((i) => table.show(i, request.select)), total: 0 };
  }
  const start = Math.max(0, request.start);
  const page = matched.slice(start, start + PAGE);
  const next = start + PAGE < matched.length ? start + PAGE : undefined;
  return {
    rows: page.map((i) => table.show(i, request.select)),
    total: matched.length,
    ...(next === undefined ? {} : { next }),
  };
}

function sortRows(table: Table, rows: number[], order: unknown): number[] {
  const entries = Object.entries(asRecord(order));
  if (entries.length === 0) {
    return rows;
  }
  const keys = entries.map(([field, direction]) => ({
    field: resolveField(table, field),
    sign: String(direction).toUpperCase() === 'DESC' ? -1 : 1,
  }));
  return [...rows].sort((a, b) => {
    for (const { field, sign } of keys) {
      const c = compare(table.value(a, field), table.value(b, field));
      if (c !== 0) {
        return c * sign;
      }
    }
    return a - b;
  });
}

/** `select` as a list of known fields; `*` or nothing means every field. */
export function selectFields(table: Table, select: unknown): string[] {
  const list = arrayish(select)?.map(String) ?? [];
  const all = [...Object.keys(table.fields), ...Object.keys(table.constants)];
  if (list.length === 0 || list.includes('*')) {
    return all;
  }
  return list
    .map((name) => all.find((key) => key.toLowerCase() === name.toLowerCase()))
    .filter((name): name is string => name !== undefined);
}
