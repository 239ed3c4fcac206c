import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  andThen,
  emit,
  headDialog,
  managerDialog,
  textsOf,
  unchanged,
  type Step,
} from './effects.js';
import { headCardUpdate, headKeyboard } from './head-card.js';
import { headIntent } from './head-intent.js';
import { scheduleCheck, withStep } from './submit-plan.js';

export type HeadDecision = 'approve' | 'correct' | 'discuss';

/** Which decisions each phase allows: a plan must be complete, and not decided for good. */
const ALLOWED: Record<HeadDecision, readonly Conversation['phase'][]> = {
  approve: ['answered', 'correcting', 'discuss'],
  correct: ['answered', 'discuss'],
  discuss: ['answered', 'correcting'],
};

/** The head's button (or bulk message) on a plan. Authorization is checked by the caller. */
export function headDecision(
  state: Conversation,
  decision: HeadDecision,
  context: ConversationContext,
  refuse: (text: string) => Step,
): Step {
  const t = textsOf(context);
  if (!ALLOWED[decision].includes(state.phase)) {
    return state.phase === 'asked' ? unchanged(state) : refuse(t.alreadyDecided);
  }
  if (decision === 'approve') {
    const approved = withStep(
      {
        ...state,
        phase: 'approved',
        decision: { kind: 'approved', by: context.headId, at: context.now },
        decidedAt: context.now,
      },
      'approved',
      context.headId,
      context,
    );
    return andThen(
      emit(approved, ...headCardUpdate(approved, context, 'approved', null), {
        type: 'send',
        dialogId: managerDialog(state),
        text: t.approvedToManager(state.answer.deadline, false),
      }),
      (s) => scheduleCheck(s, context),
    );
  }
  if (decision === 'discuss') {
    const discuss = withStep(
      {
        ...state,
        phase: 'discuss',
        decision: { kind: 'discuss', by: context.headId, at: context.now },
        decidedAt: context.now,
      },
      'discuss',
      context.headId,
      context,
    );
    return emit(
      discuss,
      ...headCardUpdate(discuss, context, 'discuss', headKeyboard(state, context, true)),
      { type: 'send', dialogId: managerDialog(state), text: t.discussToManager },
    );
  }
  return emit(
    { ...state, phase: 'correcting', correctionRequestedAt: context.now },
    { type: 'send', dialogId: headDialog(context), text: t.askCorrection(state.managerName) },
  );
}

/**
 * The head's words about this plan: after "Поправить", or addressed to it without the button
 * (a reply to its card, "Имя: …", or the only plan waiting). "ок" approves, "на планёрку"
 * sends it to the meeting, thanks change nothing, anything else goes to the manager as a
 * correction.
 */
export function headText(
  state: Conversation,
  words: string,
  addressed: boolean,
  context: ConversationContext,
  refuse: (text: string) => Step,
): Step {
  if (state.phase !== 'correcting' && !addressed) {
    return refuse(textsOf(context).nothingToCorrect);
  }
  const intent = headIntent(words);
  if (intent === 'courtesy') {
    return unchanged(state);
  }
  if (intent === 'approve' || intent === 'discuss') {
    return headDecision(state, intent, context, refuse);
  }
  if (!['answered', 'correcting', 'discuss'].includes(state.phase)) {
    return refuse(textsOf(context).alreadyDecided);
  }
  return headCorrection(state, words, context);
}

/** The head's correction goes to the manager, who revises or accepts; the card says so. */
function headCorrection(state: Conversation, words: string, context: ConversationContext): Step {
  const t = textsOf(context);
  const revising = withStep(
    {
      ...state,
      phase: 'revising',
      correction: words,
      correctionRequestedAt: context.now,
      decision: { kind: 'correction_requested', by: context.headId, at: context.now },
    },
    'correction_requested',
    context.headId,
    context,
  );
  return emit(revising, ...headCardUpdate(revising, context, 'correction_requested', null), {
    type: 'send',
    dialogId: managerDialog(state),
    text: t.correctionToManager(words),
    keyboard: [[{ text: t.acceptButton, command: '/accept', params: state.id, tone: 'primary' }]],
  });
}
