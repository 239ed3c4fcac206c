import type { Source } from '../metrics/catalogue.js';
import type { Bucket, ListQuery, Reading, RowSet, Span } from './collection-plan.js';
import { filterField } from './refinement.js';

/** The id field of a source's rows (crm.item.list spells fields in camelCase). */
export const idFieldOf = (source: Source): string =>
  source.method === 'crm.item.list' ? 'id' : 'ID';

function between(field: string, span: Span): Record<string, string> {
  return { [`>=${field}`]: span.from, [`<${field}`]: span.to };
}

/** A list call; `ordered` sorts by id (pages), a count needs no order. */
function query(
  source: Source,
  filter: Record<string, unknown>,
  select: string[],
  ordered: boolean,
): ListQuery {
  if (source.method === 'crm.item.list') {
    return {
      method: source.method,
      params: {
        entityTypeId: source.entityTypeId,
        filter,
        select,
        ...(ordered ? { order: { id: 'ASC' } } : {}),
      },
    };
  }
  if (source.method === 'voximplant.statistic.get') {
    // No select: the method answers every field.
    return {
      method: source.method,
      params: { FILTER: filter, ...(ordered ? { SORT: 'ID', ORDER: 'ASC' } : {}) },
    };
  }
  return {
    method: source.method,
    params: { filter, select, ...(ordered ? { order: { ID: 'ASC' } } : {}) },
  };
}

/**
 * One bucket counted by the portal: the reading's own filter, the manager, the window. The
 * answer's `total` is the count (the client asks one page of ids).
 */
export function countQuery(set: RowSet, reading: Reading, bucket: Bucket): ListQuery {
  const filter = {
    ...reading.filter,
    ...(set.dateField === undefined || bucket.span === undefined
      ? {}
      : between(set.dateField, bucket.span)),
    [set.source.managerField]: bucket.managerId,
  };
  return query(set.source, filter, [idFieldOf(set.source)], false);
}

/**
 * The team's rows of a set over a span (the CRM now for a snapshot), ordered by id so that
 * offset pages neither skip nor repeat a row when rows are added meanwhile, with only the
 * fields the readings need.
 */
export function listQuery(
  set: RowSet,
  managers: readonly number[],
  span: Span | undefined,
): ListQuery {
  const filter = {
    ...set.filter,
    [`@${set.source.managerField}`]: [...managers],
    ...(set.dateField === undefined || span === undefined ? {} : between(set.dateField, span)),
  };
  const fields = [
    idFieldOf(set.source),
    set.source.managerField,
    ...(set.dateField === undefined ? [] : [set.dateField]),
    ...set.readings.flatMap((r) => [
      ...(r.sum === undefined ? [] : [r.sum.field]),
      ...Object.keys(r.refinement).map((key) => filterField(key).field),
    ]),
  ];
  return query(set.source, filter, [...new Set(fields)], true);
}

/** Every manager any reading of the set has a bucket for, in order. */
export function managersOf(set: RowSet): number[] {
  return [...new Set(set.readings.flatMap((r) => r.buckets.map((b) => b.managerId)))].sort(
    (a, b) => a - b,
  );
}
