import { DateTime } from 'luxon';
import type { Manager, RhythmSettings } from '../department/department.js';

/** Someone due a one-to-one or training, and why. */
export interface Due {
  managerId: number;
  name: string;
  /** One-to-ones: how many this month so far. */
  done?: number;
  /** Training: the last one, when known. */
  last?: string;
  /** Training: hired less than `newManagerMonths` ago. */
  isNew?: boolean;
}

/**
 * Managers with fewer one-to-ones this month than the department's count, repeat laggards
 * first, then the fewest held, then by name.
 */
export function oneOnOnesDue(
  managers: readonly Pick<Manager, 'userId' | 'name'>[],
  doneThisMonth: ReadonlyMap<number, number>,
  settings: RhythmSettings['oneOnOne'],
  repeatLaggardIds: ReadonlySet<number>,
): Due[] {
  if (!settings.enabled) {
    return [];
  }
  return managers
    .map((m) => ({ managerId: m.userId, name: m.name, done: doneThisMonth.get(m.userId) ?? 0 }))
    .filter((d) => d.done < settings.perMonth)
    .sort(
      (a, b) =>
        Number(repeatLaggardIds.has(b.managerId)) - Number(repeatLaggardIds.has(a.managerId)) ||
        a.done - b.done ||
        a.name.localeCompare(b.name),
    );
}

/**
 * Managers due training on `today`: a new manager (hired less than `newManagerMonths` ago, by
 * the file's `hired` or the portal's registration date) every `newEveryMonths` months, the
 * others every `othersEveryMonths`; someone never trained (as far as the bot knows) is due.
 */
export function trainingDue(
  managers: readonly Pick<Manager, 'userId' | 'name' | 'hired' | 'registered'>[],
  lastTraining: ReadonlyMap<number, string>,
  settings: RhythmSettings['training'],
  today: string,
): Due[] {
  if (!settings.enabled) {
    return [];
  }
  const day = DateTime.fromISO(today);
  return managers.flatMap((m): Due[] => {
    const hired = m.hired ?? m.registered;
    const isNew =
      hired !== undefined &&
      DateTime.fromISO(hired).plus({ months: settings.newManagerMonths }) > day;
    const every = isNew ? settings.newEveryMonths : settings.othersEveryMonths;
    const last = lastTraining.get(m.userId);
    const due = last === undefined || DateTime.fromISO(last).plus({ months: every }) <= day;
    return due
      ? [{ managerId: m.userId, name: m.name, isNew, ...(last === undefined ? {} : { last }) }]
      : [];
  });
}
