import { z } from 'zod';
import { largeDealSchema } from './large-deals.js';

export const statusSchema = z.enum(['ok', 'watch', 'lag']);
export type Status = z.infer<typeof statusSchema>;

/** One judged figure: a manager's fact against the norm for one metric in one window. */
export const figureSchema = z.object({
  managerId: z.number(),
  metric: z.string(),
  window: z.string(),
  from: z.string(),
  to: z.string(),
  fact: z.number(),
  /** The norm as judged: prorated to the manager's available time. */
  norm: z.number(),
  /** fact / norm for "more is better"; norm / fact for "less is better" (1 when both are 0). */
  ratio: z.number(),
  status: statusSchema,
  direction: z.enum(['more', 'less']),
  unit: z.enum(['count', 'minutes', 'rub', 'percent']),
  /** What `norm` is: the written norm (default), or the sales plan due by now. */
  basis: z.enum(['norm', 'plan']).optional(),
  /** For a plan figure: the plan per working day the manager is there (the check uses it). */
  perDay: z.number().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const managerReportSchema = z.object({
  managerId: z.number(),
  name: z.string(),
  /** As the portal records it, for texts that agree with it. */
  gender: z.enum(['male', 'female']).optional(),
  mode: z.enum(['active', 'passive']),
  figures: z.array(figureSchema),
  /** Lags the manager is asked about (team topics removed). */
  lags: z.array(figureSchema),
  severity: z.number(),
  /** Why the manager was not judged today (away, not hired yet), when so. */
  notJudged: z.string().optional(),
});
export type ManagerReport = z.infer<typeof managerReportSchema>;

/** A metric on which a large share of the team lags: one topic for the meeting, not many questions. */
export const teamTopicSchema = z.object({
  metric: z.string(),
  window: z.string(),
  managerIds: z.array(z.number()),
  judged: z.number(),
  teamFact: z.number(),
  teamNorm: z.number(),
  direction: z.enum(['more', 'less']),
  unit: z.enum(['count', 'minutes', 'rub', 'percent']),
});
export type TeamTopic = z.infer<typeof teamTopicSchema>;

export const planPaceSchema = z.object({
  /** "team", or a manager's user id. */
  scope: z.union([z.literal('team'), z.number()]),
  target: z.enum(['amount', 'units', 'new_clients']),
  period: z.enum(['month', 'quarter', 'half_year', 'year']),
  key: z.string(),
  fact: z.number(),
  plan: z.object({ pessimistic: z.number(), realistic: z.number(), optimistic: z.number() }),
  /** Share of the period's (available) working days already behind. */
  elapsed: z.number(),
  /** fact / (plan x elapsed) per version. */
  pace: z.object({ pessimistic: z.number(), realistic: z.number(), optimistic: z.number() }),
  status: statusSchema,
});
export type PlanPace = z.infer<typeof planPaceSchema>;

export const standupReportSchema = z.object({
  departmentId: z.string(),
  standupId: z.string(),
  /** The standup's day, and the working day whose results it judges. */
  day: z.string(),
  judgedDay: z.string(),
  runAt: z.string(),
  windows: z.record(z.string(), z.object({ from: z.string(), to: z.string() })),
  managers: z.array(managerReportSchema),
  /** Managers to ask, most severe first. */
  laggards: z.array(z.number()),
  teamTopics: z.array(teamTopicSchema),
  plan: z.array(planPaceSchema),
  /** Managers away on the standup's day (never asked today), and their last day away. */
  away: z
    .array(z.object({ managerId: z.number(), name: z.string(), until: z.string() }))
    .default([]),
  /** Managers in the file the portal does not know as active employees: never measured. */
  notActive: z
    .array(
      z.object({
        userId: z.number(),
        name: z.string(),
        reason: z.enum(['dismissed', 'unknown']),
      }),
    )
    .default([]),
  /** Large open deals with no recent activity, largest first (rhythm.large_deals). */
  largeDeals: z.array(largeDealSchema).default([]),
  /** HTTP requests the collection cost. */
  requests: z.number(),
});
export type StandupReport = z.infer<typeof standupReportSchema>;
