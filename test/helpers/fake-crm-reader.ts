import type { BatchCommand, BatchOutcome } from '../../src/bitrix/batch.js';
import type { PortalPeople } from '../../src/domain/people/portal-people.js';
import type { CrmReader } from '../../src/report/crm-reader.js';

const MANAGER_FIELDS = ['RESPONSIBLE_ID', 'assignedById', 'PORTAL_USER_ID'];

/**
 * A portal where every list holds `rows` rows of one manager (the filter's, or the first of
 * its `@` list), all dated at the start of the filter's window: counted or listed, each cell
 * of that manager comes to `rows`. What it says of people is given as is.
 */
export function fakeCrmReader(options: { rows: number; people?: PortalPeople }): CrmReader & {
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
        out[key] = answer(command, options.rows);
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

function answer(command: BatchCommand, rows: number): BatchOutcome {
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
  }));
  const result = command.method === 'crm.item.list' ? { items: page } : page;
  return { ok: true, result, total: rows, next: start + 50 < rows ? start + 50 : undefined };
}
