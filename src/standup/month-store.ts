import type { Redis } from 'ioredis';
import { z } from 'zod';
import { monthReportSchema, nextMonthPlanSchema } from '../domain/month/month-report.js';
import { effectSchema } from '../domain/standup/conversation-schema.js';
import { createRedisHistory, type History } from '../store/history.js';
import { createRedisVersionedDocs, type VersionedDocs } from '../store/versioned-docs.js';

/** One monthly card: its report, whether next month's plan was approved on it, its messages. */
export const monthCardSchema = z.object({
  id: z.string(),
  day: z.string(),
  departmentId: z.string(),
  report: monthReportSchema,
  createdAt: z.string(),
  approved: z
    .object({
      by: z.number(),
      at: z.string(),
      /** The chat event that approved it: a redelivered one finishes the same approval. */
      eventId: z.number(),
    })
    .optional(),
  outbox: z.array(effectSchema).default([]),
  effectSeq: z.number().default(0),
});
export type MonthCard = z.infer<typeof monthCardSchema>;

/** A line of the history: next month's plan as the head approved it. */
export const monthHistoryEntrySchema = z.object({
  kind: z.literal('month_plan'),
  /** The month whose results the card showed, and the month the plan is for. */
  month: z.string(),
  planMonth: z.string(),
  cardId: z.string(),
  approvedBy: z.number(),
  approvedByName: z.string(),
  approvedAt: z.string(),
  plan: nextMonthPlanSchema,
});
export type MonthHistoryEntry = z.infer<typeof monthHistoryEntrySchema>;

export interface MonthStore {
  cards: VersionedDocs<MonthCard>;
  history: History<MonthHistoryEntry>;
}

/** Monthly cards live as long as the standups' records; the approvals as long as the history. */
const KEEP_CARD_SECONDS = 120 * 24 * 3600;

export function createMonthStore(redis: Redis, keyPrefix: string): MonthStore {
  return {
    cards: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}month-card:`,
      schema: monthCardSchema,
      keepSeconds: KEEP_CARD_SECONDS,
    }),
    history: createRedisHistory(redis, `${keyPrefix}month:`, monthHistoryEntrySchema),
  };
}

/** The scheduled card of a month: one per department and month, whatever the instances. */
export const monthCardId = (departmentId: string, month: string) =>
  `month-${departmentId}-${month}`;
