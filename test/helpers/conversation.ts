import type { ChatInput, ConversationInput } from '../../src/domain/standup/chat-input.js';
import { conversationContext } from '../../src/domain/standup/conversation-context.js';
import type { Conversation, Effect } from '../../src/domain/standup/conversation-schema.js';
import { startConversation } from '../../src/domain/standup/start-conversation.js';
import { transition } from '../../src/domain/standup/transition.js';
import type { Figure } from '../../src/domain/evaluation/report-schema.js';
import { departmentWith } from './department.js';

/**
 * A conversation on paper: the head Анна (1, deputy 5), Иван (11) lagging on calls on Monday
 * 23.11, Мария (12); the standup on Tuesday 24.11 at 08:45 in Moscow. `play` runs inputs
 * through `transition` and clears the outbox as a runner would.
 */
export const HEAD = 1;
export const IVAN = 11;
export const MARIA = 12;
export const dept = departmentWith({
  department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
  standup: { times: ['08:45'], meeting_time: '09:30' },
  head: { user_id: HEAD, name: 'Анна', deputies: [5] },
  managers: [
    { user_id: IVAN, name: 'Иван Петров', mode: 'active' },
    { user_id: MARIA, name: 'Мария Смирнова', mode: 'passive' },
  ],
  reminders: { reminder: { enabled: true, after_minutes: 30 } },
});
export const lag: Figure = {
  managerId: IVAN,
  metric: 'calls_outgoing',
  window: 'day',
  from: '2026-11-23T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  fact: 12,
  norm: 40,
  ratio: 0.3,
  status: 'lag',
  direction: 'more',
  unit: 'count',
};
const titles: Record<string, string> = { calls_outgoing: 'Исходящие звонки' };
export const ctx = (now = '2026-11-24T08:45:00+03:00') =>
  conversationContext(
    dept,
    now,
    (m) => titles[m] ?? m,
    (day) => `${day}T18:00:00+03:00`,
  );

let nextEvent = 1;
export const text = (userId: number, body: string, extra: Partial<ChatInput> = {}): ChatInput =>
  ({
    kind: 'text',
    eventId: nextEvent,
    messageId: 1000 + nextEvent++,
    userId,
    dialogId: String(userId),
    text: body,
    at: '2026-11-24T09:00:00+03:00',
    edited: false,
    ...extra,
  }) as ChatInput;
export const press = (userId: number, command: string, params: string): ChatInput => ({
  kind: 'command',
  eventId: nextEvent++,
  messageId: 500,
  userId,
  dialogId: String(userId),
  command,
  params,
  context: 'keyboard',
  at: '2026-11-24T10:00:00+03:00',
});

export function start(): Conversation {
  return startConversation(
    {
      standupId: 'sales-20261124',
      day: '2026-11-24',
      departmentId: 'sales',
      manager: {
        managerId: IVAN,
        name: 'Иван Петров',
        mode: 'active',
        figures: [lag],
        lags: [lag],
        severity: 0.7,
      },
    },
    ctx(),
  ).state;
}

/** Runs inputs in order; returns the final state and every effect, with the outbox cleared as a runner would. */
export function play(
  state: Conversation,
  ...inputs: ConversationInput[]
): { state: Conversation; effects: Effect[] } {
  return playAt(ctx(), state, ...inputs);
}

/** `play` with another context (another time of day, another department). */
export function playAt(
  context: ReturnType<typeof ctx>,
  state: Conversation,
  ...inputs: ConversationInput[]
): { state: Conversation; effects: Effect[] } {
  let current = state;
  const effects: Effect[] = [];
  for (const input of inputs) {
    const step = transition(current, input, context);
    effects.push(...step.effects);
    current = { ...step.state, outbox: [] };
  }
  return { state: current, effects };
}
export const sends = (effects: Effect[], dialog: number) =>
  effects.filter(
    (e): e is Extract<Effect, { type: 'send' }> =>
      e.type === 'send' && e.dialogId === String(dialog),
  );
