import { DateTime } from 'luxon';
import { atLocalTime } from '../domain/department/local-time.js';
import { rhythmOf } from '../domain/rhythm/rhythm-settings.js';
import type { NewEffect } from '../domain/standup/effects.js';
import { weekCard } from '../domain/week/week-card.js';
import { weekIdOf } from '../domain/week/week-report.js';
import { measureWeek } from '../report/measure-week.js';
import { flushOutbox } from '../standup/run-effects.js';
import {
  effectDeps,
  languageOf,
  nowIso,
  titleOf,
  type StandupDeps,
} from '../standup/service-deps.js';
import { weekCardData } from './week-card-data.js';
import type { WeekRecord } from './week-record.js';

export interface WeekOutcome {
  weekId: string;
  /** True when the card was already made (a retry, a second instance): nothing measured again. */
  resumed: boolean;
  issues: number;
}

/**
 * The weekly card job, idempotent like the standup: the week is measured once and kept with
 * the card (a retry reuses it), and the messages go through the record's outbox with fixed
 * ids, so two instances or a retry send the card once.
 */
export async function runWeek(deps: StandupDeps, meetingDay?: string): Promise<WeekOutcome> {
  const now = DateTime.fromJSDate(deps.now(), { zone: deps.calendar.zone });
  const today = now.toISODate() ?? '';
  const day =
    meetingDay ??
    (deps.calendar.isWorkingDay(today) ? today : deps.calendar.previousWorkingDay(today));
  // A job retried after its day measures that day up to the meeting, never the next one.
  const at =
    day === today
      ? now
      : atLocalTime(
          DateTime.fromISO(day, { zone: deps.calendar.zone }),
          rhythmOf(deps.dept).weeklyMeeting.time,
        );
  return storeAndSend(deps, weekIdOf(deps.dept.id, day), async () => {
    const report = await measureWeek({
      dept: deps.dept,
      calendar: deps.calendar,
      reader: deps.reader,
      at: at.toJSDate(),
      log: deps.log,
    });
    return newRecord(deps, await weekCardData(deps, report));
  });
}

/** The week's card for a week id: made once (by `make`), then its outbox sent. */
export async function storeAndSend(
  deps: StandupDeps,
  weekId: string,
  make: () => Promise<WeekRecord>,
): Promise<WeekOutcome> {
  const store = deps.store.week;
  let record = (await store.weeks.get(weekId))?.value;
  const resumed = record !== undefined;
  if (record === undefined) {
    const created = await make();
    await store.weeks.create(weekId, created);
    await store.indexWeek(weekId, created.day);
    record = (await store.weeks.get(weekId))?.value ?? created;
    deps.log.info({ weekId, issues: created.card.issues.length }, 'week measured, card made');
  }
  await flushOutbox(effectDeps(deps), store.weeks, weekId);
  return { weekId, resumed, issues: record.card.issues.length };
}

function newRecord(deps: StandupDeps, card: WeekRecord['card']): WeekRecord {
  const lang = languageOf(deps);
  const titles = titleOf(deps);
  const id = card.report.weekId;
  const head = weekCard(card, titles, lang, 'head');
  const effects: NewEffect[] = [
    {
      type: 'send',
      dialogId: String(deps.dept.head.userId),
      text: head.text,
      attach: head.attach,
      ...(head.keyboard.length === 0 ? {} : { keyboard: head.keyboard }),
    },
  ];
  if (deps.dept.teamChat !== undefined) {
    const team = weekCard(card, titles, lang, 'team');
    effects.push({
      type: 'send',
      dialogId: deps.dept.teamChat,
      text: team.text,
      attach: team.attach,
    });
  }
  return {
    id,
    day: card.report.day,
    departmentId: deps.dept.id,
    card,
    createdAt: nowIso(deps),
    headCardEffectId: `${id}-w1`,
    outbox: effects.map((effect, index) => ({ ...effect, id: `${id}-w${index + 1}` })),
    effectSeq: effects.length,
  };
}
