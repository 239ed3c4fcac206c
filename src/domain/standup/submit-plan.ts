import { missingPart } from './answer-draft.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation, PlanStep } from './conversation-schema.js';
import { deadlineKeyboard, emit, headDialog, textsOf, toManager, type Step } from './effects.js';
import { cardKeyboard, headCardText, headCardUpdate, headKeyboard } from './head-card.js';

/** One more step of the plan's way, by `by` now. */
export function withStep(
  state: Conversation,
  kind: PlanStep['kind'],
  by: number,
  context: ConversationContext,
): Conversation {
  return { ...state, steps: [...state.steps, { kind, by, at: context.now }] };
}

/** Asks for the first missing part, or sends the complete plan to the head. */
export function askNextOrFinish(
  state: Conversation,
  context: ConversationContext,
  at: string,
): Step {
  const t = textsOf(context);
  const next = missingPart(state.answer);
  if (next === 'reason' || next === 'plan') {
    return emit(
      { ...state, awaiting: next },
      toManager(state, next === 'reason' ? t.askReason : t.askPlan),
    );
  }
  if (next === 'deadline') {
    return emit(
      { ...state, awaiting: 'deadline' },
      toManager(state, t.askDeadline, deadlineKeyboard(state, context)),
    );
  }
  const complete: Conversation = {
    ...state,
    awaiting: undefined,
    phase: 'answered',
    answeredAt: at,
    late: state.escalated,
  };
  return submitPlan(withStep(complete, 'submitted', state.managerId, context), context, false);
}

/** The complete plan goes to the head as a card with buttons; the manager sees a summary. */
export function submitPlan(
  state: Conversation,
  context: ConversationContext,
  revised: boolean,
): Step {
  const t = textsOf(context);
  const summary = emit(state, toManager(state, t.summary(state.answer, revised)));
  const card = emit(summary.state, {
    type: 'send',
    dialogId: headDialog(context),
    text: headCardText(state, context, revised ? 'revised' : 'pending'),
    keyboard: cardKeyboard(state, context, headKeyboard(state, context)) ?? [],
  });
  const refs = { ...state.refs, summary: summary.effects[0]?.id, headCard: card.effects[0]?.id };
  return { state: { ...card.state, refs }, effects: [...summary.effects, ...card.effects] };
}

/** A plan changed before the head decided: the head's card shows it, the manager is told. */
export function planEdited(state: Conversation, context: ConversationContext): Step {
  const t = textsOf(context);
  const updates = headCardUpdate(state, context, 'revised', headKeyboard(state, context));
  return emit(state, ...updates, toManager(state, t.summary(state.answer, true)));
}

/** At a decided plan's deadline the figures are measured again. */
export function scheduleCheck(state: Conversation, context: ConversationContext): Step {
  if (!context.deadlineCheck || state.answer.deadline === undefined) {
    return { state, effects: [] };
  }
  return emit(state, {
    type: 'schedule',
    timer: 'deadline',
    at: context.checkAt(state.answer.deadline),
  });
}
