import type { Department } from '../domain/department/department.js';
import { rhythmOf } from '../domain/rhythm/rhythm-settings.js';
import { weekCardTime } from '../domain/rhythm/week-schedule.js';

/** check-config's line on the weekly meeting, one-to-ones and training. */
export function rhythmLine(dept: Department): string {
  const { weeklyMeeting: w, oneOnOne, training: t } = rhythmOf(dept);
  const weekly = w.enabled
    ? `weekly meeting ${w.day} ${w.time.text} (card at ${weekCardTime(dept)})`
    : 'weekly meeting off';
  const talks = oneOnOne.enabled ? `one-to-ones ${oneOnOne.perMonth} a month` : 'one-to-ones off';
  const training = t.enabled
    ? `training every ${t.newEveryMonths} month(s) for the first ${t.newManagerMonths} months, then every ${t.othersEveryMonths}`
    : 'training off';
  return `Rhythm: ${weekly}; ${talks}; ${training}`;
}
