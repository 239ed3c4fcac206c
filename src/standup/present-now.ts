import { DateTime } from 'luxon';
import { presentOn } from '../domain/availability.js';
import { withPortalPeople } from '../report/with-portal-people.js';
import type { StandupDeps } from './service-deps.js';

/**
 * Of these managers, those at work now: in the file, an active employee on the portal, and not
 * away today by any of the three sources. One batch request (user.get, im.user.list.get and
 * today's calendar), so a reminder or an escalation never reaches someone away or gone.
 */
export async function presentNow(
  deps: Pick<StandupDeps, 'dept' | 'calendar' | 'reader' | 'now' | 'log'>,
  managerIds: readonly number[],
): Promise<Set<number>> {
  if (managerIds.length === 0) {
    return new Set();
  }
  const today = DateTime.fromJSDate(deps.now(), { zone: deps.calendar.zone }).toISODate() ?? '';
  const dept = await withPortalPeople(
    deps.reader,
    deps.dept,
    { userIds: managerIds, from: today, to: today, today, zone: deps.calendar.zone },
    deps.log,
  );
  return new Set(
    dept.managers
      .filter((m) => managerIds.includes(m.userId) && presentOn(m, today))
      .map((m) => m.userId),
  );
}
