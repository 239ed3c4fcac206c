import type { ChatInput } from '../domain/standup/chat-input.js';
import type { Conversation } from '../domain/standup/conversation-schema.js';
import { mayDecide } from '../domain/department/may-decide.js';
import type { Route } from '../domain/standup/route.js';
import { answerTexts } from '../domain/standup/texts/answer-texts.js';
import { boardTexts } from '../domain/standup/texts/board-texts.js';
import { runEffects } from './run-effects.js';
import { applyToConversation, effectDeps, languageOf, type StandupDeps } from './service-deps.js';

/**
 * Applies a routed chat input to the conversations it concerns. A bulk "ок все" is one message
 * from the head, applied to each waiting plan as its Approve and answered with one line naming
 * whose plans were approved. Text addressed to one plan reaches it without its address
 * ("Иван: добавь встречи" arrives as "добавь встречи").
 */
export async function toConversations(
  deps: StandupDeps,
  input: ChatInput,
  decision: Extract<Route, { to: 'conversations' }>,
  /** Tells apart the replies of several departments to one event. */
  tag = '',
): Promise<void> {
  if (mayDecide(deps.dept.head, input.userId) && decision.ids[0] !== undefined) {
    await deps.store.countHeadAction(decision.ids[0].replace(/-\d+$/, ''));
  }
  const after: Conversation[] = [];
  for (const id of decision.ids) {
    const state = await applyToConversation(deps, id, inputFor(input, decision, id));
    if (state !== undefined) {
      after.push(state);
    } else if (!decision.bulk) {
      await reply(deps, input, `stale${tag}`, boardTexts(languageOf(deps)).noOpenQuestion);
    }
  }
  if (decision.bulk) {
    const approved = after.filter(
      (c) =>
        c.phase === 'approved' &&
        c.decision?.kind === 'approved' &&
        c.processedEvents.includes(input.eventId),
    );
    const names = approved.map((c) => c.managerName);
    await reply(deps, input, `bulk${tag}`, answerTexts(languageOf(deps)).bulkApproved(names));
  }
}

function inputFor(
  input: ChatInput,
  decision: Extract<Route, { to: 'conversations' }>,
  id: string,
): ChatInput {
  if (decision.bulk) {
    return {
      kind: 'command',
      eventId: input.eventId,
      messageId: input.messageId,
      userId: input.userId,
      dialogId: input.dialogId,
      command: 'approve',
      params: id,
      context: 'textarea',
      at: input.at,
    };
  }
  if (input.kind === 'text' && decision.addressed !== undefined) {
    return { ...input, text: decision.addressed.text, addressed: true };
  }
  return input;
}

async function reply(deps: StandupDeps, input: ChatInput, suffix: string, text: string) {
  await runEffects(effectDeps(deps), `event-${input.eventId}`, [
    { type: 'send', id: `event-${input.eventId}-${suffix}`, dialogId: input.dialogId, text },
  ]);
}
