import type { BatchCommand, BatchOutcome } from '../../src/bitrix/batch.js';
import { BitrixApiError } from '../../src/bitrix/errors.js';
import type { PortalPeople } from '../../src/domain/people/portal-people.js';
import type { CrmReader } from '../../src/report/crm-reader.js';

const MANAGER_FIELDS = ['RESPONSIBLE_ID', 'assignedById', 'PORTAL_USER_ID'];

/**
 * A portal where every list holds `rows` rows of one manager (the filter's, or the first of
 * its `@` list), all dated at the start of the filter's window: counted or listed, each cell
 * of that manager comes to `rows`. What it says of people is given as is.
 */
export function fakeCrmReader(options: {
  rows: number;
  people?: PortalPeople;
  /** Fields every row also has (a duration to sum). */
  fields?: Record<string, unknown>;
  /** false: answers without `total` or `next`, as a method that does not count. */
  totals?: boolean;
  /** Refuses every list asked in an order (the lists read for rows; counts ask none). */
  refuseOrdered?: boolean;
}): CrmReader & {
  commands: BatchCommand[];
} {
  const commands: BatchCommand[] = [];
  let requests = 0;
  return {
    commands,
    requests: () => requests,
    async batch(cmds) {
      requests += Math.ceil(Object.keys(cmds).length / 50);
      const out: Record<string, BatchOutcome> = {};
      for (const [key, command] of Object.entries(cmds)) {
        commands.push(command);
        out[key] =
          options.refuseOrdered === true && command.params?.order !== undefined
            ? {
                ok: false,
                error: new BitrixApiError(command.method, 'INVALID_ARG_VALUE', 'order', 200),
              }
            : answer(command, options);
      }
      return out;
    },
    ...(options.people === undefined
      ? {}
      : {
          people: () => ({
            commands: {},
            read: () => ({ people: options.people ?? {}, refusals: [] }),
          }),
        }),
  };
}

function answer(
  command: BatchCommand,
  options: { rows: number; fields?: Record<string, unknown>; totals?: boolean },
): BatchOutcome {
  const rows = options.rows;
  const params = command.params ?? {};
  const filter = (params.filter ?? params.FILTER ?? {}) as Record<string, unknown>;
  const managerKey = Object.keys(filter).find((k) => MANAGER_FIELDS.includes(k.replace(/^@/, '')));
  const managerField = managerKey?.replace(/^@/, '') ?? 'RESPONSIBLE_ID';
  const value = managerKey === undefined ? 0 : filter[managerKey];
  const manager = Array.isArray(value) ? (value[0] as number) : Number(value);
  const dateKey = Object.keys(filter).find((k) => k.startsWith('>='));
  const start = Number(params.start ?? 0);
  const page = Array.from({ length: Math.max(0, Math.min(50, rows - start)) }, (_, i) => ({
    ID: String(start + i + 1),
    id: start + i + 1,
    [managerField]: manager,
    ...(dateKey === undefined ? {} : { [dateKey.slice(2)]: filter[dateKey] }),
    ...options.fields,
  }));
  const result = command.method === 'crm.item.list' ? { items: page } : page;
  if (options.totals === false) {
    return { ok: true, result, total: undefined, next: undefined };
  }
  return { ok: true, result, total: rows, next: start + 50 < rows ? start + 50 : undefined };
}
