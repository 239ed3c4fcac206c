import { z } from 'zod';
import { checkFigureSchema } from './chat-input.js';
import { decisionKindSchema, planStepSchema, type Conversation } from './conversation-schema.js';

/** One line of the department's history: who lagged, on what, what was promised, whether it held. */
export const historyEntrySchema = z.object({
  conversationId: z.string(),
  standupId: z.string(),
  day: z.string(),
  managerId: z.number(),
  managerName: z.string(),
  lags: z.array(
    z.object({ metric: z.string(), window: z.string(), fact: z.number(), norm: z.number() }),
  ),
  reason: z.string().optional(),
  plan: z.string().optional(),
  deadline: z.string().optional(),
  correction: z.string().optional(),
  /** Where the head's decision stands now (none while a plan waits for it). */
  decision: decisionKindSchema.optional(),
  /** The plan's way: submitted, correction requested, correction accepted, revised, approved. */
  steps: z.array(planStepSchema).default([]),
  outcome: z.enum(['open', 'held', 'not_held']),
  late: z.boolean(),
  reminded: z.boolean(),
  check: z.array(checkFigureSchema).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export function historyEntry(state: Conversation): HistoryEntry {
  return {
    conversationId: state.id,
    standupId: state.standupId,
    day: state.day,
    managerId: state.managerId,
    managerName: state.managerName,
    lags: state.lags.map((l) => ({
      metric: l.metric,
      window: l.window,
      fact: l.fact,
      norm: l.norm,
    })),
    reason: state.answer.reason,
    plan: state.answer.plan,
    deadline: state.answer.deadline,
    correction: state.correction,
    decision: state.decision?.kind,
    steps: state.steps,
    outcome: state.phase === 'held' ? 'held' : state.phase === 'not_held' ? 'not_held' : 'open',
    late: state.late,
    reminded: state.reminded,
    check: state.check,
  };
}
