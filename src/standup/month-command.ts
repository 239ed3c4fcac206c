import { DateTime } from 'luxon';
import { mayDecide } from '../domain/department/may-decide.js';
import { monthCardText, monthName, monthTexts } from '../domain/month/month-texts.js';
import type { ChatInput } from '../domain/standup/chat-input.js';
import type { Effect } from '../domain/standup/conversation-schema.js';
import { boardTexts } from '../domain/standup/texts/board-texts.js';
import { updateWithRetry } from '../store/versioned-docs.js';
import type { MonthCard } from './month-store.js';
import { monthCard, monthCardMessageId, onDemandCardId } from './run-month.js';
import { runEffects } from './run-effects.js';
import { effectDeps, languageOf, nowIso, type StandupDeps } from './service-deps.js';

/** `/month` (the head: the month's results now) and the card's approve button. */
export const MONTH_COMMANDS = ['month', 'month_approve'] as const;

export function isMonthCommand(command: string): boolean {
  return (MONTH_COMMANDS as readonly string[]).includes(command.replace(/^\//, '').toLowerCase());
}

type CommandInput = Extract<ChatInput, { kind: 'command' }>;

/**
 * A month command, authorized like the daily buttons: only the head (or a deputy) gets the
 * card or approves the plan; anyone else is told so and nothing changes. Every reply has an
 * id from the event, so a redelivered event is answered once.
 */
export async function handleMonthCommand(deps: StandupDeps, input: CommandInput): Promise<void> {
  const lang = languageOf(deps);
  const t = monthTexts(lang);
  const reply = (text: string) =>
    runEffects(effectDeps(deps), `event-${input.eventId}`, [
      { type: 'send', id: `event-${input.eventId}-reply`, dialogId: input.dialogId, text },
    ]);
  const command = input.command.replace(/^\//, '').toLowerCase();
  const isHead = mayDecide(deps.dept.head, input.userId);
  if (command === 'month') {
    if (!isHead) {
      const isManager = deps.dept.managers.some((m) => m.userId === input.userId);
      await reply(boardTexts(lang).help[isManager ? 'manager' : 'stranger']);
      return;
    }
    await monthCard(deps, {
      cardId: onDemandCardId(deps, input.eventId),
      at: deps.now(),
      dialogId: input.dialogId,
    });
    return;
  }
  if (!isHead) {
    await reply(t.notYours);
    return;
  }
  const cardId = input.params.trim().split(/\s+/)[0] ?? '';
  const current = cardId === '' ? undefined : (await deps.store.month.cards.get(cardId))?.value;
  if (current === undefined) {
    deps.log.warn({ cardId }, 'approve pressed on a monthly card that is not stored');
    return;
  }
  const next = current.report.nextMonth;
  if (next.missing) {
    await reply(t.nothingToApprove(monthName(next.key, lang)));
    return;
  }
  const at = nowIso(deps);
  const card = await updateWithRetry(deps.store.month.cards, cardId, (doc) => {
    if (doc === undefined) {
      return undefined;
    }
    return doc.value.approved !== undefined
      ? { value: doc.value, result: doc.value }
      : {
          value: { ...doc.value, approved: { by: input.userId, at, eventId: input.eventId } },
          result: { ...doc.value, approved: { by: input.userId, at, eventId: input.eventId } },
        };
  });
  if (card?.approved === undefined) {
    return;
  }
  if (card.approved.eventId !== input.eventId) {
    await reply(t.already(monthName(next.key, lang)));
    return;
  }
  await recordApproval(deps, card);
}

/** The approval in the history, the card without its button, and one line to the head. */
async function recordApproval(deps: StandupDeps, card: MonthCard): Promise<void> {
  const approved = card.approved;
  if (approved === undefined) {
    return;
  }
  const lang = languageOf(deps);
  const t = monthTexts(lang);
  const next = card.report.nextMonth;
  const day = DateTime.fromISO(approved.at, { setZone: true }).toISODate() ?? card.day;
  await deps.store.month.history.put(`month-plan-${deps.dept.id}-${next.key}`, day, {
    kind: 'month_plan',
    month: card.report.month,
    planMonth: next.key,
    cardId: card.id,
    approvedBy: approved.by,
    approvedByName:
      approved.by === deps.dept.head.userId ? deps.dept.head.name : String(approved.by),
    approvedAt: approved.at,
    plan: next,
  });
  const when = DateTime.fromISO(approved.at, { setZone: true }).toFormat('dd.MM HH:mm');
  const by = approved.by === deps.dept.head.userId ? deps.dept.head.name : String(approved.by);
  const effects: Effect[] = [
    {
      type: 'update',
      id: `${card.id}-approved-card`,
      ref: monthCardMessageId(card.id),
      text: `${monthCardText(card.report, lang)}\n\n${t.approvedStatus(by, when)}`,
      keyboard: null,
    },
    {
      type: 'send',
      id: `${card.id}-approved-reply`,
      dialogId: String(approved.by),
      text: t.approvedReply(monthName(next.key, lang)),
    },
  ];
  await runEffects(effectDeps(deps), card.id, effects);
}
