import { EmulatorError, text } from './emulator-error.js';
import type { Table } from './table.js';

export type Predicate = (index: number) => boolean;

/**
 * The key prefixes of a CRM list filter, longest first so `!%=` is not read as `!%` and a
 * field named `=…` (crm-activity-list.md: `>=`, `>`, `<=`, `<`, `@`, `!@`, `%`, `=%`, `%=`,
 * `!%`, `!%=`, `=`, `!=`, `!`).
 */
export const FILTER_KEY = /^(!%=|!@|!%|!=|>=|<=|=%|%=|>|<|=|!|@|%)?(.+)$/;

/** Compares two stored values; null sorts first, as in SQL ascending order. */
export function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) {
    return -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return text(a).localeCompare(text(b));
}

/**
 * SQL LIKE as the `=%`, `%=` and `!%=` prefixes use it: `%` in the value stands for any text
 * ("mol%" starts with mol, "%mol" ends with it, "%mol%" has it anywhere), the rest must match,
 * without regard to case (the database's collation). Only `%` is a wildcard here.
 */
function like(pattern: string): (value: string) => boolean {
  const source = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 'is');
  return (value) => regex.test(value);
}

/** The test one filter key makes of a row; `values` are already in the field's stored form. */
export function fieldTest(
  table: Table,
  field: string,
  op: string,
  values: unknown[],
  isList: boolean,
): Predicate {
  const first = values[0];
  const get = (i: number) => table.value(i, field);
  const textOf = (i: number) => text(get(i));
  const set = new Set(values);
  const pattern = text(first);
  const needle = pattern.toLowerCase();
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
      return (i) => textOf(i).toLowerCase().includes(needle);
    case '!%':
      return (i) => !textOf(i).toLowerCase().includes(needle);
    case '=%':
    case '%=': {
      const matches = like(pattern);
      return (i) => matches(textOf(i));
    }
    case '!%=': {
      const matches = like(pattern);
      return (i) => !matches(textOf(i));
    }
    default:
      throw new EmulatorError('INVALID_ARG_VALUE', `Unknown filter operator ${op}`);
  }
}
