import type { IsoDay } from '../calendar.js';
import type { Absence, Department, Manager, NotActiveManager } from '../department/department.js';
import type { PortalPeople } from './portal-people.js';

/**
 * The department as the portal says it is today. Days away come from three sources merged:
 * the file, the portal calendar, and im.user.list.get's `absent` (away from `today` through
 * its date). A manager the portal says is dismissed, or does not know, leaves `managers` for
 * `notActive`. Whatever the portal did not answer is left as the file says.
 */
export function mergePortalPeople(
  dept: Department,
  people: PortalPeople,
  today: IsoDay,
): Department {
  const managers: Manager[] = [];
  const notActive: NotActiveManager[] = [...(dept.notActive ?? [])];
  for (const manager of dept.managers) {
    const person = people.persons?.get(manager.userId);
    if (people.persons !== undefined && (person === undefined || !person.active)) {
      notActive.push({
        userId: manager.userId,
        name: manager.name,
        reason: person === undefined ? 'unknown' : 'dismissed',
      });
      continue;
    }
    const more = [
      ...(people.calendar?.get(manager.userId) ?? []),
      ...awayNow(people.awayUntil?.get(manager.userId), today),
    ];
    managers.push({
      ...manager,
      ...(more.length === 0 ? {} : { absences: [...manager.absences, ...more] }),
      ...(person?.gender === undefined ? {} : { gender: person.gender }),
    });
  }
  return { ...dept, managers, ...(notActive.length === 0 ? {} : { notActive }) };
}

function awayNow(until: IsoDay | undefined, today: IsoDay): Absence[] {
  // A date already past says nothing about today.
  return until === undefined || until < today ? [] : [{ from: today, to: until }];
}
