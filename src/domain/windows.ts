import { DateTime } from 'luxon';
import { addDays } from './iso-day.js';
import type { Department } from './department/department.js';
import type { NormWindow, PlanPeriod } from './metric-ids.js';
import type { DepartmentCalendar, IsoDay } from './calendar.js';

/** A span of local time, `to` exclusive, and the department's working days inside it. */
export interface TimeWindow {
  id: string;
  /** ISO 8601 with the department's offset on that date (correct across DST). */
  from: string;
  to: string;
  workingDays: IsoDay[];
}

/** A plan period to date, with how far into it the department is. */
export interface PlanWindow extends TimeWindow {
  period: PlanPeriod;
  /** e.g. "2026-11", "2026-Q4", "2026-H2", "2026" (the department file's keys). */
  key: string;
  /** Working days from the period's start to its end. */
  allWorkingDays: IsoDay[];
}

export interface StandupWindows {
  /** The working day whose results are judged: the one before the standup day. */
  judgedDay: IsoDay;
  norm: Record<NormWindow, TimeWindow>;
  now: TimeWindow;
  plan: Record<PlanPeriod, PlanWindow>;
  /** Working days of the month of the judged day (the month norm is prorated by them). */
  monthWorkingDays: IsoDay[];
}

const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true }) ?? '';
const day = (dt: DateTime) => dt.toISODate() ?? '';

/** Working days from `from` to `to`, both inclusive. */
export function workingDaysBetween(
  calendar: DepartmentCalendar,
  from: IsoDay,
  to: IsoDay,
): IsoDay[] {
  const days: IsoDay[] = [];
  // ISO days compare as strings.
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) {
      days.push(d);
    }
  }
  return days;
}

/** The last `count` working days ending with `last`, oldest first. */
function lastWorkingDays(calendar: DepartmentCalendar, last: IsoDay, count: number): IsoDay[] {
  const days = [last];
  while (days.length < count) {
    days.unshift(calendar.previousWorkingDay(days[0] as IsoDay));
  }
  return days;
}

/** A window of whole days `first..last` (inclusive). */
export function rangeWindow(
  calendar: DepartmentCalendar,
  id: string,
  first: IsoDay,
  last: IsoDay,
): TimeWindow {
  const from = DateTime.fromISO(first, { zone: calendar.zone }).startOf('day');
  const to = DateTime.fromISO(last, { zone: calendar.zone }).startOf('day').plus({ days: 1 });
  return {
    id,
    from: iso(from),
    to: iso(to),
    workingDays: workingDaysBetween(calendar, first, last),
  };
}

/**
 * Every window a standup judges, per docs/contracts.md: the previous working day and the
 * trailing windows ending with it, half a day, the month to date, the CRM now, and the plan
 * periods to date. Never today's empty morning (except `half_day` of an afternoon run).
 */
export function standupWindows(
  dept: Department,
  calendar: DepartmentCalendar,
  runAt: DateTime,
  /** The working day judged; the one before the run's day when omitted (the weekly card judges its own day). */
  judgedDay?: IsoDay,
): StandupWindows {
  const local = runAt.setZone(calendar.zone);
  const today = day(local);
  const judged = judgedDay ?? calendar.previousWorkingDay(today);
  const judgedStart = DateTime.fromISO(judged, { zone: calendar.zone });
  const monthStart = judgedStart.startOf('month');
  const monthWorkingDays = workingDaysBetween(
    calendar,
    day(monthStart),
    day(judgedStart.endOf('month')),
  );
  return {
    judgedDay: judged,
    norm: {
      half_day: halfDay(dept, calendar, local, judged),
      day: rangeWindow(calendar, 'day', judged, judged),
      three_days: windowOfDays(calendar, 'three_days', lastWorkingDays(calendar, judged, 3)),
      week: windowOfDays(calendar, 'week', lastWorkingDays(calendar, judged, 5)),
      month: rangeWindow(calendar, 'month', day(monthStart), judged),
    },
    now: { id: 'now', from: iso(local), to: iso(local), workingDays: [] },
    plan: {
      month: planWindow(
        calendar,
        'month',
        judgedStart.startOf('month'),
        judgedStart.endOf('month'),
        judged,
        judgedStart.toFormat('yyyy-MM'),
      ),
      quarter: planWindow(
        calendar,
        'quarter',
        judgedStart.startOf('quarter'),
        judgedStart.endOf('quarter'),
        judged,
        `${judgedStart.year}-Q${judgedStart.quarter}`,
      ),
      half_year: halfYear(calendar, judgedStart, judged),
      year: planWindow(
        calendar,
        'year',
        judgedStart.startOf('year'),
        judgedStart.endOf('year'),
        judged,
        String(judgedStart.year),
      ),
    },
    monthWorkingDays,
  };
}

function windowOfDays(calendar: DepartmentCalendar, id: string, days: IsoDay[]): TimeWindow {
  const window = rangeWindow(calendar, id, days[0] as IsoDay, days[days.length - 1] as IsoDay);
  return { ...window, workingDays: days };
}

function halfDay(
  dept: Department,
  calendar: DepartmentCalendar,
  local: DateTime,
  judged: IsoDay,
): TimeWindow {
  const { start, end } = dept.calendar.workHours;
  const midMinutes = Math.floor((start.minutes + end.minutes) / 2);
  const at = (base: DateTime, minutes: number) => base.startOf('day').plus({ minutes });
  const today = day(local);
  if (local.hour * 60 + local.minute >= midMinutes && calendar.isWorkingDay(today)) {
    return {
      id: 'half_day',
      from: iso(at(local, start.minutes)),
      to: iso(at(local, midMinutes)),
      workingDays: [today],
    };
  }
  const previous = DateTime.fromISO(judged, { zone: calendar.zone });
  return {
    id: 'half_day',
    from: iso(at(previous, midMinutes)),
    to: iso(previous.startOf('day').plus({ days: 1 })),
    workingDays: [judged],
  };
}

function planWindow(
  calendar: DepartmentCalendar,
  period: PlanPeriod,
  start: DateTime,
  end: DateTime,
  judged: IsoDay,
  key: string,
): PlanWindow {
  const toDate = rangeWindow(calendar, period, day(start), judged);
  return {
    ...toDate,
    period,
    key,
    allWorkingDays: workingDaysBetween(calendar, day(start), day(end)),
  };
}

function halfYear(calendar: DepartmentCalendar, judgedStart: DateTime, judged: IsoDay): PlanWindow {
  const first = judgedStart.month <= 6;
  const start = judgedStart.set({ month: first ? 1 : 7 }).startOf('month');
  const end = judgedStart.set({ month: first ? 6 : 12 }).endOf('month');
  return planWindow(
    calendar,
    'half_year',
    start,
    end,
    judged,
    `${judgedStart.year}-H${first ? 1 : 2}`,
  );
}
