import type { ChatInput } from './chat-input.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  andThen,
  answerTextsOf,
  emit,
  headDialog,
  localDay,
  textsOf,
  toManager,
  unchanged,
  type Step,
} from './effects.js';
import { headCardUpdate } from './head-card.js';
import { amendAnswer } from './manager-amend.js';
import { collectAnswer, unreadable } from './manager-answer.js';
import { parseAnswer } from './parse-answer.js';
import { parseDeadline } from './parse-deadline.js';
import { askNextOrFinish, planEdited, scheduleCheck, submitPlan, withStep } from './submit-plan.js';

const ACCEPT =
  /^(ок|ok|okay|да|yes|принято|принимаю|согласен|согласна|accept|accepted|agree|👍)[.!]?$/iu;

/**
 * A manager's text in his own conversation. While asked: the answer is collected. Once the plan
 * is with the head: a new plan is offered as a replacement, courtesy changes nothing. After the
 * head's correction: a revised plan, or "ок" to accept. After the decision: nothing changes.
 */
export function managerText(
  state: Conversation,
  input: Extract<ChatInput, { kind: 'text' }>,
  context: ConversationContext,
): Step {
  switch (state.phase) {
    case 'asked':
      return collectAnswer(state, input, context);
    case 'answered':
    case 'correcting':
      return amendAnswer(state, input, context);
    case 'revising':
      return ACCEPT.test(input.text.trim())
        ? accept(state, context)
        : revise(state, input, context);
    default:
      return afterDecision(state, input, context);
  }
}

/** After the head's correction: a revised plan goes back to the head; anything else, a hint. */
function revise(
  state: Conversation,
  input: Extract<ChatInput, { kind: 'text' }>,
  context: ConversationContext,
): Step {
  const parsed = parseAnswer(
    input.text,
    'plan',
    localDay(input.at, context.zone),
    context.deadlineRules,
  );
  const parts = {
    ...(parsed.reason === undefined ? {} : { reason: parsed.reason }),
    ...(parsed.plan === undefined ? {} : { plan: parsed.plan }),
    ...(parsed.deadline === undefined ? {} : { deadline: parsed.deadline }),
  };
  if (parsed.kind !== 'answer' || Object.keys(parts).length === 0) {
    return emit(state, toManager(state, answerTextsOf(context).revisingHint));
  }
  const revised: Conversation = {
    ...state,
    phase: 'answered',
    answer: { ...state.answer, ...parts },
    revisions: state.revisions + 1,
  };
  return submitPlan(withStep(revised, 'revised', state.managerId, context), context, true);
}

/** The plan is decided: thanks need no answer, a new plan goes to the head in person. */
function afterDecision(
  state: Conversation,
  input: Extract<ChatInput, { kind: 'text' }>,
  context: ConversationContext,
): Step {
  const parsed = parseAnswer(
    input.text,
    undefined,
    localDay(input.at, context.zone),
    context.deadlineRules,
  );
  if (parsed.kind === 'courtesy' || parsed.kind === 'nonanswer') {
    return unchanged(state);
  }
  const t = answerTextsOf(context);
  return emit(
    state,
    toManager(state, parsed.kind === 'question' ? t.questionToBot([]) : t.afterDecision),
  );
}

/** A deadline button: today, tomorrow or the end of the week. */
export function deadlineButton(
  state: Conversation,
  choice: string,
  at: string,
  context: ConversationContext,
): Step {
  const today = localDay(at, context.zone);
  const words: Record<string, string> = {
    today: 'сегодня',
    tomorrow: 'завтра',
    eow: 'конец недели',
  };
  const parsed = parseDeadline(words[choice] ?? '', today, context.deadlineRules);
  if (!parsed.ok) {
    return unreadable(state, 'deadline', context);
  }
  const { deadlineMovedFrom: _old, ...answer } = state.answer;
  const next: Conversation = {
    ...state,
    answer: {
      ...answer,
      deadline: parsed.day,
      ...(parsed.movedFrom === undefined ? {} : { deadlineMovedFrom: parsed.movedFrom }),
    },
  };
  return state.phase === 'asked' ? askNextOrFinish(next, context, at) : planEdited(next, context);
}

/** The manager accepts the head's correction: the plan is approved with it, the card says so. */
export function accept(state: Conversation, context: ConversationContext): Step {
  const t = textsOf(context);
  const approved = withStep(
    {
      ...state,
      phase: 'approved',
      decision: { kind: 'approved_with_correction', by: context.headId, at: context.now },
      decidedAt: context.now,
    },
    'correction_accepted',
    state.managerId,
    context,
  );
  return andThen(
    emit(
      approved,
      ...headCardUpdate(approved, context, 'approved_with_correction', null),
      {
        type: 'send',
        dialogId: headDialog(context),
        text: t.acceptedToHead(state.managerName, state.managerGender),
      },
      toManager(state, t.approvedToManager(state.answer.deadline, true)),
    ),
    (s) => scheduleCheck(s, context),
  );
}
