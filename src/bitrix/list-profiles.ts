/**
 * How each list method spells its paging: where rows are, what the id field and the filter,
 * order and select keys are called, and whether `start=-1` (no count) is known to work.
 */
export interface ListProfile {
  rowsPath: 'result' | 'items';
  idField: 'ID' | 'id';
  filterKey: 'filter' | 'FILTER';
  /** Builds the order parameters that sort by id (ascending unless told). */
  orderById: (direction?: 'ASC' | 'DESC') => Record<string, unknown>;
  /** The caller's own order, to check it is compatible with a keyset scan. */
  orderOf: (params: Record<string, unknown>) => unknown;
  selectKey: 'select' | undefined;
  fastStart: boolean;
}

const PROFILES: Record<string, ListProfile> = {
  'crm.activity.list': {
    rowsPath: 'result',
    idField: 'ID',
    filterKey: 'filter',
    orderById: (direction = 'ASC') => ({ order: { ID: direction } }),
    orderOf: (p) => p.order,
    selectKey: 'select',
    fastStart: true,
  },
  'crm.item.list': {
    rowsPath: 'items',
    idField: 'id',
    filterKey: 'filter',
    orderById: (direction = 'ASC') => ({ order: { id: direction } }),
    orderOf: (p) => p.order,
    selectKey: 'select',
    fastStart: true,
  },
  'voximplant.statistic.get': {
    rowsPath: 'result',
    idField: 'ID',
    filterKey: 'FILTER',
    orderById: (direction = 'ASC') => ({ SORT: 'ID', ORDER: direction }),
    orderOf: (p) => (typeof p.SORT === 'string' ? { [p.SORT]: p.ORDER ?? 'ASC' } : undefined),
    selectKey: undefined,
    // start=-1 is documented for CRM lists; telephony keeps offset 0 with the id filter.
    fastStart: false,
  },
  // Offset pages only: its filters are top-level keys (ID, NAME, PARENT, UF_HEAD), not a map.
  'department.get': {
    rowsPath: 'result',
    idField: 'ID',
    filterKey: 'FILTER',
    orderById: (direction = 'ASC') => ({ sort: 'ID', order: direction }),
    orderOf: (p) => (typeof p.sort === 'string' ? { [p.sort]: p.order ?? 'ASC' } : undefined),
    selectKey: undefined,
    fastStart: false,
  },
  'user.get': {
    rowsPath: 'result',
    idField: 'ID',
    filterKey: 'FILTER',
    orderById: (direction = 'ASC') => ({ sort: 'ID', order: direction }),
    orderOf: (p) => (typeof p.sort === 'string' ? { [p.sort]: p.order ?? 'ASC' } : undefined),
    selectKey: undefined,
    fastStart: false,
  },
};

export function listProfile(method: string): ListProfile {
  const profile = PROFILES[method];
  if (profile === undefined) {
    throw new Error(`no list profile for ${method}: add one to list-profiles.ts`);
  }
  return profile;
}

/** Rows of one page, wherever the method puts them. */
export function rowsOf(profile: ListProfile, result: unknown): Record<string, unknown>[] {
  const rows =
    profile.rowsPath === 'items' ? (result as { items?: unknown } | null)?.items : result;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}
