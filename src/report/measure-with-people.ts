import type { Department } from '../domain/department/department.js';
import { BATCH_SUB_CALLS, probesOf, type ReadPlan } from '../domain/collection/choose-reads.js';
import type { CollectionPlan } from '../domain/collection/collection-plan.js';
import type { Logger } from '../lib/logger.js';
import { collectFacts, probeAnswers, probeCommands, type Facts } from './collect-facts.js';
import type { CrmReader } from './crm-reader.js';
import type { PeopleQuery } from './portal-people-read.js';
import { settledReads } from './settled-reads.js';
import { applyPortalPeople } from './with-portal-people.js';

export interface MeasureWithPeopleOptions {
  /** Whom to ask about (the file's managers when omitted), and which days. */
  people: Omit<PeopleQuery, 'userIds'> & { userIds?: readonly number[] };
  /** The reads a department calls for (who is measured on what depends on who is there). */
  planFor: (dept: Department) => CollectionPlan;
  log?: Logger | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Told what the cost model chose (logs, tests). */
  onReads?: ((reads: ReadPlan) => void) | undefined;
}

/**
 * The department as the portal says it is and the figures it calls for, in the fewest
 * requests: the people read (user.get, im.user.list.get, the calendar) and the first page of
 * every list worth probing share the opening batch. The probes are planned for the file's
 * department, which holds everyone the portal's can (the portal only sets people aside and adds
 * days away), so they serve the plan made once the people are known.
 */
export async function measureWithPeople(
  reader: CrmReader,
  fileDept: Department,
  options: MeasureWithPeopleOptions,
): Promise<{ dept: Department; facts: Facts }> {
  const people = reader.people?.({
    ...options.people,
    userIds: options.people.userIds ?? fileDept.managers.map((m) => m.userId),
  });
  const peopleCommands = people?.commands ?? {};
  // Call records of days long past are summed once, not listed again at every standup.
  const settled =
    reader.settled === undefined
      ? undefined
      : await settledReads(reader.settled, options.planFor(fileDept), {
          today: options.people.today,
          zone: options.people.zone,
          log: options.log,
        });
  const planOf = (d: Department) =>
    settled?.split(options.planFor(d)) ?? {
      plan: options.planFor(d),
      addends: new Map<string, number>(),
      toKeep: new Map(),
    };
  const probes = probesOf(
    planOf(fileDept).plan,
    BATCH_SUB_CALLS - Object.keys(peopleCommands).length,
  );
  const opening = { ...peopleCommands, ...probeCommands(probes) };
  const outcomes = Object.keys(opening).length === 0 ? {} : await reader.batch(opening);
  const dept =
    people === undefined
      ? fileDept
      : applyPortalPeople(fileDept, people.read(outcomes), options.people.today, options.log);
  const split = planOf(dept);
  const facts = await collectFacts(reader, split.plan, {
    probes: probeAnswers(probes, outcomes),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onReads === undefined ? {} : { onReads: options.onReads }),
  });
  return { dept, facts: settled === undefined ? facts : await settled.finish(split, facts) };
}
