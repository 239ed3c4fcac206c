import type { IsoDay } from '../calendar.js';
import type { NormWindow, PlanTarget, PlanVersion, SNAPSHOT_WINDOW } from '../metric-ids.js';
import type { LocalTime } from './local-time.js';

/**
 * The department as the domain sees it: who is in the team, when the standup runs, the
 * written norms and the sales plan. src/config parses the department file into this shape;
 * nothing here knows about YAML or its snake_case keys.
 */
export interface Department {
  /** Lower-case letters, digits, "-" and "_": it names jobs and Redis keys. */
  readonly id: string;
  readonly name: string;
  /** Its id in the portal's company structure: whose members the managers must be. */
  readonly portalId?: number;
  /** IANA time zone, e.g. "Europe/Moscow". */
  readonly timeZone: string;
  readonly language: Language;
  readonly calendar: CalendarSettings;
  readonly standup: StandupSchedule;
  readonly head: Head;
  /** The team's group chat as a dialog id ("chat42"); team topics go there. */
  readonly teamChat?: string;
  readonly managers: readonly Manager[];
  readonly norms: ModeNorms;
  readonly plan: PlanSettings;
  readonly thresholds: Thresholds;
  readonly reminders: ReminderSettings;
  readonly customMetrics: readonly CustomMetric[];
  /**
   * People the file lists as managers whom the portal does not know as active employees
   * (dismissed, or an id it does not know); set once the portal was read. They are in none
   * of `managers`: never measured, never asked.
   */
  readonly notActive?: readonly NotActiveManager[];
  /**
   * The head's rhythm beyond the day: the weekly meeting, one-to-ones, training, the month's
   * results, large deals (defaults when absent: see rhythmOf).
   */
  readonly rhythm?: RhythmSettings;
}

/** The sales rhythm beyond the day; every part can be switched off. */
export interface RhythmSettings {
  readonly weeklyMeeting: {
    readonly enabled: boolean;
    readonly day: Weekday;
    readonly time: LocalTime;
    /** The week's card goes out this many minutes before the meeting. */
    readonly cardMinutesBefore: number;
  };
  readonly oneOnOne: { readonly enabled: boolean; readonly perMonth: number };
  readonly training: {
    readonly enabled: boolean;
    /** Hired less than this many months ago: a new manager. */
    readonly newManagerMonths: number;
    readonly newEveryMonths: number;
    readonly othersEveryMonths: number;
  };
  /** The month's results on its last working day at `time`. */
  readonly monthlyResults: { readonly enabled: boolean; readonly time: LocalTime };
  /** Large stale deals in the head's digest; absent: off. */
  readonly largeDeals?: LargeDealSettings;
}

/** A manager from the file the portal does not know as an active employee. */
export interface NotActiveManager {
  readonly userId: number;
  readonly name: string;
  /** `dismissed`: the portal says ACTIVE=false; `unknown`: the portal has no such user. */
  readonly reason: 'dismissed' | 'unknown';
}

/** As the portal records it (`PERSONAL_GENDER` M / F); unknown when not set there. */
export type Gender = 'male' | 'female';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SALES_MODES = ['active', 'passive'] as const;
/** `active`: cold calls; `passive`: calls on inbound leads. */
export type SalesMode = (typeof SALES_MODES)[number];

export interface CalendarSettings {
  readonly workingDays: readonly Weekday[];
  /** Country (optionally "-STATE") for public holidays (date-holidays), e.g. "RU"; none when absent. */
  readonly holidaysCountry?: string;
  readonly extraDaysOff: readonly IsoDay[];
  /** Days worked although the calendar says otherwise (Russia's moved Saturdays). */
  readonly extraWorkingDays: readonly IsoDay[];
  readonly workHours: { readonly start: LocalTime; readonly end: LocalTime };
}

export interface StandupSchedule {
  /** When the bot measures and asks; several runs a day are allowed. */
  readonly times: readonly LocalTime[];
  /** When the team meets; escalation happens before it. */
  readonly meetingTime: LocalTime;
  /** How far ahead a plan's deadline may be, in calendar days; a later one is asked back. */
  readonly maxDeadlineDays: number;
}

export interface Head {
  readonly userId: number;
  readonly name: string;
  /** May approve and correct plans like the head. */
  readonly deputies: readonly number[];
}

/** Days away, both ends included. */
export interface Absence {
  readonly from: IsoDay;
  readonly to: IsoDay;
  readonly reason?: string;
}

export interface Manager {
  readonly userId: number;
  readonly name: string;
  readonly mode: SalesMode;
  /** Judged only from this day on. */
  readonly hired?: IsoDay;
  readonly absences: readonly Absence[];
  /** Personal norms over the mode's and the department's. */
  readonly norms?: Norms;
  /** Personal plan entries; without them the department plan is shared out by working time. */
  readonly plan?: readonly PlanEntry[];
  /** From the portal, for texts that agree with it; neutral wording when unknown. */
  readonly gender?: Gender;
  /** The portal's DATE_REGISTER (a local day): the hire date when the file gives none. */
  readonly registered?: IsoDay;
}

/** Norms for one metric: a number per window, e.g. `{ day: 40, week: 200 }`. */
export type WindowNorms = Partial<Record<NormWindow | typeof SNAPSHOT_WINDOW, number>>;
/** Norms keyed by metric id. */
export type Norms = Readonly<Record<string, WindowNorms>>;

export interface ModeNorms {
  readonly all: Norms;
  readonly active: Norms;
  readonly passive: Norms;
}

export type PlanVersions = Record<PlanVersion, number>;

/** One period's plan: "2026-11" (month), "2026-Q4", "2026-H2" or "2026", per target. */
export type PlanEntry = { readonly period: string } & Partial<Record<PlanTarget, PlanVersions>>;

export interface PlanSettings {
  readonly periods: readonly PlanEntry[];
  /** Twelve month weights (January first) that break a yearly plan down. */
  readonly seasonality?: readonly number[];
  /** Which version the pace and the lags are judged by. */
  readonly judgeBy: PlanVersion;
  /** Also ask a manager behind his monthly plan (from a quarter of the month on). */
  readonly askManagers: boolean;
}

export interface Thresholds {
  /** Fact / norm below this ratio: "watch" (shown to the head, nobody is asked). */
  readonly watch: number;
  /** Fact / norm below this ratio: "lag" (the manager is asked). */
  readonly lag: number;
  /** Share of the team lagging on one metric that makes it a team topic instead. */
  readonly teamTopicShare: number;
}

export interface ReminderSettings {
  readonly reminder: { readonly enabled: boolean; readonly afterMinutes: number };
  readonly escalation: { readonly enabled: boolean; readonly minutesBeforeMeeting: number };
  readonly deadlineCheck: { readonly enabled: boolean };
}

export interface LargeDealSettings {
  readonly enabled: boolean;
  /** A deal at or above this amount counts as large. */
  readonly minAmount: number;
  /** Days without activity in the deal's timeline that make it stale. */
  readonly idleDays: number;
  /** At most this many lines in the digest (1 to 3). */
  readonly maxLines: number;
}

export const CUSTOM_METRIC_SOURCES = ['activities', 'deals', 'quotes', 'invoices'] as const;
export type CustomMetricSource = (typeof CUSTOM_METRIC_SOURCES)[number];

/** A department's own metric: a count of rows matching a Bitrix24 list filter. */
export interface CustomMetric {
  readonly id: string;
  readonly title: { readonly ru: string; readonly en: string };
  readonly source: CustomMetricSource;
  /** Added to the window and the manager, e.g. `{ PROVIDER_ID: 'CRM_TODO', '%SUBJECT': 'Замер' }`. */
  readonly filter: Readonly<
    Record<string, string | number | boolean | readonly (string | number)[]>
  >;
  /** The date field that places a row in a window; the source's creation date when absent. */
  readonly dateField?: string;
  readonly direction: 'more' | 'less';
}
