import type { DepartmentCalendar, IsoDay } from '../../domain/calendar.js';
import { personName, type Random } from './random.js';

/** How a generated manager behaves: who lags on what, who was away, who just started. */
export interface ManagerProfile {
  id: number;
  first: string;
  last: string;
  gender: 'M' | 'F';
  mode: 'active' | 'passive';
  /** Metrics this manager is made to lag on in every normed window. */
  lags: Set<string>;
  /** Part of the team-wide e-mail problem (a team topic, not a personal question). */
  emailsLag: boolean;
  absent: IsoDay[];
  hired: IsoDay | undefined;
}

const PERSONAL: Record<'active' | 'passive', string[]> = {
  active: [
    'calls_outgoing',
    'meetings',
    'quotes_sent',
    'talk_minutes',
    'overdue_activities',
    'deals_without_next_step',
    'calls_connected',
  ],
  passive: [
    'calls_outgoing',
    'meetings',
    'quotes_sent',
    'overdue_activities',
    'deals_without_next_step',
    'calls_connected',
  ],
};

export const HEAD_ID = 1;
export const FIRST_MANAGER_ID = 11;

/**
 * Casts the team: half active, half passive; the second manager was away on the two working
 * days before the standup, the third started eight working days ago; about 40% lag on
 * one or two metrics; about 70% share a team-wide e-mail problem.
 */
export function castTeam(
  random: Random,
  count: number,
  calendar: DepartmentCalendar,
  today: IsoDay,
): ManagerProfile[] {
  const judged = calendar.previousWorkingDay(today);
  const dayBefore = calendar.previousWorkingDay(judged);
  let hired = today;
  for (let i = 0; i < 8; i++) {
    hired = calendar.previousWorkingDay(hired);
  }
  const laggards = Math.min(count - 3, Math.max(2, Math.round(count * 0.4)));
  const emailLaggards = Math.max(Math.ceil(count * 0.7), Math.ceil(count / 2) + 1);
  return Array.from({ length: count }, (_, index) => {
    const name = personName(random);
    const mode = index % 2 === 0 ? 'active' : 'passive';
    const special = index === 1 || index === 2;
    const lags = new Set<string>();
    if (!special && index >= 3 && index < 3 + laggards) {
      const choices = PERSONAL[mode];
      lags.add(random.pick(choices));
      if (random.chance(0.5)) {
        lags.add(random.pick(choices));
      }
    }
    return {
      id: FIRST_MANAGER_ID + index,
      first: name.first,
      last: name.last,
      gender: name.gender,
      mode,
      lags,
      emailsLag: index >= count - emailLaggards,
      absent: index === 1 ? [dayBefore, judged] : [],
      hired: index === 2 ? hired : undefined,
    };
  });
}
