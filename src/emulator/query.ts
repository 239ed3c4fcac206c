import { arrayish, asRecord, EmulatorError } from './emulator-error.js';
import { compare, FILTER_KEY, fieldTest, type Predicate } from './filter-operators.js';
import type { Table } from './table.js';

/** Filter keys a method reads itself, such as crm.activity.list's BINDINGS. */
export type SpecialFilters = Record<string, (table: Table, value: unknown) => Predicate>;

/**
 * Compiles a Bitrix24 list filter (`{ ">=CREATED": "…", "@TYPE_ID": [1, 2], "!COMPLETED": "Y" }`)
 * into a predicate over table rows, and picks the owner index when the filter names owners.
 */
export function compileFilter(
  table: Table,
  filter: unknown,
  special: SpecialFilters = {},
): { predicate: Predicate; owners: number[] | undefined } {
  const tests: Predicate[] = [];
  let owners: number[] | undefined;
  for (const [rawKey, rawValue] of Object.entries(asRecord(filter))) {
    const own = special[rawKey.toUpperCase()];
    if (own !== undefined) {
      tests.push(own(table, rawValue));
      continue;
    }
    const match = FILTER_KEY.exec(rawKey);
    const op = match?.[1] ?? '';
    const field = resolveField(table, match?.[2] ?? rawKey, 'filter');
    const list = arrayish(rawValue);
    const values = (list ?? [rawValue]).map((v) => table.toStored(field, v));
    if (field === table.ownerField && (op === '' || op === '=' || op === '@')) {
      owners = values.filter((v): v is number => typeof v === 'number');
    }
    tests.push(fieldTest(table, field, op, values, list !== undefined));
  }
  return { predicate: (index) => tests.every((test) => test(index)), owners };
}

/**
 * A field by name, in any case. An unknown one is refused with the documented texts of
 * crm.item.list (crm/universal/crm-item-list.md, "Possible Error Codes"): "Invalid filter:
 * field '…' is not allowed in filter", "Invalid order: field '…' is not allowed in order".
 */
function resolveField(table: Table, name: string, where: 'filter' | 'order'): string {
  if (name in table.fields) {
    return name;
  }
  const found = Object.keys(table.fields).find((key) => key.toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    throw new EmulatorError(
      'INVALID_ARG_VALUE',
      `Invalid ${where}: field '${name}' is not allowed in ${where}`,
    );
  }
  return found;
}

export interface ListRequest {
  filter: unknown;
  order: unknown;
  select: string[];
  start: number;
  special?: SpecialFilters;
}

export const PAGE = 50;

/** One page of a list, with the envelope's `total` and `next` as Bitrix24 computes them. */
export function listPage(
  table: Table,
  request: ListRequest,
): { rows: Record<string, unknown>[]; total: number; next?: number } {
  const { predicate, owners } = compileFilter(table, request.filter, request.special);
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
  const keys = entries.map(([name, direction]) => {
    const field = resolveField(table, name, 'order');
    const word = String(direction).toUpperCase();
    if (word !== 'ASC' && word !== 'DESC') {
      throw new EmulatorError(
        'INVALID_ARG_VALUE',
        `Invalid order: allowed sort directions are ASC, DESC. But got '${String(direction)}' for field '${name}'`,
      );
    }
    return { field, sign: word === 'DESC' ? -1 : 1 };
  });
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
