import { z } from 'zod';

/**
 * What reaches a conversation. The chat adapter turns imbot.v2 events into `text` and
 * `command` inputs (command names without the slash, lower case); the job worker turns timers
 * and deadline measurements into `timer` and `check` inputs.
 */
export const chatInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    eventId: z.number(),
    messageId: z.number(),
    userId: z.number(),
    dialogId: z.string(),
    text: z.string(),
    /** ISO time of the message. */
    at: z.string(),
    /** An edit of an earlier message (ONIMBOTV2MESSAGEUPDATE). */
    edited: z.boolean().default(false),
    /** The portal's id of the message this one replies to or quotes, when it does. */
    replyTo: z.number().optional(),
    /**
     * Routing found the plan this text is about (a reply to its card, "Имя: …", or the only
     * plan waiting): for the head, it is a decision or a correction of that plan.
     */
    addressed: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('command'),
    eventId: z.number(),
    messageId: z.number(),
    userId: z.number(),
    dialogId: z.string(),
    command: z.string(),
    params: z.string(),
    context: z.enum(['textarea', 'keyboard', 'menu']),
    at: z.string(),
  }),
]);
export type ChatInput = z.infer<typeof chatInputSchema>;

export const timerInputSchema = z.object({
  kind: z.literal('timer'),
  timer: z.enum(['reminder', 'deadline']),
  conversationId: z.string(),
  at: z.string(),
});
export type TimerInput = z.infer<typeof timerInputSchema>;

/** The figures measured again at a plan's deadline, over the days since the plan was made. */
export const checkFigureSchema = z.object({
  metric: z.string(),
  window: z.string(),
  from: z.string(),
  to: z.string(),
  direction: z.enum(['more', 'less']),
  fact: z.number(),
  norm: z.number(),
  status: z.enum(['ok', 'watch', 'lag']),
  unit: z.enum(['count', 'minutes', 'rub', 'percent']),
});
export type CheckFigure = z.infer<typeof checkFigureSchema>;

export const checkInputSchema = z.object({
  kind: z.literal('check'),
  conversationId: z.string(),
  figures: z.array(checkFigureSchema),
  at: z.string(),
});
export type CheckInput = z.infer<typeof checkInputSchema>;

export type ConversationInput = ChatInput | TimerInput | CheckInput;
