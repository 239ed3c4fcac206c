import type { BitrixClient } from '../bitrix/client.js';
import type { ListQuery } from '../domain/collection/collection-plan.js';

/** What figure collection needs from the portal: many counts, and rows read page by page. */
export interface CrmReader {
  count(queries: readonly ListQuery[]): Promise<number[]>;
  rows(query: ListQuery): AsyncIterable<Record<string, unknown>>;
  /** HTTP requests made so far (the product reports them per standup). */
  requests(): number;
}

/** The REST client as a reader: counts through batched totals, rows through batched pages. */
export function bitrixCrmReader(client: BitrixClient): CrmReader {
  return {
    count: (queries) => client.count(queries),
    // Windowed reads are bounded: offset pages share batch requests (fewer requests than a
    // keyset scan, whose pages must follow one another).
    rows: (query) => client.pages(query.method, query.params),
    requests: () => client.stats().requests,
  };
}
