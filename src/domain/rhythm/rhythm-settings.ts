import type { Department, RhythmSettings } from '../department/department.js';
import { parseLocalTime } from '../department/local-time.js';

/** What the department file's `rhythm` section defaults to. */
export const DEFAULT_RHYTHM: RhythmSettings = {
  weeklyMeeting: {
    enabled: true,
    day: 'fri',
    time: parseLocalTime('17:00'),
    cardMinutesBefore: 60,
  },
  oneOnOne: { enabled: true, perMonth: 2 },
  training: { enabled: true, newManagerMonths: 3, newEveryMonths: 1, othersEveryMonths: 6 },
  monthlyResults: { enabled: true, time: parseLocalTime('17:00') },
};

/** The department's rhythm settings, the defaults where it has none. */
export function rhythmOf(dept: Department): RhythmSettings {
  return dept.rhythm ?? DEFAULT_RHYTHM;
}
