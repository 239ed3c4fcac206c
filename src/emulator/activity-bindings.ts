import { arrayish, asRecord, EmulatorError } from './emulator-error.js';
import type { Predicate } from './filter-operators.js';
import type { Table } from './table.js';

/**
 * `filter.BINDINGS` of crm.activity.list (crm-activity-list.md): an array of
 * `{OWNER_TYPE_ID, OWNER_ID}` objects, each with one key or both; an activity matches when one
 * of its bindings matches one of them. Here an activity is bound to its owner alone, so the
 * duplicates the page warns of (an activity bound to two of the listed entities) cannot occur.
 */
export function bindingsTest(table: Table, value: unknown): Predicate {
  const pairs = arrayish(value);
  if (pairs === undefined || pairs.length === 0) {
    throw invalid();
  }
  const wanted = pairs.map((pair) => {
    const record = asRecord(pair);
    const type = record.OWNER_TYPE_ID;
    const owner = record.OWNER_ID;
    if (type === undefined && owner === undefined) {
      throw invalid();
    }
    return {
      type: type === undefined ? undefined : table.toStored('OWNER_TYPE_ID', type),
      owner: owner === undefined ? undefined : table.toStored('OWNER_ID', owner),
    };
  });
  return (i) =>
    wanted.some(
      ({ type, owner }) =>
        (type === undefined || table.value(i, 'OWNER_TYPE_ID') === type) &&
        (owner === undefined || table.value(i, 'OWNER_ID') === owner),
    );
}

function invalid(): EmulatorError {
  return new EmulatorError(
    'INVALID_ARG_VALUE',
    "Invalid filter: field 'BINDINGS' has invalid value",
  );
}
