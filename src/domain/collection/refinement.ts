/**
 * When one metric's rows are a subset of another's that is read anyway (`calls_connected`
 * within the successful calls summed for `talk_minutes`, `new_clients` within the won deals),
 * its extra conditions can be tested here on each row instead of asking the portal again.
 * Only conditions whose meaning leaves no doubt are tested here: equality, lists and numeric
 * comparisons on numbers, digit strings and Y/N flags. Text matching (`%`, `=%`) and anything
 * whose collation or empty values the portal decides stays with the portal.
 */

/** The prefixes of a Bitrix24 list filter key, longest first (crm-activity-list.md). */
const FILTER_KEY = /^(!%=|!@|!%|!=|>=|<=|=%|%=|>|<|=|!|@|%)?(.+)$/;

/** A filter key split into its operator and field. */
export function filterField(key: string): { op: string; field: string } {
  const match = FILTER_KEY.exec(key);
  return { op: match?.[1] ?? '', field: match?.[2] ?? key };
}

/** A stable text for a filter value or a whole filter (keys sorted), to compare or key by. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

// Negations are left to the portal: whether `!FIELD` keeps rows where FIELD is empty is its call.
const EQUALITY = new Set(['', '=', '@']);
const ORDER = new Set(['>', '>=', '<', '<=']);

const isPlain = (v: unknown): v is number | string =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && (/^\d+$/.test(v) || v === 'Y' || v === 'N'));

/** Whether a filter condition is one this module tests exactly as the portal does. */
function isTestable(key: string, value: unknown): boolean {
  const { op } = filterField(key);
  if (ORDER.has(op)) {
    return typeof value === 'number' && Number.isFinite(value);
  }
  if (!EQUALITY.has(op)) {
    return false;
  }
  return Array.isArray(value) ? value.length > 0 && value.every(isPlain) : isPlain(value);
}

/**
 * The conditions `filter` adds to `base`, when every condition of `base` is in `filter` as it
 * is and each added one is testable here; undefined otherwise (read them separately).
 */
export function refinementOf(
  base: Readonly<Record<string, unknown>>,
  filter: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(base)) {
    if (!(key in filter) || canonical(filter[key]) !== canonical(value)) {
      return undefined;
    }
  }
  const extra = Object.entries(filter).filter(([key]) => !(key in base));
  return extra.every(([key, value]) => isTestable(key, value))
    ? Object.fromEntries(extra)
    : undefined;
}

/** A row's field by name, in any case (filters and rows may spell it differently). */
export function fieldValue(row: Readonly<Record<string, unknown>>, field: string): unknown {
  if (field in row) {
    return row[field];
  }
  const lower = field.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : row[key];
}

function same(rowValue: unknown, wanted: number | string): boolean {
  if (typeof wanted === 'number') {
    return rowValue !== null && rowValue !== '' && Number(rowValue) === wanted;
  }
  const text = rowValue === true ? 'Y' : rowValue === false ? 'N' : String(rowValue);
  return text === wanted;
}

/** Whether a row meets every condition of a refinement (see refinementOf). */
export function rowPasses(
  row: Readonly<Record<string, unknown>>,
  refinement: Readonly<Record<string, unknown>>,
): boolean {
  for (const [key, wanted] of Object.entries(refinement)) {
    const { op, field } = filterField(key);
    const value = fieldValue(row, field);
    if (ORDER.has(op)) {
      const n = Number(value);
      const w = wanted as number;
      const ok =
        value !== null &&
        value !== '' &&
        Number.isFinite(n) &&
        (op === '>' ? n > w : op === '>=' ? n >= w : op === '<' ? n < w : n <= w);
      if (!ok) {
        return false;
      }
      continue;
    }
    const list = (Array.isArray(wanted) ? wanted : [wanted]) as (number | string)[];
    if (!list.some((w) => same(value, w))) {
      return false;
    }
  }
  return true;
}
