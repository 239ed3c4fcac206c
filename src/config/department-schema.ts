import { z } from 'zod';
import {
  BUILTIN_METRIC_IDS,
  NORM_WINDOWS,
  PLAN_TARGETS,
  PLAN_VERSIONS,
  SNAPSHOT_WINDOW,
  isSnapshotMetric,
} from '../domain/metric-ids.js';
import {
  CUSTOM_METRIC_SOURCES,
  LANGUAGES,
  SALES_MODES,
  WEEKDAYS,
} from '../domain/department/department.js';
import {
  booleanFlag,
  countryCode,
  fraction,
  isoDate,
  localTime,
  nonEmptyText,
  nonNegativeNumber,
  oneOf,
  positiveInt,
  timeZone,
  userId,
  wholeNumberBetween,
} from './schema-helpers.js';

/**
 * The department file as written (src/config/to-department.ts turns it into the domain's
 * Department): who is in the team, when the standup runs, the written norms and the
 * sales plan. Keys are snake_case as a sales head types them; every section is strict, so a
 * typo is an error instead of a silently ignored setting.
 */

/** Norms for one metric: a number per window, e.g. `{ day: 40, week: 200 }`. */
const windowNormsSchema = z.strictObject({
  half_day: nonNegativeNumber().optional(),
  day: nonNegativeNumber().optional(),
  three_days: nonNegativeNumber().optional(),
  week: nonNegativeNumber().optional(),
  month: nonNegativeNumber().optional(),
  [SNAPSHOT_WINDOW]: nonNegativeNumber().optional(),
});

/** Norms keyed by metric id; which ids exist is checked against the catalogue below. */
const normsSchema = z.record(z.string(), windowNormsSchema);
type Norms = z.infer<typeof normsSchema>;

const planVersionsSchema = z.strictObject({
  pessimistic: nonNegativeNumber(),
  realistic: nonNegativeNumber(),
  optimistic: nonNegativeNumber(),
});

/** "2026-11" (month), "2026-Q4" (quarter), "2026-H2" (half-year), "2026" (year). */
const periodKeySchema = z
  .union([z.string(), z.number()], {
    error: (issue) =>
      `expected a period such as "2026-11", "2026-Q4", "2026-H2" or "2026", got ${String(issue.input)}`,
  })
  .transform((value) => String(value))
  .refine((value) => /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/.test(value), {
    error: (issue) =>
      `expected a period such as "2026-11", "2026-Q4", "2026-H2" or "2026", got ${JSON.stringify(issue.input)}`,
  });

const planEntrySchema = z.strictObject({
  period: periodKeySchema,
  amount: planVersionsSchema.optional(),
  units: planVersionsSchema.optional(),
  new_clients: planVersionsSchema.optional(),
});

const absenceSchema = z.strictObject({
  from: isoDate(),
  to: isoDate(),
  reason: z.string().optional(),
});

const managerSchema = z.strictObject({
  user_id: userId(),
  name: nonEmptyText("the manager's name"),
  mode: oneOf(SALES_MODES),
  hired: isoDate().optional(),
  absences: z.array(absenceSchema).default([]),
  norms: normsSchema.optional(),
  /** Personal plan entries; without them the department plan is shared out by working time. */
  plan: z.array(planEntrySchema).optional(),
});

const customMetricSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, {
    error: (issue) =>
      `expected an id of lower-case letters, digits and "_", got ${JSON.stringify(issue.input)}`,
  }),
  title: z.strictObject({ ru: nonEmptyText(), en: nonEmptyText() }),
  source: oneOf(CUSTOM_METRIC_SOURCES),
  /** A Bitrix24 list filter added to the window and the manager, e.g. `{ TYPE_ID: 6, "%SUBJECT": "Замер" }`. */
  filter: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
  ),
  /** The date field that places a row in a window; defaults to the creation date. */
  date_field: z.string().optional(),
  direction: oneOf(['more', 'less']).default('more'),
});

const reminderSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  after_minutes: positiveInt().default(60),
});
const escalationSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  minutes_before_meeting: positiveInt().default(15),
});
const deadlineCheckSchema = z.strictObject({
  enabled: booleanFlag().default(true),
});

/** The month's results on its last working day: the month against the plan, next month's plan. */
const monthlyResultsSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  /** When on the month's last working day the card goes to the head. */
  time: localTime().default('17:00'),
});

/** Open deals above an amount with no activity for some days: lines in the head's digest. */
const largeDealsSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  /** A deal at or above this amount (in the deal's currency) counts as large. */
  min_amount: positiveInt('a positive whole amount, e.g. 1000000'),
  /** Days without any activity in the deal's timeline that make it stale. */
  idle_days: wholeNumberBetween(1, 365, 'a number of days from 1 to 365').default(5),
  /** At most this many lines in the digest, largest deals first. */
  max_lines: wholeNumberBetween(1, 3, 'a number of lines from 1 to 3').default(3),
});
/** The weekly planning meeting: the week's card goes to the head before it. */
const weeklyMeetingSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  day: oneOf(WEEKDAYS).default('fri'),
  time: localTime().default('17:00'),
  /** The card is sent this many minutes before the meeting. */
  card_minutes_before: wholeNumberBetween(0, 24 * 60, 'a number of minutes from 0 to 1440').default(
    60,
  ),
});
/** Personal conversations of the head with each manager. */
const oneOnOneSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  per_month: wholeNumberBetween(1, 31, 'a number of conversations a month from 1 to 31').default(2),
});
/** Training cadence: new managers more often, the others less. */
const trainingSchema = z.strictObject({
  enabled: booleanFlag().default(true),
  /** A manager hired less than this many months ago is new. */
  new_manager_months: wholeNumberBetween(0, 60, 'a number of months from 0 to 60').default(3),
  new_every_months: wholeNumberBetween(1, 60, 'a number of months from 1 to 60').default(1),
  others_every_months: wholeNumberBetween(1, 60, 'a number of months from 1 to 60').default(6),
});
const WEEKLY_MEETING_DEFAULT = {
  enabled: true,
  day: 'fri',
  time: '17:00',
  card_minutes_before: 60,
} as const;
const ONE_ON_ONE_DEFAULT = { enabled: true, per_month: 2 };
const TRAINING_DEFAULT = {
  enabled: true,
  new_manager_months: 3,
  new_every_months: 1,
  others_every_months: 6,
};

export const departmentSchema = z
  .strictObject({
    department: z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, {
        error: (issue) =>
          `expected an id of lower-case letters, digits, "-" and "_" (it names jobs and keys), got ${JSON.stringify(issue.input)}`,
      }),
      name: nonEmptyText("the department's name"),
      /** The department's id in the portal's company structure (init writes it). */
      portal_id: positiveInt('a Bitrix24 department id (a positive whole number)').optional(),
      timezone: timeZone(),
      language: oneOf(LANGUAGES).default('ru'),
    }),
    calendar: z
      .strictObject({
        working_days: z.array(oneOf(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
        /** Country code for public holidays (date-holidays), e.g. RU, HU, DE; omit for none. */
        holidays_country: countryCode().optional(),
        extra_days_off: z.array(isoDate()).default([]),
        /** Days that are worked although the calendar says otherwise (Russia's moved Saturdays). */
        extra_working_days: z.array(isoDate()).default([]),
        work_hours: z
          .strictObject({ start: localTime(), end: localTime() })
          .default({ start: '09:00', end: '18:00' }),
      })
      .default({
        working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        extra_days_off: [],
        extra_working_days: [],
        work_hours: { start: '09:00', end: '18:00' },
      }),
    standup: z.strictObject({
      /** When the bot measures and asks; several runs a day are allowed. */
      times: z.array(localTime()).min(1, { error: 'expected at least one time such as "08:45"' }),
      /** When the team meets; escalation happens before it. */
      meeting_time: localTime(),
      /** How far ahead a plan's deadline may be, in calendar days; a later one is asked back. */
      max_deadline_days: wholeNumberBetween(1, 366, 'a number of days from 1 to 366').default(30),
    }),
    head: z.strictObject({
      user_id: userId(),
      name: nonEmptyText("the head's name"),
      deputies: z.array(userId()).default([]),
    }),
    /** The team's group chat as a dialog id ("chat42"); team topics go there. */
    team_chat: z
      .string()
      .regex(/^chat\d+$/, {
        error: (issue) =>
          `expected a group chat id such as "chat42", got ${JSON.stringify(issue.input)}`,
      })
      .optional(),
    managers: z.array(managerSchema).min(1, { error: 'expected at least one manager' }),
    norms: z
      .strictObject({
        all: normsSchema.default({}),
        active: normsSchema.default({}),
        passive: normsSchema.default({}),
      })
      .default({ all: {}, active: {}, passive: {} }),
    plan: z
      .strictObject({
        periods: z.array(planEntrySchema).default([]),
        /** Twelve month weights (January first) that break a yearly plan down; equal when omitted. */
        seasonality: z.array(nonNegativeNumber()).length(12).optional(),
        /** Which version the pace and the lags are judged by. */
        judge_by: oneOf(PLAN_VERSIONS).default('realistic'),
        /**
         * Also ask a manager behind his monthly plan (from a quarter of the month on), as for
         * a norm. Off by default: the head sees every pace in the digest either way.
         */
        ask_managers: z.boolean().default(false),
      })
      .default({ periods: [], judge_by: 'realistic', ask_managers: false }),
    thresholds: z
      .strictObject({
        /** Fact / norm below this ratio: "watch" (shown to the head, nobody is asked). */
        watch: fraction().default(0.9),
        /** Fact / norm below this ratio: "lag" (the manager is asked). */
        lag: fraction().default(0.7),
        /** Share of the team lagging on one metric that makes it a team topic instead. */
        team_topic_share: fraction().default(0.5),
      })
      .default({ watch: 0.9, lag: 0.7, team_topic_share: 0.5 }),
    reminders: z
      .strictObject({
        reminder: reminderSchema.default({ enabled: true, after_minutes: 60 }),
        escalation: escalationSchema.default({ enabled: true, minutes_before_meeting: 15 }),
        deadline_check: deadlineCheckSchema.default({ enabled: true }),
      })
      .default({
        reminder: { enabled: true, after_minutes: 60 },
        escalation: { enabled: true, minutes_before_meeting: 15 },
        deadline_check: { enabled: true },
      }),
    custom_metrics: z.array(customMetricSchema).default([]),
    /** The sales rhythm beyond the day: one key per part, each can be switched off. */
    rhythm: z
      .strictObject({
        weekly_meeting: weeklyMeetingSchema.default(WEEKLY_MEETING_DEFAULT),
        one_on_one: oneOnOneSchema.default(ONE_ON_ONE_DEFAULT),
        training: trainingSchema.default(TRAINING_DEFAULT),
        monthly_results: monthlyResultsSchema.default({ enabled: true, time: '17:00' }),
        large_deals: largeDealsSchema.optional(),
      })
      .default({
        weekly_meeting: WEEKLY_MEETING_DEFAULT,
        one_on_one: ONE_ON_ONE_DEFAULT,
        training: TRAINING_DEFAULT,
        monthly_results: { enabled: true, time: '17:00' },
      }),
  })
  .superRefine((dept, ctx) => {
    const known = new Set<string>([...BUILTIN_METRIC_IDS, ...dept.custom_metrics.map((m) => m.id)]);
    const checkNorms = (norms: Norms | undefined, path: (string | number)[]) => {
      for (const [metric, windows] of Object.entries(norms ?? {})) {
        if (!known.has(metric)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, metric],
            message: `unknown metric, expected one of ${[...known].join(', ')}`,
          });
          continue;
        }
        const snapshot = isSnapshotMetric(metric);
        for (const window of Object.keys(windows)) {
          if (snapshot && window !== SNAPSHOT_WINDOW) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, metric, window],
              message: `this metric describes the CRM at standup time: use the window "${SNAPSHOT_WINDOW}"`,
            });
          } else if (!snapshot && window === SNAPSHOT_WINDOW) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, metric, window],
              message: `"${SNAPSHOT_WINDOW}" is only for snapshot metrics; use one of ${NORM_WINDOWS.join(', ')}`,
            });
          }
        }
      }
    };
    checkNorms(dept.norms.all, ['norms', 'all']);
    checkNorms(dept.norms.active, ['norms', 'active']);
    checkNorms(dept.norms.passive, ['norms', 'passive']);

    const seen = new Map<number, number>();
    dept.managers.forEach((manager, index) => {
      checkNorms(manager.norms, ['managers', index, 'norms']);
      const first = seen.get(manager.user_id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['managers', index, 'user_id'],
          message: `user ${manager.user_id} is listed twice (also managers[${first}])`,
        });
      } else {
        seen.set(manager.user_id, index);
      }
      if (manager.user_id === dept.head.user_id) {
        ctx.addIssue({
          code: 'custom',
          path: ['managers', index, 'user_id'],
          message: 'the head cannot also be a manager judged by the bot',
        });
      }
      manager.absences.forEach((absence, a) => {
        if (absence.to < absence.from) {
          ctx.addIssue({
            code: 'custom',
            path: ['managers', index, 'absences', a, 'to'],
            message: `the absence ends (${absence.to}) before it starts (${absence.from})`,
          });
        }
      });
    });

    dept.custom_metrics.forEach((metric, index) => {
      if ((BUILTIN_METRIC_IDS as readonly string[]).includes(metric.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['custom_metrics', index, 'id'],
          message: `"${metric.id}" is a built-in metric; choose another id`,
        });
      }
    });

    if (dept.thresholds.lag > dept.thresholds.watch) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'lag'],
        message: `the lag threshold (${dept.thresholds.lag}) must not be above the watch threshold (${dept.thresholds.watch})`,
      });
    }
    // Several runs a day are allowed (an afternoon check), but the first must precede the meeting.
    const firstRun = [...dept.standup.times].sort()[0];
    if (firstRun !== undefined && firstRun >= dept.standup.meeting_time) {
      ctx.addIssue({
        code: 'custom',
        path: ['standup', 'times'],
        message: `the first run (${firstRun}) must come before the meeting (${dept.standup.meeting_time})`,
      });
    }
    dept.plan.periods.forEach((entry, index) => {
      if (PLAN_TARGETS.every((target) => entry[target] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['plan', 'periods', index],
          message: `a plan period needs at least one of ${PLAN_TARGETS.join(', ')}`,
        });
      }
      for (const target of PLAN_TARGETS) {
        const versions = entry[target];
        if (
          versions !== undefined &&
          !(versions.pessimistic <= versions.realistic && versions.realistic <= versions.optimistic)
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['plan', 'periods', index, target],
            message: `expected pessimistic <= realistic <= optimistic, got ${versions.pessimistic}, ${versions.realistic}, ${versions.optimistic}`,
          });
        }
      }
    });
    const working = new Set(dept.calendar.extra_working_days);
    dept.calendar.extra_days_off.forEach((day, index) => {
      if (working.has(day)) {
        ctx.addIssue({
          code: 'custom',
          path: ['calendar', 'extra_days_off', index],
          message: `${day} is also listed in extra_working_days: a day is either off or worked`,
        });
      }
    });
  });

/** The file's shape after validation (snake_case, defaults filled in). */
export type DepartmentFile = z.infer<typeof departmentSchema>;
