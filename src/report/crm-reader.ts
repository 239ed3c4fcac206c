import type { BitrixClient } from '../bitrix/client.js';
import { BitrixApiError } from '../bitrix/errors.js';
import type { Absence } from '../domain/department/department.js';
import type { ListQuery } from '../domain/collection/collection-plan.js';
import { absencesFromAccessibility, type AbsenceQuery } from './portal-absences.js';

/** What figure collection needs from the portal: many counts, and rows read page by page. */
export interface CrmReader {
  count(queries: readonly ListQuery[]): Promise<number[]>;
  rows(query: ListQuery): AsyncIterable<Record<string, unknown>>;
  /** HTTP requests made so far (the product reports them per standup). */
  requests(): number;
  /**
   * Days away the portal knows of, by user; undefined when this portal does not tell (no
   * `calendar` scope, no calendar module). Optional: a reader without it uses the file only.
   */
  absences?(query: AbsenceQuery): Promise<Map<number, Absence[]> | undefined>;
}

/** Codes meaning "this portal or webhook cannot give calendars", not "try again". */
const NO_CALENDAR = new Set(['insufficient_scope', 'ERROR_METHOD_NOT_FOUND', 'ACCESS_DENIED']);

/** The REST client as a reader: counts through batched totals, rows through batched pages. */
export function bitrixCrmReader(client: BitrixClient): CrmReader {
  return {
    count: (queries) => client.count(queries),
    // Windowed reads are bounded: offset pages share batch requests (fewer requests than a
    // keyset scan, whose pages must follow one another).
    rows: (query) => client.pages(query.method, query.params),
    requests: () => client.stats().requests,
    async absences(query) {
      try {
        const { result } = await client.call(
          'calendar.accessibility.get',
          { users: query.userIds, from: query.from, to: query.to },
          { kind: 'read' },
        );
        return absencesFromAccessibility(result, query.zone);
      } catch (error) {
        if (error instanceof BitrixApiError && NO_CALENDAR.has(error.code)) {
          return undefined;
        }
        throw error;
      }
    },
  };
}
