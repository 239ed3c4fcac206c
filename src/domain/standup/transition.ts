import type { CheckInput, ConversationInput } from './chat-input.js';
import { isDecider, type ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import {
  answerTextsOf,
  emit,
  headDialog,
  managerDialog,
  reply,
  textsOf,
  unchanged,
  type Step,
} from './effects.js';
import { headDecision, headText, type HeadDecision } from './head-steps.js';
import { replaceChoice } from './manager-amend.js';
import { accept, deadlineButton, managerText } from './manager-steps.js';
import { figureLine } from './texts/catalogue.js';
import { figuresWhen } from './texts/when.js';

const KEEP_PROCESSED = 200;
const DECISIONS: readonly string[] = ['approve', 'correct', 'discuss'];

/**
 * The conversation as a pure, total state machine. Every input is either handled or answered
 * with a polite refusal that changes nothing; authorization lives here: only the asked manager
 * answers, only the head (or a deputy) decides. An event or message seen before changes nothing.
 */
export function transition(
  state: Conversation,
  input: ConversationInput,
  context: ConversationContext,
): Step {
  if (input.kind === 'timer') {
    return input.timer === 'reminder' ? reminder(state, context) : unchanged(state);
  }
  if (input.kind === 'check') {
    return check(state, input, context);
  }
  if (
    state.processedEvents.includes(input.eventId) ||
    (input.kind === 'text' && !input.edited && state.processedMessages.includes(input.messageId))
  ) {
    return unchanged(state);
  }
  const seen: Conversation = {
    ...state,
    processedEvents: [...state.processedEvents, input.eventId].slice(-KEEP_PROCESSED),
    processedMessages:
      input.kind === 'text'
        ? [...state.processedMessages, input.messageId].slice(-KEEP_PROCESSED)
        : state.processedMessages,
  };
  // A reply that changes nothing (a refusal, the whole text of a plan), once per event.
  const refuse = (text: string): Step => reply(state, input.eventId, input.dialogId, text);
  const t = textsOf(context);
  if (input.kind === 'text') {
    if (input.userId === state.managerId) {
      return managerText(seen, input, context);
    }
    if (isDecider(context, input.userId)) {
      return headText(seen, input.text, input.addressed, context, refuse);
    }
    return refuse(t.notYours);
  }
  const command = input.command.replace(/^\//, '').toLowerCase();
  if (DECISIONS.includes(command)) {
    return isDecider(context, input.userId)
      ? headDecision(seen, command as HeadDecision, context, refuse)
      : refuse(t.notHead);
  }
  if (command === 'full') {
    return isDecider(context, input.userId)
      ? refuse(answerTextsOf(context).fullText(state.managerName, state.answer))
      : refuse(t.notHead);
  }
  if (input.userId !== state.managerId) {
    return refuse(t.notYours);
  }
  if (command === 'accept' && state.phase === 'revising') {
    return accept(seen, context);
  }
  if (command === 'replace' || command === 'keep') {
    const undecided = state.phase === 'answered' || state.phase === 'correcting';
    return undecided ? replaceChoice(seen, command, context) : refuse(t.alreadyDecided);
  }
  if (command === 'deadline' && (state.phase === 'asked' || state.phase === 'answered')) {
    return deadlineButton(seen, input.params.split(/\s+/)[1] ?? '', input.at, context);
  }
  return refuse(t.alreadyDecided);
}

/** One reminder, only while nothing complete has come back. */
function reminder(state: Conversation, context: ConversationContext): Step {
  if (state.phase !== 'asked' || state.reminded) {
    return unchanged(state);
  }
  return emit(
    { ...state, reminded: true },
    {
      type: 'send',
      dialogId: managerDialog(state),
      text: textsOf(context).reminder(
        state.managerName.split(' ')[0] ?? state.managerName,
        figuresWhen(state.lags, context.language),
      ),
    },
  );
}

/** The deadline's measurement closes Plan-Do-Check-Act: held when nothing lags any more. */
function check(state: Conversation, input: CheckInput, context: ConversationContext): Step {
  if (state.phase === 'held' || state.phase === 'not_held' || state.phase === 'asked') {
    return unchanged(state);
  }
  const held = input.figures.every((f) => f.status !== 'lag');
  const lines = input.figures.map((f) =>
    figureLine(f, context.titleOf(f.metric), context.language),
  );
  const t = textsOf(context);
  return emit(
    { ...state, phase: held ? 'held' : 'not_held', check: input.figures, closedAt: input.at },
    { type: 'send', dialogId: managerDialog(state), text: t.checkToManager(held, lines) },
    {
      type: 'send',
      dialogId: headDialog(context),
      text: t.checkToHead(state.managerName, held, lines),
    },
  );
}
