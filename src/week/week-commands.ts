import { DateTime } from 'luxon';
import type { ChatInput } from '../domain/standup/chat-input.js';
import { mayDecide } from '../domain/department/may-decide.js';
import { rhythmOf } from '../domain/rhythm/rhythm-settings.js';
import type { Effect } from '../domain/standup/conversation-schema.js';
import { weekCard } from '../domain/week/week-card.js';
import { decideIssue, type IssueAction } from '../domain/week/week-issues.js';
import { WEEK_TEXTS } from '../domain/week/week-texts.js';
import { runEffects } from '../standup/run-effects.js';
import {
  effectDeps,
  languageOf,
  nowIso,
  titleOf,
  type StandupDeps,
} from '../standup/service-deps.js';
import { updateWithRetry } from '../store/versioned-docs.js';
import { runWeek } from './run-week.js';
import type { WeekRecord } from './week-record.js';

/** The weekly meeting's chat commands: the card now, an issue's fate, a one-to-one, training. */
export const WEEK_COMMANDS = ['week', 'issue', '1on1', 'training'] as const;

const ACTIONS: readonly IssueAction[] = ['solved', 'carry', 'drop'];

/**
 * Handles a weekly command when `input` is one (returns false otherwise). Only the head (or a
 * deputy) may use them, like the daily buttons; anyone else is told so once per event. Every
 * reply and card update has an id derived from the event, so a redelivered event does nothing
 * twice.
 */
export async function handleWeekCommand(deps: StandupDeps, input: ChatInput): Promise<boolean> {
  if (input.kind !== 'command') {
    return false;
  }
  const command = input.command.replace(/^\//, '').toLowerCase();
  if (!(WEEK_COMMANDS as readonly string[]).includes(command)) {
    return false;
  }
  const t = WEEK_TEXTS[languageOf(deps)];
  const reply = (text: string): Effect => ({
    type: 'send',
    id: `event-${input.eventId}-reply`,
    dialogId: input.dialogId,
    text,
  });
  const effects: Effect[] = [];
  if (!mayDecide(deps.dept.head, input.userId)) {
    effects.push(reply(t.onlyHead));
  } else if (command === 'week') {
    effects.push(...(await weekNow(deps, input.eventId)));
  } else if (command === 'issue') {
    effects.push(...(await issueAction(deps, input.params, input.eventId, reply)));
  } else {
    effects.push(...(await markPerson(deps, command, input.params, input.eventId, reply)));
  }
  await runEffects(effectDeps(deps), `event-${input.eventId}`, effects);
  return true;
}

/** `/week`: this week's card again when there is one, else the card made now. */
async function weekNow(deps: StandupDeps, eventId: number): Promise<Effect[]> {
  const latest = await latestWeek(deps);
  const today = DateTime.fromJSDate(deps.now(), { zone: deps.calendar.zone }).toISODate() ?? '';
  if (
    latest === undefined ||
    !latest.card.report.workingDays.includes(latestWorkingDay(deps, today))
  ) {
    await runWeek(deps);
    return [];
  }
  const card = weekCard(latest.card, titleOf(deps), languageOf(deps), 'head');
  return [
    {
      type: 'send',
      id: `event-${eventId}-week`,
      dialogId: String(deps.dept.head.userId),
      text: card.text,
      attach: card.attach,
      ...(card.keyboard.length === 0 ? {} : { keyboard: card.keyboard }),
    },
  ];
}

function latestWorkingDay(deps: StandupDeps, today: string): string {
  return deps.calendar.isWorkingDay(today) ? today : deps.calendar.previousWorkingDay(today);
}

async function latestWeek(deps: StandupDeps): Promise<WeekRecord | undefined> {
  const today = DateTime.fromJSDate(deps.now(), { zone: deps.calendar.zone });
  const id = await deps.store.week.weekBefore(today.plus({ days: 1 }).toISODate() ?? '');
  return id === undefined ? undefined : (await deps.store.week.weeks.get(id))?.value;
}

/** `/issue <weekId> <n> solved|carry|drop`: the issue's fate, and the card redrawn. */
async function issueAction(
  deps: StandupDeps,
  params: string,
  eventId: number,
  reply: (text: string) => Effect,
): Promise<Effect[]> {
  const t = WEEK_TEXTS[languageOf(deps)];
  const [weekId = '', id = '', action = ''] = params.trim().split(/\s+/);
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return [reply(t.noIssue)];
  }
  const updated = await updateWithRetry(deps.store.week.weeks, weekId, (current) => {
    if (current === undefined) {
      return undefined;
    }
    const issues = decideIssue(current.value.card.issues, id, action as IssueAction, nowIso(deps));
    if (issues === undefined) {
      return undefined;
    }
    const value = { ...current.value, card: { ...current.value.card, issues } };
    return { value, result: value };
  });
  if (updated === undefined) {
    return [reply(t.noIssue)];
  }
  const issue = updated.card.issues.find((i) => i.id === id);
  return [
    cardUpdate(deps, updated, eventId),
    reply(t.issueDone(id, t.state[issue?.state ?? 'open'])),
  ];
}

/** `/1on1 Имя` or `/training Имя` (a button gives the user id and the week). */
async function markPerson(
  deps: StandupDeps,
  command: string,
  params: string,
  eventId: number,
  reply: (text: string) => Effect,
): Promise<Effect[]> {
  const lang = languageOf(deps);
  const t = WEEK_TEXTS[lang];
  const rhythm = rhythmOf(deps.dept);
  const training = command === 'training';
  if (!(training ? rhythm.training.enabled : rhythm.oneOnOne.enabled)) {
    return [reply(t.off)];
  }
  const [first = '', weekId] = params.trim().split(/\s+/);
  const byId = /^\d+$/.test(first)
    ? deps.dept.managers.filter((m) => m.userId === Number(first))
    : [];
  const query = params.trim().toLowerCase();
  const found =
    byId.length > 0
      ? byId
      : query === ''
        ? []
        : deps.dept.managers.filter(
            (m) =>
              m.name
                .toLowerCase()
                .split(/\s+/)
                .some((part) => query.split(/\s+/).includes(part)) ||
              m.name.toLowerCase() === query,
          );
  const manager = found.length === 1 ? found[0] : undefined;
  if (manager === undefined) {
    return [reply(t.whom(found.map((m) => m.name)))];
  }
  const now = DateTime.fromJSDate(deps.now(), { zone: deps.calendar.zone });
  const day = now.toISODate() ?? '';
  const store = deps.store.week;
  // A redelivered event must not count twice: the mark is taken once per event.
  const counted = await deps.store.firstToday(`week-mark-${eventId}`, day);
  let text: string;
  if (training) {
    if (counted) {
      await store.setTraining(manager.userId, day);
    }
    text = t.trainingDone(manager.name);
  } else {
    const month = now.toFormat('yyyy-MM');
    const done = counted
      ? await store.addOneOnOne(month, manager.userId, day)
      : ((await store.oneOnOnes(month)).get(manager.userId) ?? 0);
    text = t.oneOnOneDone(manager.name, done, rhythm.oneOnOne.perMonth);
  }
  const effects: Effect[] = [reply(text)];
  const record =
    weekId === undefined ? await latestWeek(deps) : (await store.weeks.get(weekId))?.value;
  if (record !== undefined) {
    const updated = await updateWithRetry(store.weeks, record.id, (current) => {
      if (current === undefined) {
        return undefined;
      }
      const card = current.value.card;
      const months = withoutDone(card, manager.userId, training, rhythm.oneOnOne.perMonth);
      const value = { ...current.value, card: months };
      return { value, result: value };
    });
    if (updated !== undefined) {
      effects.unshift(cardUpdate(deps, updated, eventId));
    }
  }
  return effects;
}

/** The card without the person among those due (a one-to-one: once the month's count is met). */
function withoutDone(
  card: WeekRecord['card'],
  managerId: number,
  training: boolean,
  perMonth: number,
): WeekRecord['card'] {
  if (training) {
    return { ...card, training: card.training.filter((d) => d.managerId !== managerId) };
  }
  return {
    ...card,
    oneOnOne: card.oneOnOne.flatMap((d) => {
      if (d.managerId !== managerId) {
        return [d];
      }
      const done = (d.done ?? 0) + 1;
      return done >= perMonth ? [] : [{ ...d, done }];
    }),
  };
}

function cardUpdate(deps: StandupDeps, record: WeekRecord, eventId: number): Effect {
  const card = weekCard(record.card, titleOf(deps), languageOf(deps), 'head');
  return {
    type: 'update',
    id: `event-${eventId}-card`,
    ref: record.headCardEffectId,
    text: card.text,
    keyboard: card.keyboard.length === 0 ? null : card.keyboard,
  };
}
