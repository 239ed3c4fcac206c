import { DateTime } from 'luxon';
import { localTime } from './local-time.js';
import type { DepartmentCalendar, IsoDay } from '../../domain/calendar.js';
import type { PortalState } from '../portal-state.js';
import { DAILY_NORMS, dailyCount } from './daily-norms.js';
import type { ManagerProfile } from './plan-people.js';
import { createRandom, type Random } from './random.js';
import { addDeals, addNextSteps } from './populate-deals.js';

export interface PopulateOptions {
  seed: number;
  profiles: ManagerProfile[];
  head: { id: number; first: string; last: string };
  calendar: DepartmentCalendar;
  today: IsoDay;
  weeks: number;
  filler: number;
}

const at = localTime;

/** Times spread evenly over 09:00-18:00, so half of the day's work falls after midday. */
const spread = (calendar: DepartmentCalendar, day: IsoDay, index: number, count: number) =>
  at(calendar, day, 540 + Math.floor(((index + 0.5) * 540) / count));

export function populatePortal(state: PortalState, options: PopulateOptions): void {
  const { calendar, profiles } = options;
  state.departments.set(1, { id: 1, name: 'Компания', parent: undefined, head: options.head.id });
  state.departments.set(2, { id: 2, name: 'Отдел продаж', parent: 1, head: options.head.id });
  state.users.set(options.head.id, {
    id: options.head.id,
    name: options.head.first,
    lastName: options.head.last,
    email: 'head@example.ru',
    active: true,
    departments: [2],
    timeZone: calendar.zone,
    workPosition: 'Руководитель отдела продаж',
    isBot: false,
    gender: 'F',
  });
  const start =
    DateTime.fromISO(options.today, { zone: calendar.zone })
      .minus({ weeks: options.weeks })
      .toISODate() ?? options.today;
  const days: IsoDay[] = [];
  for (
    let d = DateTime.fromISO(start, { zone: calendar.zone });
    (d.toISODate() ?? '') < options.today;
    d = d.plus({ days: 1 })
  ) {
    const iso = d.toISODate() ?? '';
    if (calendar.isWorkingDay(iso)) {
      days.push(iso);
    }
  }
  for (const profile of profiles) {
    const random = createRandom(options.seed * 1000 + profile.id);
    state.users.set(profile.id, {
      id: profile.id,
      name: profile.first,
      lastName: profile.last,
      email: `u${profile.id}@example.ru`,
      active: true,
      departments: [2],
      timeZone: calendar.zone,
      workPosition: 'Менеджер по продажам',
      isBot: false,
      gender: profile.gender,
    });
    const worked = days.filter(
      (d) => !profile.absent.includes(d) && (profile.hired === undefined || d >= profile.hired),
    );
    for (const day of worked) {
      addActivities(state, calendar, random, profile, day);
      addCalls(state, calendar, random, profile, day);
    }
    const openDeals = addDeals(state, calendar, random, profile, worked, options.today);
    addNextSteps(state, calendar, random, profile, openDeals, options.today);
  }
  addFiller(state, days, options.filler);
}

/** Completed to-dos of other departments (users 5000+), spread over the same days. */
function addFiller(state: PortalState, days: IsoDay[], count: number): void {
  const start = Date.parse(`${days[0] ?? '2026-01-01'}T09:00:00Z`);
  const span = Math.max(1, days.length) * 86_400_000;
  for (let i = 0; i < count; i++) {
    const time = start + ((i * 7919) % span);
    state.crm.activities.add({
      OWNER_TYPE_ID: 3,
      OWNER_ID: i % 10_000,
      TYPE_ID: 6,
      PROVIDER_ID: 'CRM_TODO',
      PROVIDER_TYPE_ID: 'TODO',
      SUBJECT: 'Задача другого отдела',
      CREATED: time,
      LAST_UPDATED: time,
      START_TIME: time,
      END_TIME: time,
      DEADLINE: time,
      COMPLETED: true,
      STATUS: 2,
      RESPONSIBLE_ID: 5000 + (i % 1000),
      AUTHOR_ID: 5000,
      EDITOR_ID: 5000,
      PRIORITY: 2,
      DIRECTION: 0,
      DESCRIPTION: '',
    });
  }
}

function addActivities(
  state: PortalState,
  calendar: DepartmentCalendar,
  random: Random,
  p: ManagerProfile,
  day: IsoDay,
): void {
  const table = state.crm.activities;
  const activity = (
    type: number,
    provider: string,
    minutes: number,
    extra: Record<string, number | string | boolean>,
  ) => {
    const time = at(calendar, day, minutes);
    table.add({
      OWNER_TYPE_ID: 2,
      OWNER_ID: 0,
      TYPE_ID: type,
      PROVIDER_ID: provider,
      CREATED: time,
      LAST_UPDATED: time,
      START_TIME: time,
      END_TIME: time + 600_000,
      DEADLINE: time,
      COMPLETED: true,
      STATUS: 2,
      RESPONSIBLE_ID: p.id,
      AUTHOR_ID: p.id,
      EDITOR_ID: p.id,
      PRIORITY: 2,
      DIRECTION: 0,
      DESCRIPTION: '',
      ...extra,
    });
  };
  const norms = p.mode === 'active' ? DAILY_NORMS.active : DAILY_NORMS.passive;
  const calls = dailyCount(random, norms.calls_outgoing, p.lags.has('calls_outgoing'));
  for (let i = 0; i < calls; i++) {
    const time = spread(calendar, day, i, calls);
    table.add({
      OWNER_TYPE_ID: 3,
      OWNER_ID: random.int(1, 5000),
      TYPE_ID: 2,
      PROVIDER_ID: 'VOXIMPLANT_CALL',
      PROVIDER_TYPE_ID: 'CALL',
      SUBJECT: p.mode === 'active' ? 'Холодный звонок' : 'Звонок по заявке',
      CREATED: time,
      LAST_UPDATED: time,
      START_TIME: time,
      END_TIME: time + 180_000,
      DEADLINE: time,
      COMPLETED: true,
      STATUS: 2,
      RESPONSIBLE_ID: p.id,
      AUTHOR_ID: p.id,
      EDITOR_ID: p.id,
      PRIORITY: 2,
      DIRECTION: 2,
      DESCRIPTION: '',
    });
  }
  for (let i = 0, n = random.int(2, 6); i < n; i++) {
    activity(2, 'VOXIMPLANT_CALL', random.int(540, 1070), {
      DIRECTION: 1,
      SUBJECT: 'Входящий звонок',
      PROVIDER_TYPE_ID: 'CALL',
    });
  }
  for (
    let i = 0, n = dailyCount(random, DAILY_NORMS.all.meetings, p.lags.has('meetings'));
    i < n;
    i++
  ) {
    activity(1, 'CRM_MEETING', 600 + i * 120, {
      SUBJECT: 'Встреча с клиентом',
      PROVIDER_TYPE_ID: 'MEETING',
      LOCATION: 'офис клиента',
    });
  }
  for (let i = 0, n = dailyCount(random, DAILY_NORMS.all.emails, p.emailsLag); i < n; i++) {
    activity(4, 'CRM_EMAIL', random.int(540, 1070), {
      DIRECTION: 2,
      SUBJECT: 'Коммерческое предложение',
      PROVIDER_TYPE_ID: 'EMAIL',
    });
  }
  for (let i = 0, n = random.int(1, 3); i < n; i++) {
    activity(6, 'CRM_TODO', random.int(540, 1070), {
      SUBJECT: random.chance(0.3) ? 'Замер на объекте' : 'Подготовить документы',
      PROVIDER_TYPE_ID: 'TODO',
    });
  }
}

function addCalls(
  state: PortalState,
  calendar: DepartmentCalendar,
  random: Random,
  p: ManagerProfile,
  day: IsoDay,
): void {
  const norms = p.mode === 'active' ? DAILY_NORMS.active : DAILY_NORMS.passive;
  const connected = dailyCount(random, norms.calls_connected, p.lags.has('calls_connected'));
  const incoming = random.int(1, 4);
  const talkSeconds =
    p.mode === 'active'
      ? Math.round(
          DAILY_NORMS.active.talk_minutes *
            60 *
            (p.lags.has('talk_minutes') ? 0.15 + random.next() * 0.2 : 1.25 + random.next() * 0.3),
        )
      : random.int(1500, 3600);
  const durations = split(random, talkSeconds, connected + incoming);
  const record = (type: number, code: string, duration: number, minutes: number) =>
    state.crm.calls.add({
      CALL_ID: `call-${p.id}-${day}-${minutes}-${random.int(0, 1e6)}`,
      PORTAL_USER_ID: p.id,
      PORTAL_NUMBER: '+74950000000',
      PHONE_NUMBER: `+7916${random.int(1_000_000, 9_999_999)}`,
      CALL_TYPE: type,
      CALL_DURATION: duration,
      CALL_START_DATE: at(calendar, day, minutes),
      CALL_FAILED_CODE: code,
      CALL_FAILED_REASON: code === '200' ? 'Success call' : 'Busy',
      CRM_ENTITY_TYPE: 'CONTACT',
      CRM_ENTITY_ID: random.int(1, 5000),
      COST: 0,
      COST_CURRENCY: 'RUR',
      CALL_RECORD_URL: '',
    });
  for (let i = 0; i < connected; i++) {
    record(
      1,
      '200',
      durations[i] ?? 60,
      540 + Math.floor(((i + 0.5) * 540) / Math.max(1, connected)),
    );
  }
  for (let i = 0; i < incoming; i++) {
    record(2, '200', durations[connected + i] ?? 60, random.int(540, 1070));
  }
  for (let i = 0, failed = random.int(3, 8); i < failed; i++) {
    record(1, random.pick(['486', '603', '304']), 0, random.int(540, 1070));
  }
}

/** Splits a total into `parts` positive whole numbers that add up to it exactly. */
function split(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const values = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  values[values.length - 1] = Math.max(1, total - values.slice(0, -1).reduce((a, b) => a + b, 0));
  return values;
}
