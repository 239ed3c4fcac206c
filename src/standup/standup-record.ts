import { z } from 'zod';
import { standupReportSchema } from '../domain/evaluation/report-schema.js';
import { effectSchema } from '../domain/standup/conversation-schema.js';

/** One run of the standup: its report, whom it asked, and its own messages (digest, topics). */
export const standupRecordSchema = z.object({
  id: z.string(),
  day: z.string(),
  runAt: z.string(),
  departmentId: z.string(),
  report: standupReportSchema,
  conversationIds: z.array(z.string()),
  escalated: z.boolean().default(false),
  createdAt: z.string(),
  outbox: z.array(effectSchema).default([]),
  effectSeq: z.number().default(0),
});
export type StandupRecord = z.infer<typeof standupRecordSchema>;
