import { amendmentOf } from './answer-draft.js';
import type { ChatInput } from './chat-input.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  answerTextsOf,
  emit,
  localDay,
  replaceKeyboard,
  textsOf,
  toManager,
  unchanged,
  type Step,
} from './effects.js';
import { mergeAnswer } from './manager-answer.js';
import { parseAnswer } from './parse-answer.js';
import { planEdited, withStep } from './submit-plan.js';

type TextInput = Extract<ChatInput, { kind: 'text' }>;

const YES = /^(?:да|ага|заменить|замени|заменяй|yes|yep|replace)[.!]?$/iu;
const NO = /^(?:нет|не надо|оставить|оставь|no|nope|keep)[.!]?$/iu;

/**
 * A message after the plan went to the head, before the head decided. An edit of the message
 * that carried the plan changes it (the writer meant it). Thanks, "ок" and emoji change nothing
 * and need no answer. A message that looks like a new plan (labelled, with a plan in it, or a
 * new deadline) is not taken as it is: the bot asks once, "Заменить план на …?", with buttons.
 */
export function amendAnswer(
  state: Conversation,
  input: TextInput,
  context: ConversationContext,
): Step {
  const text = input.text.trim();
  if (state.proposal !== undefined && (YES.test(text) || NO.test(text))) {
    return replaceChoice(state, YES.test(text) ? 'replace' : 'keep', context);
  }
  const today = localDay(input.at, context.zone);
  const gave = input.edited ? state.answerMessages[String(input.messageId)] : undefined;
  const awaiting = gave === undefined || gave === 'all' ? undefined : gave;
  const parsed = parseAnswer(input.text, awaiting, today, context.deadlineRules);
  const t = answerTextsOf(context);
  if (parsed.kind === 'courtesy' || parsed.kind === 'nonanswer') {
    return unchanged(state);
  }
  if (parsed.kind === 'question') {
    return emit(state, toManager(state, t.questionToBot([])));
  }
  if (gave !== undefined) {
    const edited = { ...state, answer: mergeAnswer(state.answer, parsed) };
    return planEdited(withStep(edited, 'revised', state.managerId, context), context);
  }
  if (parsed.deadlineProblem !== undefined) {
    const texts = textsOf(context);
    const problem =
      parsed.deadlineProblem === 'past'
        ? texts.deadlinePast(parsed.deadlineNamed)
        : texts.deadlineTooFar(context.deadlineRules.maxDays);
    return emit(state, toManager(state, problem));
  }
  const change = amendmentOf(state.answer, parsed);
  if (change === undefined) {
    return emit(state, toManager(state, t.planStays));
  }
  const moved =
    change.deadline !== undefined && parsed.deadlineMovedFrom !== undefined
      ? { deadlineMovedFrom: parsed.deadlineMovedFrom }
      : {};
  const proposal = mergeAnswer(state.answer, {
    kind: 'answer',
    planLike: true,
    ...change,
    ...moved,
  });
  return emit(
    { ...state, proposal },
    toManager(state, t.replaceQuestion(proposal), replaceKeyboard(state, context)),
  );
}

/** The manager's answer to "Заменить план на …?": the new plan goes to the head, or not. */
export function replaceChoice(
  state: Conversation,
  choice: 'replace' | 'keep',
  context: ConversationContext,
): Step {
  const proposal = state.proposal;
  if (proposal === undefined) {
    return unchanged(state);
  }
  const { proposal: _done, ...rest } = state;
  if (choice === 'keep') {
    return emit(rest, toManager(state, answerTextsOf(context).kept));
  }
  const replaced = withStep({ ...rest, answer: proposal }, 'revised', state.managerId, context);
  return planEdited(replaced, context);
}
