import { z } from 'zod';
import { BitrixResponseError } from '../bitrix/errors.js';
import type { ListRow } from '../domain/collection/bucket-rows.js';
import type { RowSet } from '../domain/collection/collection-plan.js';

const rowSchema = z.looseObject({});
/** crm.item.list puts rows in `result.items`; the older lists in `result` itself. */
const itemsPageSchema = z.object({ items: z.array(rowSchema) });
const rowsPageSchema = z.array(rowSchema);

/** The rows of one page of a list call, whichever way the method nests them. */
export function pageRows(method: string, result: unknown): Record<string, unknown>[] {
  const parsed =
    method === 'crm.item.list'
      ? itemsPageSchema.safeParse(result).data?.items
      : rowsPageSchema.safeParse(result).data;
  if (parsed === undefined) {
    throw new BitrixResponseError(method, 'result', 'expected a page of rows');
  }
  return parsed;
}

const isoTime = z.string().refine((v) => Number.isFinite(Date.parse(v)), 'expected a date');

/**
 * How a row of a set is read for bucketing: its manager (a whole number) and, unless the set is
 * a snapshot, the date that places it in a window. A row without them is an answer the filter
 * cannot have given, and ends the read rather than be guessed at.
 */
export function listRowReader(set: RowSet): (row: Record<string, unknown>) => ListRow {
  const manager = set.source.managerField;
  const date = set.dateField;
  const schema = z.looseObject({
    [manager]: z.coerce.number().int(),
    ...(date === undefined ? {} : { [date]: isoTime }),
  });
  return (row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BitrixResponseError(
        set.source.method,
        issue?.path.join('.') ?? 'row',
        issue?.message ?? 'unexpected row',
      );
    }
    const fields = parsed.data as Record<string, unknown>;
    return {
      managerId: fields[manager] as number,
      atMs: date === undefined ? undefined : Date.parse(fields[date] as string),
      fields: row,
    };
  };
}
