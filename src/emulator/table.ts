import { DateTime } from 'luxon';
import { EmulatorError } from './emulator-error.js';

/**
 * How a field is stored and shown: ids and numbers as numbers; `time` as epoch milliseconds
 * shown as ISO 8601 in the portal's offset; `yn` as a boolean shown as "Y"/"N". The `show`
 * form follows the documentation of each method (old methods show numbers as strings).
 */
export type FieldType = 'id' | 'int' | 'money' | 'time' | 'text' | 'yn';

export interface FieldDef {
  type: FieldType;
  /** How the value is written in answers: `string` for the old methods, `native` for crm.item. */
  show: 'string' | 'native';
}

export type Row = Record<string, number | string | boolean | null>;

/**
 * A column store, so a portal can hold a million activities in little memory and count them
 * quickly: rows are kept in id order, with an index per owner field (the manager).
 */
export class Table {
  readonly #columns = new Map<string, (number | string | boolean | null)[]>();
  readonly #byOwner = new Map<number, number[]>();
  #size = 0;

  constructor(
    readonly fields: Readonly<Record<string, FieldDef>>,
    readonly idField: string,
    readonly ownerField: string,
    readonly zone: string,
    /** Fields with the same value on every row (shown when selected, never filtered on). */
    readonly constants: Readonly<Record<string, unknown>> = {},
  ) {
    for (const name of Object.keys(fields)) {
      this.#columns.set(name, []);
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a row; its id is the next one, so rows stay in id order. */
  add(values: Row): number {
    const index = this.#size++;
    const id = index + 1;
    for (const [name, column] of this.#columns) {
      column.push(name === this.idField ? id : (values[name] ?? null));
    }
    const owner = values[this.ownerField];
    if (typeof owner === 'number') {
      let list = this.#byOwner.get(owner);
      if (list === undefined) {
        list = [];
        this.#byOwner.set(owner, list);
      }
      list.push(index);
    }
    return id;
  }

  value(index: number, field: string): number | string | boolean | null {
    return this.#columns.get(field)?.[index] ?? null;
  }

  set(index: number, field: string, value: number | string | boolean | null): void {
    const column = this.#columns.get(field);
    if (column === undefined || field === this.idField || field === this.ownerField) {
      throw new Error(`cannot set ${field}`);
    }
    column[index] = value;
  }

  /** Row indexes of these owners, in id order; all rows when `owners` is undefined. */
  candidates(owners: readonly number[] | undefined): number[] {
    if (owners === undefined) {
      return Array.from({ length: this.#size }, (_, i) => i);
    }
    if (owners.length === 1) {
      return this.#byOwner.get(owners[0] as number) ?? [];
    }
    return owners.flatMap((owner) => this.#byOwner.get(owner) ?? []).sort((a, b) => a - b);
  }

  /** A row as the method shows it, with only the `select`ed fields. */
  show(index: number, select: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of select) {
      const def = this.fields[name];
      if (def !== undefined) {
        out[name] = showValue(def, this.value(index, name), this.zone);
      } else if (name in this.constants) {
        out[name] = this.constants[name];
      }
    }
    return out;
  }

  /** Converts a filter or input value to the stored form of `field`. */
  toStored(field: string, value: unknown): number | string | boolean | null {
    const def = this.fields[field];
    if (def === undefined) {
      throw new EmulatorError(
        'INVALID_ARG_VALUE',
        `Invalid filter: field '${field}' is not allowed in filter`,
      );
    }
    return storedValue(def, value, this.zone, field);
  }
}

/**
 * Epoch milliseconds as every date in an answer: `YYYY-MM-DDThh:mm:ss±hh:mm` in the portal's
 * offset, whole seconds (the format of api-reference/data-types.md; `+00:00`, never `Z`).
 */
export function formatTime(ms: number, zone: string): string {
  return DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone }).toFormat(
    "yyyy-MM-dd'T'HH:mm:ssZZ",
  );
}

function showValue(def: FieldDef, value: number | string | boolean | null, zone: string): unknown {
  if (value === null) {
    return null;
  }
  switch (def.type) {
    case 'time':
      return formatTime(value as number, zone);
    case 'yn':
      return value === true ? 'Y' : 'N';
    case 'id':
    case 'int':
    case 'money':
      return def.show === 'string' ? String(value) : value;
    default:
      return value;
  }
}

function storedValue(
  def: FieldDef,
  value: unknown,
  zone: string,
  field: string,
): number | string | boolean | null {
  if (value === null || value === '') {
    return def.type === 'text' ? '' : null;
  }
  switch (def.type) {
    case 'time': {
      const ms = parseTime(value, zone);
      if (ms === undefined) {
        throw invalidValue(field);
      }
      return ms;
    }
    case 'yn':
      return value === true || value === 'Y' || value === '1' || value === 1 || value === 'true';
    case 'id':
    case 'int':
    case 'money': {
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw invalidValue(field);
      }
      return n;
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** ISO 8601 with or without offset (the portal's zone is assumed), or a date alone. */
export function parseTime(value: unknown, zone: string): number | undefined {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: false });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** crm-item-list.md: "Invalid filter: field '…' has invalid value". */
function invalidValue(field: string): EmulatorError {
  return new EmulatorError(
    'INVALID_ARG_VALUE',
    `Invalid filter: field '${field}' has invalid value`,
  );
}
