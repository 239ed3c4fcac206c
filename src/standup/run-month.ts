import { DateTime } from 'luxon';
import { monthKeyOf, lastWorkingDayOfMonth } from '../domain/month/month-days.js';
import type { MonthReport } from '../domain/month/month-report.js';
import { monthCardText, monthName, monthTexts } from '../domain/month/month-texts.js';
import { nextMonthPlan } from '../domain/month/next-month-plan.js';
import type { Button, Effect } from '../domain/standup/conversation-schema.js';
import { dayLabel } from '../domain/standup/texts/format.js';
import { measureMonth } from '../report/measure-month.js';
import { monthCardId, type MonthCard } from './month-store.js';
import { flushOutbox, runEffects } from './run-effects.js';
import { effectDeps, languageOf, nowIso, type StandupDeps } from './service-deps.js';

/** The scheduled month job's payload (src/jobs/job-schemas.ts). */
export interface MonthJob {
  kind: 'results' | 'plan_warning';
  month: string;
  day: string;
  runAt: string;
}

/** The card's message: its effect id, which the approval's update refers to. */
export const monthCardMessageId = (cardId: string) => `${cardId}-m1`;

/**
 * The month job, idempotent: the results card is measured once and kept (a retry sends the
 * same card), and each message goes out once through the card's outbox; the warning about a
 * missing plan for next month has a fixed id and is sent at most once.
 */
export async function runMonthJob(deps: StandupDeps, job: MonthJob): Promise<{ sent: boolean }> {
  if (job.kind === 'results') {
    const card = await monthCard(deps, {
      cardId: monthCardId(deps.dept.id, job.month),
      at: new Date(job.runAt),
      dialogId: String(deps.dept.head.userId),
    });
    return { sent: card !== undefined };
  }
  const next = nextMonthPlan(deps.dept, deps.calendar, job.day);
  if (!next.missing) {
    deps.log.info({ month: next.key }, 'the file has next month plan: no warning');
    return { sent: false };
  }
  const lang = languageOf(deps);
  const last = lastWorkingDayOfMonth(deps.calendar, job.day) ?? job.day;
  await runEffects(effectDeps(deps), `plan-warning-${deps.dept.id}-${job.month}`, [
    {
      type: 'send',
      id: `plan-warning-${deps.dept.id}-${job.month}`,
      dialogId: String(deps.dept.head.userId),
      text: monthTexts(lang).warning(monthName(next.key, lang), dayLabel(last, lang)),
    },
  ]);
  return { sent: true };
}

/**
 * A monthly card: measured and stored under `cardId` the first time (create-if-absent), then
 * its outbox flushed. The scheduled one has an id per month; `/month` makes one per request.
 */
export async function monthCard(
  deps: StandupDeps,
  options: { cardId: string; at: Date; dialogId: string },
): Promise<MonthCard | undefined> {
  const { cards } = deps.store.month;
  if ((await cards.get(options.cardId)) === undefined) {
    const report = await measureMonth({
      dept: deps.dept,
      calendar: deps.calendar,
      reader: deps.reader,
      at: options.at,
      history: deps.store.history,
      log: deps.log,
    });
    await cards.create(options.cardId, newCard(deps, options.cardId, options.dialogId, report));
    deps.log.info(
      { cardId: options.cardId, month: report.month, requests: report.requests },
      "month's results measured",
    );
  }
  return (await flushOutbox(effectDeps(deps), cards, options.cardId))?.value;
}

function newCard(
  deps: StandupDeps,
  cardId: string,
  dialogId: string,
  report: MonthReport,
): MonthCard {
  const lang = languageOf(deps);
  const effect: Effect = {
    type: 'send',
    id: monthCardMessageId(cardId),
    dialogId,
    text: monthCardText(report, lang),
    ...(report.nextMonth.missing ? {} : { keyboard: approveKeyboard(cardId, lang) }),
  };
  return {
    id: cardId,
    day: report.day,
    departmentId: deps.dept.id,
    report,
    createdAt: nowIso(deps),
    outbox: [effect],
    effectSeq: 1,
  };
}

function approveKeyboard(cardId: string, lang: 'ru' | 'en'): Button[][] {
  return [
    [
      {
        text: monthTexts(lang).approve,
        command: '/month_approve',
        params: cardId,
        tone: 'primary',
      },
    ],
  ];
}

/** The id of an on-demand card: the month measured and the chat event that asked for it. */
export function onDemandCardId(deps: StandupDeps, eventId: number): string {
  const day = DateTime.fromJSDate(deps.now(), { zone: deps.dept.timeZone }).toISODate() ?? '';
  return `${monthCardId(deps.dept.id, monthKeyOf(day))}-e${eventId}`;
}
