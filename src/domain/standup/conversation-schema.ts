import { z } from 'zod';
import { attachSchema } from './attach-schema.js';
import { figureSchema } from '../evaluation/report-schema.js';
import { checkFigureSchema } from './chat-input.js';

/** A button as the conversation asks for it; the chat adapter renders it. */
export const buttonSchema = z.object({
  text: z.string(),
  command: z.string(),
  params: z.string().optional(),
  tone: z.enum(['primary', 'secondary', 'alert', 'base']).optional(),
});
export type Button = z.infer<typeof buttonSchema>;

/**
 * What the conversation wants done. Every effect has an id fixed by the state, so a retried
 * job recognises what it already did (messages are marked as sent by id).
 */
export const effectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('send'),
    id: z.string(),
    dialogId: z.string(),
    text: z.string(),
    keyboard: z.array(z.array(buttonSchema)).optional(),
    /** A Bitrix24 attachment (the weekly card's tables); the text says the same. */
    attach: attachSchema.optional(),
  }),
  /** Changes an earlier `send` (by its effect id): new text, new buttons or none (`null`). */
  z.object({
    type: z.literal('update'),
    id: z.string(),
    ref: z.string(),
    text: z.string(),
    keyboard: z.array(z.array(buttonSchema)).nullable(),
  }),
  z.object({
    type: z.literal('schedule'),
    id: z.string(),
    timer: z.enum(['reminder', 'deadline', 'escalation']),
    at: z.string(),
  }),
]);
export type Effect = z.infer<typeof effectSchema>;

export const phaseSchema = z.enum([
  /** Asked; collecting reason, plan and deadline. */
  'asked',
  /** The plan is with the head; the manager may still edit it. */
  'answered',
  /** The head pressed Correct; his words are awaited. */
  'correcting',
  /** The head's correction is with the manager: a revised plan or "accept" is awaited. */
  'revising',
  'approved',
  /** Sent to the meeting by the head. */
  'discuss',
  'held',
  'not_held',
]);
export type Phase = z.infer<typeof phaseSchema>;

/**
 * Where the head's decision stands. `correction_requested`: the head's correction is with the
 * manager; `approved_with_correction`: the manager accepted it. Stored conversations written
 * before these were told apart say `corrected`, read as `correction_requested`.
 */
export const decisionKindSchema = z.preprocess(
  (value) => (value === 'corrected' ? 'correction_requested' : value),
  z.enum(['approved', 'approved_with_correction', 'correction_requested', 'discuss']),
);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

/** One step of a plan's way to a decision, for the history. */
export const planStepSchema = z.object({
  kind: z.enum([
    'submitted',
    'approved',
    'discuss',
    'correction_requested',
    'correction_accepted',
    /** The manager sent a new plan: after a correction, or replacing one not yet decided. */
    'revised',
  ]),
  by: z.number(),
  at: z.string(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  standupId: z.string(),
  day: z.string(),
  departmentId: z.string(),
  language: z.enum(['ru', 'en']),
  managerId: z.number(),
  managerName: z.string(),
  /** From the portal at the standup; texts about the manager agree with it. */
  managerGender: z.enum(['male', 'female']).optional(),
  lags: z.array(figureSchema),
  phase: phaseSchema,
  awaiting: z.enum(['reason', 'plan', 'deadline']).optional(),
  answer: z.object({
    reason: z.string().optional(),
    plan: z.string().optional(),
    deadline: z.string().optional(),
    /** The day the manager named, when it was a day off and the deadline moved past it. */
    deadlineMovedFrom: z.string().optional(),
  }),
  /** A new plan sent after the plan went to the head, waiting for the manager's "Заменить". */
  proposal: z
    .object({
      reason: z.string().optional(),
      plan: z.string().optional(),
      deadline: z.string().optional(),
      deadlineMovedFrom: z.string().optional(),
    })
    .optional(),
  /** Messages in a row the bot could not read: the second gets an example answer. */
  unreadable: z.number().default(0),
  /** Which manager message answered which part, so an edit of that message updates it. */
  answerMessages: z.record(z.string(), z.enum(['reason', 'plan', 'deadline', 'all'])).default({}),
  correction: z.string().optional(),
  decision: z.object({ kind: decisionKindSchema, by: z.number(), at: z.string() }).optional(),
  /** Every step of the plan's way: submitted, corrected, accepted, revised, decided. */
  steps: z.array(planStepSchema).default([]),
  revisions: z.number().default(0),
  reminded: z.boolean().default(false),
  escalated: z.boolean().default(false),
  late: z.boolean().default(false),
  createdAt: z.string(),
  answeredAt: z.string().optional(),
  decidedAt: z.string().optional(),
  correctionRequestedAt: z.string().optional(),
  closedAt: z.string().optional(),
  check: z.array(checkFigureSchema).optional(),
  /** Effect ids of the messages later updated: the head's card, the manager's summary. */
  refs: z
    .object({
      headCard: z.string().optional(),
      summary: z.string().optional(),
      question: z.string().optional(),
    })
    .default({}),
  processedEvents: z.array(z.number()).default([]),
  processedMessages: z.array(z.number()).default([]),
  /** Effects decided but maybe not yet done; the runner does them and removes them. */
  outbox: z.array(effectSchema).default([]),
  effectSeq: z.number().default(0),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Phases in which the conversation still expects something from someone. */
export const OPEN_PHASES: readonly Phase[] = [
  'asked',
  'answered',
  'correcting',
  'revising',
  'approved',
  'discuss',
];
