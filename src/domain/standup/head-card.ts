import type { Button, Conversation } from './conversation-schema.js';
import type { ConversationContext } from './conversation-context.js';
import { lagLines, textsOf, type NewEffect } from './effects.js';
import { isCut } from './texts/plan-lines.js';
import type { CardStatus } from './texts/texts.js';

/** The head's card on a plan: who, the lagging figures, reason, plan, deadline, its state. */
export function headCardText(
  state: Conversation,
  context: ConversationContext,
  status: CardStatus,
): string {
  return textsOf(context).headCard({
    name: state.managerName,
    lines: lagLines(state, context),
    parts: state.answer,
    status,
    late: state.late,
    ...(state.correction === undefined ? {} : { correction: state.correction }),
  });
}

/**
 * A card's buttons plus "Показать полностью" when the reason or the plan is longer than the
 * card shows; that one stays after the decision, for reading the whole text later.
 */
export function cardKeyboard(
  state: Conversation,
  context: ConversationContext,
  keyboard: Button[][] | null,
): Button[][] | null {
  if (!isCut(state.answer.reason) && !isCut(state.answer.plan)) {
    return keyboard;
  }
  const full: Button = {
    text: textsOf(context).headButtons.full,
    command: '/full',
    params: state.id,
  };
  return [...(keyboard ?? []), [full]];
}

/** The head's card redrawn with a new state and buttons; nothing when it was never sent. */
export function headCardUpdate(
  state: Conversation,
  context: ConversationContext,
  status: CardStatus,
  keyboard: Button[][] | null,
): NewEffect[] {
  const ref = state.refs.headCard;
  return ref === undefined
    ? []
    : [
        {
          type: 'update',
          ref,
          text: headCardText(state, context, status),
          keyboard: cardKeyboard(state, context, keyboard),
        },
      ];
}

/** Approve, Correct, Discuss at the meeting (or only Approve once sent to the meeting). */
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
