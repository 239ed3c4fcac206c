import { parseBotEvent, type BotEvent } from '../chat/bot-event.js';
import type { ChatInput } from '../domain/standup/chat-input.js';
import type { Conversation } from '../domain/standup/conversation-schema.js';
import { route, type Route } from '../domain/standup/route.js';
import { answerTexts } from '../domain/standup/texts/answer-texts.js';
import { boardTexts, myBoard, statusBoard } from '../domain/standup/texts/board-texts.js';
import type { InboxEvent } from '../store/event-inbox.js';
import { handleMonthCommand, isMonthCommand } from './month-command.js';
import { openSummaries } from './open-summaries.js';
import { runEffects } from './run-effects.js';
import { effectDeps, languageOf, nowIso, titleOf, type StandupDeps } from './service-deps.js';
import { toConversations } from './to-conversations.js';
import { handleWeekCommand } from '../week/week-commands.js';

/**
 * One bot event, start to finish: parse, route, apply to the conversation(s) it concerns, and
 * answer. Idempotent: conversations ignore an event they have seen, and every reply has an id
 * derived from the event, so processing it again (after a crash) sends nothing twice.
 * A malformed event throws `MalformedBotEventError` and changes nothing.
 */
export async function processEvent(deps: StandupDeps, raw: InboxEvent): Promise<void> {
  const event = parseBotEvent(raw);
  const input = toInput(event);
  if (input === undefined) {
    deps.log.debug({ eventId: raw.eventId, type: raw.type }, 'bot event ignored');
    return;
  }
  if (input.kind === 'command' && isMonthCommand(input.command)) {
    await handleMonthCommand(deps, input);
    return;
  }
  if (await handleWeekCommand(deps, input)) {
    return;
  }
  const decision = route(input, deps.dept, await openSummaries(deps, input.userId));
  await applyRoute(deps, input, decision);
}

/**
 * Does what routing decided: the conversations it names take the input, or the sender is
 * answered. `tag` tells apart the replies of several departments to one event.
 */
export async function applyRoute(
  deps: StandupDeps,
  input: ChatInput,
  decision: Route,
  tag = '',
): Promise<void> {
  if (decision.to === 'conversations') {
    await toConversations(deps, input, decision, tag);
    return;
  }
  const text = await replyText(deps, decision, input.userId);
  if (text !== undefined) {
    await runEffects(effectDeps(deps), `event-${input.eventId}`, [
      { type: 'send', id: `event-${input.eventId}-reply${tag}`, dialogId: input.dialogId, text },
    ]);
  }
}

export function toInput(event: BotEvent): ChatInput | undefined {
  if (event.type === 'message' || event.type === 'message_update') {
    return {
      kind: 'text',
      eventId: event.eventId,
      messageId: event.messageId,
      userId: event.userId,
      dialogId: event.dialogId,
      text: event.text,
      at: event.at,
      edited: event.type === 'message_update',
      addressed: false,
      ...(event.replyTo === undefined ? {} : { replyTo: event.replyTo }),
    };
  }
  if (event.type === 'command') {
    return {
      kind: 'command',
      eventId: event.eventId,
      messageId: event.messageId,
      userId: event.userId,
      dialogId: event.dialogId,
      command: event.command.replace(/^\//, '').toLowerCase(),
      params: event.params,
      context: event.context,
      at: event.at,
    };
  }
  return undefined;
}

async function replyText(
  deps: StandupDeps,
  decision: Exclude<Route, { to: 'conversations' }>,
  userId: number,
): Promise<string | undefined> {
  const lang = languageOf(deps);
  const t = boardTexts(lang);
  switch (decision.to) {
    case 'help':
      // A stranger is told once a day what the bot is; a hundred messages get one answer.
      if (
        decision.audience === 'stranger' &&
        !(await deps.store.firstToday(`stranger:${userId}`, nowIso(deps).slice(0, 10)))
      ) {
        return undefined;
      }
      return t.help[decision.audience];
    case 'no_open_question':
      return t.noOpenQuestion;
    case 'which_plan':
      return answerTexts(lang).whichPlan(decision.names);
    case 'ignore':
      return undefined;
    case 'status': {
      const { day, conversations } = await latestConversations(deps);
      return statusBoard(day, conversations, lang);
    }
    case 'mine': {
      const latest = await deps.store.latestStandupId();
      const record =
        latest === undefined ? undefined : (await deps.store.standups.get(latest))?.value;
      const plans = (
        await deps.store.conversations.getMany(await deps.store.openIdsOf(userId))
      ).flatMap((d) => (d === undefined ? [] : [d.value]));
      return myBoard(
        record?.report.managers.find((m) => m.managerId === userId),
        plans,
        titleOf(deps),
        lang,
      );
    }
  }
}

async function latestConversations(
  deps: StandupDeps,
): Promise<{ day: string; conversations: Conversation[] }> {
  const latest = await deps.store.latestStandupId();
  const record = latest === undefined ? undefined : (await deps.store.standups.get(latest))?.value;
  if (record === undefined) {
    return { day: deps.now().toISOString().slice(0, 10), conversations: [] };
  }
  const docs = await deps.store.conversations.getMany(record.conversationIds);
  return {
    day: record.day,
    conversations: docs.flatMap((d) => (d === undefined ? [] : [d.value])),
  };
}
