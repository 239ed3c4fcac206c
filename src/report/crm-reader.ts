import type { BitrixClient } from '../bitrix/client.js';
import type { ListQuery } from '../domain/collection/collection-plan.js';
import type { PortalPeople } from '../domain/people/portal-people.js';
import { readPortalPeople, type PeopleQuery, type PeopleRefusal } from './portal-people-read.js';

/** What figure collection needs from the portal: many counts, and rows read page by page. */
export interface CrmReader {
  count(queries: readonly ListQuery[]): Promise<number[]>;
  rows(query: ListQuery): AsyncIterable<Record<string, unknown>>;
  /** HTTP requests made so far (the product reports them per standup). */
  requests(): number;
  /**
   * What the portal says about these people (active, gender, days away), in one request.
   * `refusals` holds the methods the portal refused that this reader has not reported before,
   * so that each is logged once. Optional: a reader without it leaves the file alone.
   */
  people?(query: PeopleQuery): Promise<{ people: PortalPeople; refusals: PeopleRefusal[] }>;
}

/** The REST client as a reader: counts through batched totals, rows through batched pages. */
export function bitrixCrmReader(client: BitrixClient): CrmReader {
  const reported = new Set<string>();
  return {
    count: (queries) => client.count(queries),
    // Windowed reads are bounded: offset pages share batch requests (fewer requests than a
    // keyset scan, whose pages must follow one another).
    rows: (query) => client.pages(query.method, query.params),
    requests: () => client.stats().requests,
    async people(query) {
      const read = await readPortalPeople(
        (commands) => client.batch(commands, { kind: 'read' }),
        query,
      );
      const fresh = read.refusals.filter((r) => !reported.has(`${r.method} ${r.code}`));
      fresh.forEach((r) => reported.add(`${r.method} ${r.code}`));
      return { people: read.people, refusals: fresh };
    },
  };
}
