import { z } from 'zod';
import { statusSchema } from '../evaluation/report-schema.js';

const versionsSchema = z.object({
  pessimistic: z.number(),
  realistic: z.number(),
  optimistic: z.number(),
});
const targetSchema = z.enum(['amount', 'units', 'new_clients']);

/** One plan target over the month: fact, plan, fulfilment (fact / plan) and pace per version. */
export const monthTargetSchema = z.object({
  target: targetSchema,
  fact: z.number(),
  plan: versionsSchema,
  /** fact / the month's whole plan, per version. */
  fulfilment: versionsSchema,
  /** fact / the plan due by the day measured (equal to fulfilment once the month is over). */
  pace: versionsSchema,
  status: statusSchema,
});
export type MonthTarget = z.infer<typeof monthTargetSchema>;

/** A manager's month: the targets, the rank by plan fulfilment, and (when lagging) the record. */
export const monthManagerSchema = z.object({
  managerId: z.number(),
  name: z.string(),
  rank: z.number(),
  /** Fulfilment of the ranking target in the version the department judges by. */
  fulfilment: z.number(),
  status: statusSchema,
  targets: z.array(monthTargetSchema),
});
export type MonthManager = z.infer<typeof monthManagerSchema>;

/** What the standups' history says about a lagging manager's month. */
export const monthRecordSchema = z.object({
  /** Standup days the manager was asked for a reason and a plan. */
  daysLagging: z.number(),
  plansMade: z.number(),
  plansHeld: z.number(),
  plansNotHeld: z.number(),
});
export type MonthRecord = z.infer<typeof monthRecordSchema>;

export const nextMonthPlanSchema = z.object({
  /** "2026-12". */
  key: z.string(),
  /** True when the file has no plan for that month, for the team or anyone. */
  missing: z.boolean(),
  team: z.partialRecord(targetSchema, versionsSchema),
  managers: z.array(
    z.object({
      managerId: z.number(),
      name: z.string(),
      plan: z.partialRecord(targetSchema, versionsSchema),
      /** From the manager's own entry, or the team plan shared by working days. */
      personal: z.boolean(),
    }),
  ),
});
export type NextMonthPlan = z.infer<typeof nextMonthPlanSchema>;

/** The month's results: what `report --month` prints and the monthly card shows. */
export const monthReportSchema = z.object({
  departmentId: z.string(),
  /** "2026-11". */
  month: z.string(),
  /** The day measured (the month's last working day for the scheduled card). */
  day: z.string(),
  from: z.string(),
  to: z.string(),
  /** Share of the month's working days behind (1 on its last working day). */
  elapsed: z.number(),
  judgeBy: z.enum(['pessimistic', 'realistic', 'optimistic']),
  /** The target managers are ranked by: the first one planned of amount, units, new clients. */
  rankedBy: targetSchema.optional(),
  team: z.array(monthTargetSchema),
  /** Best first. */
  managers: z.array(monthManagerSchema),
  /** Named for encouragement: those who met the plan (at most three), or the first. */
  best: z.array(z.number()),
  /** Behind the plan on some target, with the month's record from the standups. */
  laggards: z.array(
    z.object({ managerId: z.number(), name: z.string(), record: monthRecordSchema }),
  ),
  nextMonth: nextMonthPlanSchema,
  /** HTTP requests the measuring cost. */
  requests: z.number(),
});
export type MonthReport = z.infer<typeof monthReportSchema>;
