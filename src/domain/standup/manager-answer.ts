import { missingPart, missingParts, partsOf } from './answer-draft.js';
import type { ChatInput } from './chat-input.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  answerTextsOf,
  deadlineKeyboard,
  emit,
  localDay,
  textsOf,
  toManager,
  type Step,
} from './effects.js';
import { parseAnswer, type AnswerField, type ParsedAnswer } from './parse-answer.js';
import { askNextOrFinish } from './submit-plan.js';

type TextInput = Extract<ChatInput, { kind: 'text' }>;

/**
 * A message while the bot collects the reason, the plan and the deadline. Thanks and emoji are
 * not answers; a question back is answered with what is still needed; a deadline in the past
 * or too far ahead is asked again; a second message the bot cannot read gets an example.
 */
export function collectAnswer(
  state: Conversation,
  input: TextInput,
  context: ConversationContext,
): Step {
  const today = localDay(input.at, context.zone);
  const edited = input.edited ? state.answerMessages[String(input.messageId)] : undefined;
  const awaiting = edited === 'all' ? undefined : (edited ?? state.awaiting);
  const parsed = parseAnswer(input.text, awaiting, today, context.deadlineRules);
  if (parsed.kind === 'question') {
    const still = missingParts(state.answer);
    return emit(state, toManager(state, answerTextsOf(context).questionToBot(still)));
  }
  const parts = partsOf(parsed);
  const fields = (['reason', 'plan', 'deadline'] as const).filter((f) => parts[f] !== undefined);
  if (fields.length === 0 && parsed.deadlineProblem === undefined) {
    return unreadable(state, awaiting ?? missingPart(state.answer) ?? 'plan', context);
  }
  const next: Conversation = {
    ...state,
    unreadable: 0,
    answer: mergeAnswer(state.answer, parsed),
    answerMessages:
      fields.length === 0
        ? state.answerMessages
        : {
            ...state.answerMessages,
            [String(input.messageId)]: fields.length === 1 ? (fields[0] as AnswerField) : 'all',
          },
  };
  if (parsed.deadlineProblem !== undefined) {
    const t = textsOf(context);
    const text =
      parsed.deadlineProblem === 'past'
        ? t.deadlinePast(parsed.deadlineNamed)
        : t.deadlineTooFar(context.deadlineRules.maxDays);
    return emit(
      { ...next, awaiting: 'deadline' },
      toManager(state, text, deadlineKeyboard(state, context)),
    );
  }
  return askNextOrFinish(next, context, input.at);
}

/** The parts a message gave over the ones before; a new deadline brings its own day-off note. */
export function mergeAnswer(answer: Conversation['answer'], parsed: ParsedAnswer) {
  const parts = partsOf(parsed);
  if (parts.deadline === undefined) {
    return { ...answer, ...parts };
  }
  const { deadlineMovedFrom: _old, ...rest } = answer;
  return parsed.deadlineMovedFrom === undefined
    ? { ...rest, ...parts }
    : { ...rest, ...parts, deadlineMovedFrom: parsed.deadlineMovedFrom };
}

/** Asks again: plainly the first time, with an example answer the second time in a row. */
export function unreadable(
  state: Conversation,
  field: AnswerField,
  context: ConversationContext,
): Step {
  const count = state.unreadable + 1;
  const t = textsOf(context);
  const text = count === 1 ? t.notUnderstood(field) : t.example(field);
  return emit(
    { ...state, unreadable: count },
    toManager(state, text, field === 'deadline' ? deadlineKeyboard(state, context) : undefined),
  );
}
