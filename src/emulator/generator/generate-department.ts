import { departmentSchema, type DepartmentFile } from '../../config/department-schema.js';
import { toDepartment } from '../../config/to-department.js';
import type { Department } from '../../domain/department/department.js';
import { createCalendar, type IsoDay } from '../../domain/calendar.js';
import { workingDaysBetween } from '../../domain/windows.js';
import type { PortalState } from '../portal-state.js';
import { castTeam, FIRST_MANAGER_ID, HEAD_ID, type ManagerProfile } from './plan-people.js';
import { markPlantedPeople, plantPeople, type PlantedPeople } from './plant-people.js';
import { addAbsenceEvents } from './absence-events.js';
import { populatePortal } from './populate-portal.js';
import { createRandom } from './random.js';
import { DAILY_NORMS } from './daily-norms.js';

export interface GeneratorOptions {
  seed?: number;
  managers?: number;
  /** The standup's day: data covers the working days before it. */
  today: IsoDay;
  zone?: string;
  /** How many weeks of history to generate. */
  weeks?: number;
  /** Activities of people outside the team, to make the portal big without changing the team. */
  fillerActivities?: number;
  standupTime?: string;
  /**
   * Where the sick leave of the absent manager is written: in the department file (default)
   * or only in the portal's calendar, as an all-day "absent" event.
   */
  absencesOn?: 'file' | 'portal';
  /**
   * Plants two managers after the team whom only the portal tells apart: one on vacation from
   * today (im.user.list.get's `absent` only) who lags, and one dismissed but still in the file.
   */
  portalPeople?: boolean;
}

/** What the generator made lag on purpose: the report must name exactly these. */
export interface GroundTruth {
  /** (manager, metric) pairs lagging in every normed window, team topics excluded. */
  lags: { managerId: number; metric: string }[];
  /** Metrics most of the team lags on. */
  teamTopics: string[];
  absentManager: number;
  hiredManager: number;
  /** With `portalPeople`: away from the standup's day through `until`; lags, must not be asked. */
  vacationer?: { managerId: number; until: IsoDay };
  /** With `portalPeople`: listed in the file, dismissed on the portal; never measured. */
  dismissedManager?: number;
}

export interface GeneratedDepartment {
  department: Department;
  /** The same department as a department file (what `emulator --write-config` writes). */
  file: DepartmentFile;
  profiles: ManagerProfile[];
  truth: GroundTruth;
  head: { id: number; first: string; last: string };
  /** Fills an emulator's portal with the users and the CRM history. */
  populate: (state: PortalState) => void;
}

/**
 * A deterministic sales department and its CRM history: managers in both sales modes,
 * calls, meetings, e-mails, to-dos (some site measurements), deals through stages with
 * amounts in rubles, quotes, invoices, telephony records; weekends and public holidays empty.
 * Some managers lag on purpose, and the ground truth says exactly who and on what.
 */
export function generateDepartment(options: GeneratorOptions): GeneratedDepartment {
  const seed = options.seed ?? 42;
  const count = Math.max(4, options.managers ?? 8);
  const zone = options.zone ?? 'Europe/Moscow';
  const random = createRandom(seed);
  // The calendar depends only on the zone and the country: a placeholder team will do.
  const placeholder: ManagerProfile = {
    id: FIRST_MANAGER_ID,
    first: 'x',
    last: 'x',
    gender: 'M',
    mode: 'active',
    lags: new Set(),
    emailsLag: false,
    absent: [],
    hired: undefined,
  };
  const base = departmentFile(zone, options.standupTime ?? '08:45', [placeholder], 0);
  const calendar = createCalendar(toDepartment(base));
  const team = castTeam(random, count, calendar, options.today);
  const planted: PlantedPeople | undefined = options.portalPeople
    ? plantPeople(seed, FIRST_MANAGER_ID + count, options.today)
    : undefined;
  const profiles = planted === undefined ? team : [...team, planted.vacationer, planted.dismissed];
  const judged = calendar.previousWorkingDay(options.today);
  const monthDays = workingDaysBetween(
    calendar,
    `${judged.slice(0, 7)}-01`,
    lastDayOfMonth(judged),
  ).length;
  const onPortal = options.absencesOn === 'portal';
  const file = departmentFile(
    zone,
    options.standupTime ?? '08:45',
    onPortal ? profiles.map((p) => ({ ...p, absent: [] })) : profiles,
    monthDays,
    judged.slice(0, 7),
  );
  const head = { id: HEAD_ID, first: 'Анна', last: 'Соколова' };
  return {
    department: toDepartment(file),
    file,
    profiles,
    head,
    truth: {
      lags: profiles
        .filter((p) => p.id !== planted?.dismissed.id)
        .flatMap((p) => [...p.lags].map((metric) => ({ managerId: p.id, metric }))),
      teamTopics: ['emails'],
      absentManager: FIRST_MANAGER_ID + 1,
      hiredManager: FIRST_MANAGER_ID + 2,
      ...(planted === undefined
        ? {}
        : {
            vacationer: { managerId: planted.vacationer.id, until: planted.vacationer.awayUntil },
            dismissedManager: planted.dismissed.id,
          }),
    },
    populate: (state) => {
      populatePortal(state, {
        seed,
        profiles,
        head,
        calendar,
        today: options.today,
        weeks: options.weeks ?? 6,
        filler: options.fillerActivities ?? 0,
      });
      if (onPortal) {
        addAbsenceEvents(state, profiles, zone);
      }
      if (planted !== undefined) {
        markPlantedPeople(state, planted, options.today);
      }
    },
  };
}

function lastDayOfMonth(day: IsoDay): IsoDay {
  const [y, m] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 2026, m ?? 1, 0));
  return date.toISOString().slice(0, 10);
}

/** A month plan in three versions, sized to the team: about what the generated deals win. */
function monthPlan(managers: number, monthKey: string | undefined) {
  if (monthKey === undefined) {
    return { periods: [] };
  }
  const realistic = managers * 1_800_000;
  return {
    periods: [
      {
        period: monthKey,
        amount: { pessimistic: realistic * 0.8, realistic, optimistic: realistic * 1.25 },
        units: { pessimistic: managers * 5, realistic: managers * 6, optimistic: managers * 8 },
        new_clients: {
          pessimistic: managers * 3,
          realistic: managers * 4,
          optimistic: managers * 5,
        },
      },
    ],
  };
}

function departmentFile(
  zone: string,
  time: string,
  profiles: ManagerProfile[],
  monthDays: number,
  monthKey?: string,
): DepartmentFile {
  const [h = 8, m = 45] = time.split(':').map(Number);
  const meeting = `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const { all, active, passive } = DAILY_NORMS;
  return departmentSchema.parse({
    department: { id: 'sales-demo', name: 'Отдел продаж (демо)', timezone: zone, language: 'ru' },
    calendar: { holidays_country: 'RU' },
    standup: { times: [time], meeting_time: meeting },
    head: { user_id: HEAD_ID, name: 'Анна Соколова' },
    managers: profiles.map((p) => ({
      user_id: p.id,
      name: `${p.first} ${p.last}`,
      mode: p.mode,
      ...(p.hired === undefined ? {} : { hired: p.hired }),
      absences:
        p.absent.length === 0
          ? []
          : [{ from: p.absent[0], to: p.absent[p.absent.length - 1], reason: 'больничный' }],
    })),
    norms: {
      all: {
        meetings: {
          day: all.meetings,
          week: all.meetings * 5,
          month: all.meetings * Math.max(1, monthDays),
        },
        emails: { day: all.emails, week: all.emails * 5 },
        quotes_sent: { week: all.quotes_sent * 5 },
        overdue_activities: { now: 3 },
        deals_without_next_step: { now: 2 },
      },
      active: {
        calls_outgoing: {
          half_day: active.calls_outgoing / 2,
          day: active.calls_outgoing,
          three_days: active.calls_outgoing * 3,
          week: active.calls_outgoing * 5,
        },
        calls_connected: { day: active.calls_connected },
        talk_minutes: { day: active.talk_minutes },
      },
      passive: {
        calls_outgoing: { day: passive.calls_outgoing, week: passive.calls_outgoing * 5 },
        calls_connected: { day: passive.calls_connected },
      },
    },
    plan: monthPlan(profiles.length, monthKey),
    reminders: {
      reminder: { enabled: true, after_minutes: 20 },
      escalation: { enabled: true, minutes_before_meeting: 10 },
    },
    custom_metrics: [
      {
        id: 'site_measurements',
        title: { ru: 'Замеры', en: 'Site measurements' },
        source: 'activities',
        filter: { PROVIDER_ID: 'CRM_TODO', '%SUBJECT': 'Замер' },
      },
    ],
  });
}
