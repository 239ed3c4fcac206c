import type { Department } from '../domain/department/department.js';
import { mergePortalPeople } from '../domain/people/merge-people.js';
import type { Logger } from '../lib/logger.js';
import type { CrmReader } from './crm-reader.js';
import type { PeopleQuery } from './portal-people-read.js';

/** What the file loses when the portal refuses each method: said in the log, never guessed. */
const WITHOUT: Record<string, string> = {
  'user.get': 'who is active (and gender) comes from im.user.list.get or the file',
  'im.user.list.get': 'who is away now comes from the calendar and the file',
  'calendar.accessibility.get': 'days away come from im.user.list.get and the file',
  batch: 'people come from the department file only',
};

/**
 * The department as the portal says it is now: dismissed and unknown managers set aside,
 * days away merged from the file, the calendar and im.user.list.get (see mergePortalPeople).
 * A method the portal refuses is logged once, by name and code; the run goes on.
 */
export async function withPortalPeople(
  reader: CrmReader,
  dept: Department,
  query: Omit<PeopleQuery, 'userIds'> & { userIds?: readonly number[] },
  log: Logger | undefined,
): Promise<Department> {
  if (reader.people === undefined) {
    return dept;
  }
  const { people, refusals } = await reader.people({
    ...query,
    userIds: query.userIds ?? dept.managers.map((m) => m.userId),
  });
  for (const refusal of refusals) {
    log?.warn(
      {
        method: refusal.method,
        code: refusal.code,
        description: refusal.description,
        without: WITHOUT[refusal.method],
      },
      'the portal refused a people method; going on without it',
    );
  }
  const merged = mergePortalPeople(dept, people, query.today);
  for (const gone of merged.notActive ?? []) {
    if (!(dept.notActive ?? []).some((m) => m.userId === gone.userId)) {
      log?.info(
        { userId: gone.userId, reason: gone.reason },
        'the department file lists a manager who is not an active employee: not measured, not asked',
      );
    }
  }
  return merged;
}
