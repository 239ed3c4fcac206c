import type { ChatInput } from './chat-input.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  deadlineKeyboard,
  emit,
  headCardText,
  headCardUpdate,
  headDialog,
  headKeyboard,
  localDay,
  managerDialog,
  textsOf,
  andThen,
  type Step,
} from './effects.js';
import { isMeaningful, parseAnswer, type AnswerField, type ParsedAnswer } from './parse-answer.js';
import { parseDeadline } from './parse-deadline.js';

const ACCEPT =
  /^(ок|ok|okay|да|yes|принято|принимаю|согласен|согласна|accept|accepted|agree|👍)[.!]?$/i;

/** A manager's text in his own conversation: answer, edit, revise or accept. */
export function managerText(
  state: Conversation,
  input: Extract<ChatInput, { kind: 'text' }>,
  context: ConversationContext,
): Step {
  const today = localDay(input.at, context.zone);
  if (state.phase === 'revising' && ACCEPT.test(input.text.trim())) {
    return accept(state, context);
  }
  const edited = input.edited ? state.answerMessages[String(input.messageId)] : undefined;
  const awaiting =
    edited === 'all'
      ? undefined
      : (edited ??
        (state.phase === 'asked'
          ? state.awaiting
          : state.phase === 'revising'
            ? 'plan'
            : undefined));
  const parsed = parseAnswer(input.text, awaiting, today, context.deadlineRules);
  const fields = (['reason', 'plan', 'deadline'] as const).filter((f) => parsed[f] !== undefined);
  const answered: AnswerField | 'all' = fields.length === 1 ? (fields[0] as AnswerField) : 'all';
  const remembered: Conversation['answerMessages'] = {
    ...state.answerMessages,
    [String(input.messageId)]: answered,
  };
  const next: Conversation = {
    ...state,
    answer: { ...state.answer, ...pick(parsed) },
    answerMessages: fields.length === 0 ? state.answerMessages : remembered,
  };
  if (parsed.deadlineProblem !== undefined) {
    const t = textsOf(context);
    return emit(
      { ...next, awaiting: 'deadline' },
      {
        type: 'send',
        dialogId: managerDialog(state),
        text: parsed.deadlineProblem === 'past' ? t.deadlinePast : t.deadlineTooFar,
        keyboard: deadlineKeyboard(state, context),
      },
    );
  }
  if (fields.length === 0) {
    const field = awaiting ?? missing(state) ?? 'plan';
    return emit(state, {
      type: 'send',
      dialogId: managerDialog(state),
      text: textsOf(context).notUnderstood(field),
      ...(field === 'deadline' ? { keyboard: deadlineKeyboard(state, context) } : {}),
    });
  }
  if (state.phase === 'asked') {
    return askNextOrFinish(next, context, input.at);
  }
  if (state.phase === 'revising') {
    return submitRevision({ ...next, revisions: state.revisions + 1 }, context);
  }
  return planEdited(next, context);
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
    return emit(state, {
      type: 'send',
      dialogId: managerDialog(state),
      text: textsOf(context).notUnderstood('deadline'),
    });
  }
  const next = { ...state, answer: { ...state.answer, deadline: parsed.day } };
  return state.phase === 'asked' ? askNextOrFinish(next, context, at) : planEdited(next, context);
}

/** The manager accepts the head's correction: the plan is approved as corrected. */
export function accept(state: Conversation, context: ConversationContext): Step {
  const t = textsOf(context);
  const approved: Conversation = {
    ...state,
    phase: 'approved',
    decision: { kind: 'corrected', by: context.headId, at: context.now },
    decidedAt: context.now,
  };
  return andThen(
    emit(
      approved,
      { type: 'send', dialogId: headDialog(context), text: t.acceptedToHead(state.managerName) },
      {
        type: 'send',
        dialogId: managerDialog(state),
        text: t.approvedToManager(state.answer.deadline, true),
      },
    ),
    (s) => scheduleCheck(s, context),
  );
}

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

function pick(parsed: ParsedAnswer) {
  return Object.fromEntries(
    (['reason', 'plan', 'deadline'] as const)
      .filter((f) => parsed[f] !== undefined)
      .map((f) => [f, parsed[f]]),
  );
}

function missing(state: Conversation): AnswerField | undefined {
  return (['reason', 'plan', 'deadline'] as const).find(
    (f) =>
      state.answer[f] === undefined || (f !== 'deadline' && !isMeaningful(state.answer[f] ?? '')),
  );
}

function askNextOrFinish(state: Conversation, context: ConversationContext, at: string): Step {
  const t = textsOf(context);
  const next = missing(state);
  if (next === 'reason') {
    return emit(
      { ...state, awaiting: 'reason' },
      { type: 'send', dialogId: managerDialog(state), text: t.askReason },
    );
  }
  if (next === 'plan') {
    return emit(
      { ...state, awaiting: 'plan' },
      { type: 'send', dialogId: managerDialog(state), text: t.askPlan },
    );
  }
  if (next === 'deadline') {
    return emit(
      { ...state, awaiting: 'deadline' },
      {
        type: 'send',
        dialogId: managerDialog(state),
        text: t.askDeadline,
        keyboard: deadlineKeyboard(state, context),
      },
    );
  }
  return submitPlan(
    { ...state, awaiting: undefined, phase: 'answered', answeredAt: at, late: state.escalated },
    context,
    false,
  );
}

/** The complete plan goes to the head as a card with buttons; the manager sees a summary. */
function submitPlan(state: Conversation, context: ConversationContext, revised: boolean): Step {
  const t = textsOf(context);
  const summary = emit(state, {
    type: 'send',
    dialogId: managerDialog(state),
    text: t.summary(state.answer, revised),
  });
  const card = emit(summary.state, {
    type: 'send',
    dialogId: headDialog(context),
    text: headCardText(state, context, revised ? 'revised' : 'pending'),
    keyboard: headKeyboard(state, context),
  });
  const refs = { ...state.refs, summary: summary.effects[0]?.id, headCard: card.effects[0]?.id };
  return { state: { ...card.state, refs }, effects: [...summary.effects, ...card.effects] };
}

function submitRevision(state: Conversation, context: ConversationContext): Step {
  return submitPlan({ ...state, phase: 'answered' }, context, true);
}

/** An edit before the head decided: the head's card shows the new plan, the manager is told. */
function planEdited(state: Conversation, context: ConversationContext): Step {
  const t = textsOf(context);
  const updates = headCardUpdate(state, context, 'pending', headKeyboard(state, context));
  return emit(state, ...updates, {
    type: 'send',
    dialogId: managerDialog(state),
    text: t.summary(state.answer, true),
  });
}
