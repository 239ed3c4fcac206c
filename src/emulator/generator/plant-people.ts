import { DateTime } from 'luxon';
import type { IsoDay } from '../../domain/calendar.js';
import type { PortalState } from '../portal-state.js';
import type { ManagerProfile } from './plan-people.js';
import { createRandom, personName } from './random.js';

/** The two people only the portal knows the truth about. */
export interface PlantedPeople {
  /** Lags like a laggard, and is on vacation from the standup's day: known only to the portal. */
  vacationer: ManagerProfile & { awayUntil: IsoDay };
  /** Still listed in the department file; the portal has him dismissed (ACTIVE=false). */
  dismissed: ManagerProfile;
}

const VACATION_DAYS = 3;

/**
 * Two managers after the team: a vacationer whose absence the portal shows only through
 * im.user.list.get's `absent` (no calendar event, nothing in the file), and a dismissed user
 * the file still lists. Their names come from a random of their own, so the team stays the
 * same with or without them.
 */
export function plantPeople(seed: number, firstId: number, today: IsoDay): PlantedPeople {
  const random = createRandom(seed * 7919 + 1);
  const person = (id: number, mode: ManagerProfile['mode']): ManagerProfile => {
    const name = personName(random);
    return {
      id,
      ...name,
      mode,
      lags: new Set(),
      emailsLag: false,
      absent: [],
      hired: undefined,
    };
  };
  const awayUntil = DateTime.fromISO(today).plus({ days: VACATION_DAYS }).toISODate() ?? today;
  return {
    vacationer: { ...person(firstId, 'active'), lags: new Set(['meetings']), awayUntil },
    dismissed: person(firstId + 1, 'passive'),
  };
}

/** Marks them on the portal: the vacation in the absence chart, the dismissal on the user. */
export function markPlantedPeople(state: PortalState, planted: PlantedPeople, today: IsoDay): void {
  const vacationer = state.users.get(planted.vacationer.id);
  if (vacationer !== undefined) {
    vacationer.absence = { from: today, to: planted.vacationer.awayUntil };
  }
  const dismissed = state.users.get(planted.dismissed.id);
  if (dismissed !== undefined) {
    dismissed.active = false;
  }
}
