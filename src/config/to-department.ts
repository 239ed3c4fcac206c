import type {
  Department,
  Manager,
  Norms,
  RhythmSettings,
} from '../domain/department/department.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import type { DepartmentFile } from './department-schema.js';

type FileManager = DepartmentFile['managers'][number];
type FileNorms = DepartmentFile['norms']['all'];

/**
 * The validated department file as the domain's Department: camelCase, times of day parsed
 * once, nothing the file left out turned into an explicit `undefined`.
 */
export function toDepartment(file: DepartmentFile): Department {
  const { calendar, standup, head, plan, thresholds, reminders } = file;
  return {
    id: file.department.id,
    name: file.department.name,
    ...(file.department.portal_id === undefined ? {} : { portalId: file.department.portal_id }),
    timeZone: file.department.timezone,
    language: file.department.language,
    calendar: {
      workingDays: calendar.working_days,
      ...(calendar.holidays_country === undefined
        ? {}
        : { holidaysCountry: calendar.holidays_country }),
      extraDaysOff: calendar.extra_days_off,
      extraWorkingDays: calendar.extra_working_days,
      workHours: {
        start: parseLocalTime(calendar.work_hours.start),
        end: parseLocalTime(calendar.work_hours.end),
      },
    },
    standup: {
      times: standup.times.map(parseLocalTime),
      meetingTime: parseLocalTime(standup.meeting_time),
      maxDeadlineDays: standup.max_deadline_days,
    },
    head: { userId: head.user_id, name: head.name, deputies: head.deputies },
    ...(file.team_chat === undefined ? {} : { teamChat: file.team_chat }),
    managers: file.managers.map(toManager),
    norms: {
      all: toNorms(file.norms.all),
      active: toNorms(file.norms.active),
      passive: toNorms(file.norms.passive),
    },
    plan: {
      periods: plan.periods.map(withoutUndefined),
      ...(plan.seasonality === undefined ? {} : { seasonality: plan.seasonality }),
      judgeBy: plan.judge_by,
      askManagers: plan.ask_managers,
    },
    thresholds: {
      watch: thresholds.watch,
      lag: thresholds.lag,
      teamTopicShare: thresholds.team_topic_share,
    },
    reminders: {
      reminder: {
        enabled: reminders.reminder.enabled,
        afterMinutes: reminders.reminder.after_minutes,
      },
      escalation: {
        enabled: reminders.escalation.enabled,
        minutesBeforeMeeting: reminders.escalation.minutes_before_meeting,
      },
      deadlineCheck: { enabled: reminders.deadline_check.enabled },
    },
    customMetrics: file.custom_metrics.map((metric) => ({
      id: metric.id,
      title: metric.title,
      source: metric.source,
      filter: metric.filter,
      ...(metric.date_field === undefined ? {} : { dateField: metric.date_field }),
      direction: metric.direction,
    })),
    rhythm: toRhythm(file.rhythm),
  };
}

function toRhythm(rhythm: DepartmentFile['rhythm']): RhythmSettings {
  const {
    weekly_meeting: weekly,
    one_on_one: oneOnOne,
    training,
    monthly_results: monthly,
    large_deals: large,
  } = rhythm;
  return {
    weeklyMeeting: {
      enabled: weekly.enabled,
      day: weekly.day,
      time: parseLocalTime(weekly.time),
      cardMinutesBefore: weekly.card_minutes_before,
    },
    oneOnOne: { enabled: oneOnOne.enabled, perMonth: oneOnOne.per_month },
    training: {
      enabled: training.enabled,
      newManagerMonths: training.new_manager_months,
      newEveryMonths: training.new_every_months,
      othersEveryMonths: training.others_every_months,
    },
    monthlyResults: { enabled: monthly.enabled, time: parseLocalTime(monthly.time) },
    ...(large === undefined
      ? {}
      : {
          largeDeals: {
            enabled: large.enabled,
            minAmount: large.min_amount,
            idleDays: large.idle_days,
            maxLines: large.max_lines,
          },
        }),
  };
}

function toManager(manager: FileManager): Manager {
  return {
    userId: manager.user_id,
    name: manager.name,
    mode: manager.mode,
    ...(manager.hired === undefined ? {} : { hired: manager.hired }),
    absences: manager.absences.map(withoutUndefined),
    ...(manager.norms === undefined ? {} : { norms: toNorms(manager.norms) }),
    ...(manager.plan === undefined ? {} : { plan: manager.plan.map(withoutUndefined) }),
  };
}

function toNorms(norms: FileNorms): Norms {
  return Object.fromEntries(
    Object.entries(norms).map(([metric, windows]) => [metric, withoutUndefined(windows)]),
  );
}

/** The object without its `undefined` properties (zod leaves absent optional keys out already). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
