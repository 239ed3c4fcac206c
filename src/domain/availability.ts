import type { Absence, Department, Manager } from './department/department.js';
import type { IsoDay } from './calendar.js';

/** The working days on which the manager was there: hired by then and not away. */
export function availableDays(manager: Manager, workingDays: readonly IsoDay[]): IsoDay[] {
  return workingDays.filter(
    (d) =>
      (manager.hired === undefined || d >= manager.hired) &&
      !manager.absences.some((a) => d >= a.from && d <= a.to),
  );
}

/**
 * A norm scaled to the time the manager had: `norm x available / reference` working days.
 * The reference is the window's working days, or the whole month for the month norm (so a
 * month norm is judged pro rata as the month goes). Undefined when the manager had no day.
 */
export function proratedNorm(
  norm: number,
  available: number,
  referenceDays: number,
): number | undefined {
  if (available === 0 || referenceDays === 0) {
    return undefined;
  }
  return (norm * available) / referenceDays;
}

/** The department with absences found elsewhere (the portal's calendar) added to each manager's. */
export function withAbsences(
  dept: Department,
  found: ReadonlyMap<number, readonly Absence[]>,
): Department {
  if (found.size === 0) {
    return dept;
  }
  return {
    ...dept,
    managers: dept.managers.map((manager) => {
      const more = found.get(manager.userId) ?? [];
      return more.length === 0 ? manager : { ...manager, absences: [...manager.absences, ...more] };
    }),
  };
}

/** Whether the manager is at work on `day` (hired and not away). */
export function presentOn(manager: Manager, day: IsoDay): boolean {
  return availableDays(manager, [day]).length === 1;
}
