import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  emit,
  headCardUpdate,
  headDialog,
  headKeyboard,
  managerDialog,
  textsOf,
  andThen,
  unchanged,
  type Step,
} from './effects.js';
import { scheduleCheck } from './manager-steps.js';

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
    const approved: Conversation = {
      ...state,
      phase: 'approved',
      decision: { kind: 'approved', by: context.headId, at: context.now },
      decidedAt: context.now,
    };
    return andThen(
      emit(approved, ...headCardUpdate(state, context, 'approved', null), {
        type: 'send',
        dialogId: managerDialog(state),
        text: t.approvedToManager(state.answer.deadline, false),
      }),
      (s) => scheduleCheck(s, context),
    );
  }
  if (decision === 'discuss') {
    const discuss: Conversation = {
      ...state,
      phase: 'discuss',
      decision: { kind: 'discuss', by: context.headId, at: context.now },
      decidedAt: context.now,
    };
    return emit(
      discuss,
      ...headCardUpdate(state, context, 'discuss', headKeyboard(state, context, true)),
      {
        type: 'send',
        dialogId: managerDialog(state),
        text: t.discussToManager,
      },
    );
  }
  return emit(
    { ...state, phase: 'correcting', correctionRequestedAt: context.now },
    { type: 'send', dialogId: headDialog(context), text: t.askCorrection(state.managerName) },
  );
}

/** The head's words after "Correct": they go to the manager, who revises or accepts. */
export function headCorrection(
  state: Conversation,
  words: string,
  context: ConversationContext,
  refuse: (text: string) => Step,
): Step {
  const t = textsOf(context);
  if (state.phase !== 'correcting') {
    return refuse(t.nothingToCorrect);
  }
  const updates = headCardUpdate(state, context, 'corrected', null);
  return emit(
    {
      ...state,
      phase: 'revising',
      correction: words,
      decision: { kind: 'corrected', by: context.headId, at: context.now },
    },
    ...updates,
    {
      type: 'send',
      dialogId: managerDialog(state),
      text: t.correctionToManager(words),
      keyboard: [[{ text: t.acceptButton, command: '/accept', params: state.id, tone: 'primary' }]],
    },
  );
}
