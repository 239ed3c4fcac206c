import { DateTime } from 'luxon';
import type { ManagerReport } from '../evaluation/report-schema.js';
import type { ConversationContext } from './conversation-context.js';
import type { Conversation } from './conversation-schema.js';
import { emit, lagLines, managerDialog, textsOf, andThen, type Step } from './effects.js';
import { dayPartAt } from './texts/when.js';

export interface StartConversation {
  standupId: string;
  day: string;
  departmentId: string;
  manager: ManagerReport;
}

/** The conversation id: `<standup id>-<manager id>` (no colon: it names jobs too). */
export const conversationIdOf = (standupId: string, managerId: number) =>
  `${standupId}-${managerId}`;

/** Opens the conversation with one manager: the question naming his figures, and a reminder timer. */
export function startConversation(start: StartConversation, context: ConversationContext): Step {
  const state: Conversation = {
    id: conversationIdOf(start.standupId, start.manager.managerId),
    standupId: start.standupId,
    day: start.day,
    departmentId: start.departmentId,
    language: context.language,
    managerId: start.manager.managerId,
    managerName: start.manager.name,
    ...(start.manager.gender === undefined ? {} : { managerGender: start.manager.gender }),
    lags: start.manager.lags,
    phase: 'asked',
    awaiting: 'reason',
    answer: {},
    answerMessages: {},
    unreadable: 0,
    steps: [],
    revisions: 0,
    reminded: false,
    escalated: false,
    late: false,
    createdAt: context.now,
    refs: {},
    processedEvents: [],
    processedMessages: [],
    outbox: [],
    effectSeq: 0,
  };
  const firstName = start.manager.name.split(' ')[0] ?? start.manager.name;
  const question = emit(state, {
    type: 'send',
    dialogId: managerDialog(state),
    text: textsOf(context).question(
      firstName,
      lagLines(state, context),
      dayPartAt(context.now, context.zone),
    ),
  });
  const withRef: Step = {
    state: { ...question.state, refs: { question: question.effects[0]?.id } },
    effects: question.effects,
  };
  if (context.reminderAfterMinutes === undefined) {
    return withRef;
  }
  const at =
    DateTime.fromISO(context.now, { setZone: true })
      .plus({ minutes: context.reminderAfterMinutes })
      .toISO() ?? context.now;
  return andThen(withRef, (s) => emit(s, { type: 'schedule', timer: 'reminder', at }));
}
