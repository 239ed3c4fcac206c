import { z } from 'zod';
import { effectSchema } from '../domain/standup/conversation-schema.js';
import { weekCardDataSchema } from '../domain/week/week-card.js';

/** One weekly meeting's card: what it shows (and the issues' fate), and its own messages. */
export const weekRecordSchema = z.object({
  id: z.string(),
  day: z.string(),
  departmentId: z.string(),
  card: weekCardDataSchema,
  createdAt: z.string(),
  /** The effect id of the head's card: a button press updates that message. */
  headCardEffectId: z.string(),
  outbox: z.array(effectSchema).default([]),
  effectSeq: z.number().default(0),
});
export type WeekRecord = z.infer<typeof weekRecordSchema>;
