import { DateTime } from 'luxon';
import type { Button, Conversation, Effect } from './conversation-schema.js';
import type { ConversationContext } from './conversation-context.js';
import { figureLine } from './texts/catalogue.js';
import { ANSWER_TEXTS, type AnswerTexts } from './texts/answer-texts.js';
import { TEXTS, type Texts } from './texts/texts.js';

/** A transition's result: the next state (its outbox holds the new effects) and those effects. */
export interface Step {
  state: Conversation;
  effects: Effect[];
}

export type NewEffect = Effect extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never;

/** Adds effects with ids fixed by the state: `<conversation id>-e<n>`. */
export function emit(state: Conversation, ...effects: NewEffect[]): Step {
  let seq = state.effectSeq;
  const withIds = effects.map((effect) => ({ ...effect, id: `${state.id}-e${++seq}` }));
  return {
    state: { ...state, effectSeq: seq, outbox: [...state.outbox, ...withIds] },
    effects: withIds,
  };
}

/** Chains steps: effects of both, state of the last. */
export function andThen(step: Step, next: (state: Conversation) => Step): Step {
  const after = next(step.state);
  return { state: after.state, effects: [...step.effects, ...after.effects] };
}

export const unchanged = (state: Conversation): Step => ({ state, effects: [] });

/**
 * A reply that changes nothing (a refusal): the state stays exactly as it was and the reply's
 * id comes from the event, so a redelivered event is answered once.
 */
export function reply(state: Conversation, eventId: number, dialogId: string, text: string): Step {
  return { state, effects: [{ type: 'send', id: `${state.id}-r${eventId}`, dialogId, text }] };
}

export function textsOf(context: ConversationContext): Texts {
  return TEXTS[context.language];
}

export function lagLines(state: Conversation, context: ConversationContext): string[] {
  return state.lags.map((lag) => figureLine(lag, context.titleOf(lag.metric), context.language));
}

/** Today, tomorrow, end of week: a deadline with one tap. */
export function deadlineKeyboard(state: Conversation, context: ConversationContext): Button[][] {
  const t = textsOf(context).deadlineButtons;
  return [
    [
      { text: t.today, command: '/deadline', params: `${state.id} today` },
      { text: t.tomorrow, command: '/deadline', params: `${state.id} tomorrow` },
      { text: t.endOfWeek, command: '/deadline', params: `${state.id} eow` },
    ],
  ];
}

/** [Заменить] [Оставить]: the manager's answer to "replace the plan with this one?". */
export function replaceKeyboard(state: Conversation, context: ConversationContext): Button[][] {
  const t = answerTextsOf(context).replaceButtons;
  return [
    [
      { text: t.replace, command: '/replace', params: state.id, tone: 'primary' },
      { text: t.keep, command: '/keep', params: state.id },
    ],
  ];
}

export function answerTextsOf(context: ConversationContext): AnswerTexts {
  return ANSWER_TEXTS[context.language];
}

/** A message to the manager. */
export const toManager = (state: Conversation, text: string, keyboard?: Button[][]): NewEffect =>
  keyboard === undefined
    ? { type: 'send', dialogId: managerDialog(state), text }
    : { type: 'send', dialogId: managerDialog(state), text, keyboard };

/** The manager's private dialog, from the bot's side. */
export const managerDialog = (state: Conversation) => String(state.managerId);
export const headDialog = (context: ConversationContext) => String(context.headId);

export function localDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISODate() ?? iso.slice(0, 10);
}
