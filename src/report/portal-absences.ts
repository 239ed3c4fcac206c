import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Absence } from '../domain/department/department.js';
import type { IsoDay } from '../domain/calendar.js';

/**
 * Absences a portal knows about. The REST API has no method for the absence chart itself
 * (b24restdocs lists none; the im user's `absent` field only says whether someone is away
 * now). What it has is `calendar.accessibility.get` (scope `calendar`): each user's calendar
 * events in a period, each with `ACCESSIBILITY` busy / absent / quest / free. An event marked
 * "absent" that takes whole days (an all-day event, or one lasting at least a working day)
 * is an absence; a two-hour "absent" event (a doctor's appointment) is not.
 */

const ts = z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number);
const eventSchema = z.looseObject({
  NAME: z.string().optional(),
  DATE_FROM_TS_UTC: ts,
  DATE_TO_TS_UTC: ts,
  DT_SKIP_TIME: z.string().optional(),
  ACCESSIBILITY: z.string().optional(),
});
/** `result`: user id -> events; a user without events may come back as `[]` or be missing. */
export const accessibilityResultSchema = z.union([
  z.record(z.string(), z.array(eventSchema)),
  z.array(z.never()).transform(() => ({})),
]);

/** A timed "absent" event shorter than this is part of a day, not a day away. */
const WHOLE_DAY_SECONDS = 6 * 3600;

/** Reads the result of `calendar.accessibility.get` into absences by user, in local days. */
export function absencesFromAccessibility(result: unknown, zone: string): Map<number, Absence[]> {
  const parsed = accessibilityResultSchema.parse(result);
  const byUser = new Map<number, Absence[]>();
  for (const [userId, events] of Object.entries(parsed)) {
    const absences = events.flatMap((event): Absence[] => {
      if (event.ACCESSIBILITY !== 'absent') {
        return [];
      }
      const allDay = event.DT_SKIP_TIME === 'Y';
      const seconds = event.DATE_TO_TS_UTC - event.DATE_FROM_TS_UTC;
      if (!allDay && seconds < WHOLE_DAY_SECONDS) {
        return [];
      }
      const from = DateTime.fromSeconds(event.DATE_FROM_TS_UTC, { zone });
      // A timed event ending at midnight ends on the day before.
      const to = DateTime.fromSeconds(allDay ? event.DATE_TO_TS_UTC : event.DATE_TO_TS_UTC - 1, {
        zone,
      });
      return [
        {
          from: from.toISODate() ?? '',
          to: to.toISODate() ?? '',
          ...(event.NAME === undefined ? {} : { reason: event.NAME }),
        },
      ];
    });
    if (absences.length > 0) {
      byUser.set(Number(userId), absences);
    }
  }
  return byUser;
}

/** The period to ask about: from the first day any window looks at to the standup's day. */
export interface AbsenceQuery {
  userIds: readonly number[];
  from: IsoDay;
  to: IsoDay;
  zone: string;
}
