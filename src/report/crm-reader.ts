import type { BatchCommand, BatchOutcome } from '../bitrix/batch.js';
import type { BitrixClient } from '../bitrix/client.js';
import { peopleRead, type PeopleQuery, type PeopleRead } from './portal-people-read.js';
import type { SettledDayStore } from './settled-day-store.js';

/**
 * What figure collection needs from the portal: sub-calls in batches, each with its own
 * outcome, and the people read that rides in the first of them.
 */
export interface CrmReader {
  /** Runs the sub-calls, 50 to a request (`batch` counts as one request for the limit). */
  batch(commands: Record<string, BatchCommand>): Promise<Record<string, BatchOutcome>>;
  /** HTTP requests made so far (the product reports them per standup). */
  requests(): number;
  /**
   * What to ask the portal about these people (active, gender, days away), as sub-calls of the
   * standup's opening batch. A refusal the reader has reported before is not reported again,
   * so that each is logged once per process. Optional: a reader without it leaves the file
   * alone.
   */
  people?(query: PeopleQuery): PeopleRead;
  /**
   * Where figures of settled days (call records of days long past) are kept between standups.
   * Optional: a reader without it reads every day every time.
   */
  settled?: SettledDayStore;
}

/** The REST client as a reader. */
export function bitrixCrmReader(
  client: BitrixClient,
  options: { settled?: SettledDayStore } = {},
): CrmReader {
  const reported = new Set<string>();
  return {
    ...(options.settled === undefined ? {} : { settled: options.settled }),
    batch: (commands) => client.batch(commands, { kind: 'read' }),
    requests: () => client.stats().requests,
    people(query) {
      const read = peopleRead(query);
      return {
        commands: read.commands,
        read(outcomes) {
          const answer = read.read(outcomes);
          const fresh = answer.refusals.filter((r) => !reported.has(`${r.method} ${r.code}`));
          fresh.forEach((r) => reported.add(`${r.method} ${r.code}`));
          return { people: answer.people, refusals: fresh };
        },
      };
    },
  };
}
