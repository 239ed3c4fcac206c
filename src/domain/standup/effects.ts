import { DateTime } from 'luxon';
import type { Button, Conversation, Effect } from './conversation-schema.js';
import type { ConversationContext } from './conversation-context.js';
import { figureLine } from './texts/catalogue.js';
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

export type HeadCardStatus = Parameters<Texts['headCard']>[3];

/** The head's card on a plan: who, the lagging figures, reason, plan, deadline, status. */
export function headCardText(
  state: Conversation,
  context: ConversationContext,
  status: HeadCardStatus,
): string {
  return textsOf(context).headCard(
    state.managerName,
    lagLines(state, context),
    state.answer,
    status,
    state.late,
  );
}

/** The head's card redrawn with a new status and buttons; nothing when it was never sent. */
export function headCardUpdate(
  state: Conversation,
  context: ConversationContext,
  status: HeadCardStatus,
  keyboard: Button[][] | null,
): NewEffect[] {
  const ref = state.refs.headCard;
  return ref === undefined
    ? []
    : [{ type: 'update', ref, text: headCardText(state, context, status), keyboard }];
}

export function headKeyboard(
  state: Conversation,
  context: ConversationContext,
  onlyApprove = false,
): Button[][] {
  const t = textsOf(context).headButtons;
  const approve: Button = {
    text: t.approve,
    command: '/approve',
    params: state.id,
    tone: 'primary',
  };
  return onlyApprove
    ? [[approve]]
    : [
        [
          approve,
          { text: t.correct, command: '/correct', params: state.id },
          { text: t.discuss, command: '/discuss', params: state.id },
        ],
      ];
}

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

/** The manager's private dialog, from the bot's side. */
export const managerDialog = (state: Conversation) => String(state.managerId);
export const headDialog = (context: ConversationContext) => String(context.headId);

export function localDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISODate() ?? iso.slice(0, 10);
}
