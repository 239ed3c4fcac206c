import type { IsoDay } from '../calendar.js';
import type { Absence, Gender } from '../department/department.js';

/** One person as the portal describes them (user.get, or im.user.list.get). */
export interface PortalPerson {
  readonly userId: number;
  readonly active: boolean;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender?: Gender;
}

/**
 * What the portal said about the people a run is about. Each part is undefined when the
 * portal did not answer for it (a scope missing, a method absent, a server error), so that a
 * part unknown is never mistaken for "nobody": the file alone decides then.
 */
export interface PortalPeople {
  /** Everyone the portal returned among those asked; an id missing here is unknown to it. */
  readonly persons?: ReadonlyMap<number, PortalPerson>;
  /** For those away now (im.user.list.get `absent`): the last day away, in local days. */
  readonly awayUntil?: ReadonlyMap<number, IsoDay>;
  /** Whole days away from the portal calendar, by user. */
  readonly calendar?: ReadonlyMap<number, readonly Absence[]>;
}

/** The full name as Bitrix24 shows it: first name, then last name. */
export function fullName(person: Pick<PortalPerson, 'firstName' | 'lastName'>): string {
  return [person.firstName, person.lastName]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
