import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Department, Weekday } from './department/department.js';
import { atLocalTime, sortTimes } from './department/local-time.js';
import { addDays, isoWeekday } from './iso-day.js';

/** A calendar day in the department's time zone, "YYYY-MM-DD". */
export type IsoDay = string;

export interface DepartmentCalendar {
  readonly zone: string;
  /** True when the department works on this day (weekday, holidays and moved days applied). */
  isWorkingDay(day: IsoDay): boolean;
  /** Why the department does not work on this day, or undefined on a working day. */
  dayOffReason(day: IsoDay): string | undefined;
  /** The next `count` standup runs strictly after `after`, on working days only, as local times. */
  nextStandups(after: Date, count: number): DateTime[];
  /** The working day before `day` (skipping days off). */
  previousWorkingDay(day: IsoDay): IsoDay;
}

const LUXON_WEEKDAY: Record<Weekday, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

/**
 * Builds the department's calendar: its working weekdays, the public holidays of its country
 * (date-holidays, type "public" only), and the extra days off and moved working days from the
 * department file, which win over both.
 */
export function createCalendar(dept: Department): DepartmentCalendar {
  const zone = dept.timeZone;
  const workingWeekdays = new Set(dept.calendar.workingDays.map((d) => LUXON_WEEKDAY[d]));
  const extraOff = new Set(dept.calendar.extraDaysOff);
  const extraWorking = new Set(dept.calendar.extraWorkingDays);
  const holidays = dept.calendar.holidaysCountry
    ? publicHolidays(dept.calendar.holidaysCountry)
    : undefined;

  const dayOffReason = (day: IsoDay): string | undefined => {
    if (extraWorking.has(day)) {
      return undefined;
    }
    if (extraOff.has(day)) {
      return 'extra day off';
    }
    const holiday = holidays?.(day);
    if (holiday !== undefined) {
      return holiday;
    }
    return workingWeekdays.has(isoWeekday(day)) ? undefined : 'weekend';
  };
  // A standup walks the same days many times (windows, plan periods, settled days): each day's
  // answer is kept, a few hundred entries a year.
  const working = new Map<IsoDay, boolean>();
  const isWorkingDay = (day: IsoDay) => {
    let answer = working.get(day);
    if (answer === undefined) {
      answer = dayOffReason(day) === undefined;
      working.set(day, answer);
    }
    return answer;
  };

  return {
    zone,
    isWorkingDay,
    dayOffReason,
    nextStandups(after, count) {
      const times = sortTimes(dept.standup.times);
      const start = DateTime.fromJSDate(after, { zone });
      const runs: DateTime[] = [];
      for (let offset = 0; runs.length < count && offset < 400; offset++) {
        const day = start.startOf('day').plus({ days: offset });
        const iso = day.toISODate();
        if (iso === null || !isWorkingDay(iso)) {
          continue;
        }
        for (const time of times) {
          const run = atLocalTime(day, time);
          if (run > start && runs.length < count) {
            runs.push(run);
          }
        }
      }
      return runs;
    },
    previousWorkingDay(day) {
      let current = day;
      for (let i = 0; i < 400; i++) {
        current = addDays(current, -1);
        if (isWorkingDay(current)) {
          return current;
        }
      }
      throw new Error(`no working day within 400 days before ${day}`);
    },
  };
}

function publicHolidays(country: string): (day: IsoDay) => string | undefined {
  const [code, state] = country.split('-');
  const calendar = new Holidays(code ?? country, state ?? '');
  const byYear = new Map<number, Map<IsoDay, string>>();
  return (day) => {
    const year = Number(day.slice(0, 4));
    let days = byYear.get(year);
    if (days === undefined) {
      days = new Map();
      for (const holiday of calendar.getHolidays(year)) {
        if (holiday.type === 'public') {
          days.set(holiday.date.slice(0, 10), holiday.name);
        }
      }
      byYear.set(year, days);
    }
    return days.get(day);
  };
}
