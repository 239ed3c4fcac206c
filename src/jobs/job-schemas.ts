import { z } from 'zod';

/**
 * The single map from job name to payload schema. A payload that does not parse is a
 * programming or data error: the worker fails the job without retrying it.
 */
export const jobSchemas = {
  standup: z.object({
    standupId: z.string().regex(/^[^:]+$/),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    time: z.string().regex(/^\d{2}:\d{2}$/),
    runAt: z.string(),
    /** Set by a manual run (`standup --now`); the scheduled run leaves it out. */
    reason: z.enum(['schedule', 'catch-up', 'manual']).default('schedule'),
  }),
  /** A conversation's reminder or deadline check, or a standup's escalation (target = its id). */
  timer: z.object({
    targetId: z.string().regex(/^[^:]+$/),
    timer: z.enum(['reminder', 'escalation', 'deadline']),
    at: z.string(),
  }),
  /** The month's results on its last working day, or the warning about next month's plan. */
  month: z.object({
    kind: z.enum(['results', 'plan_warning']),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    runAt: z.string(),
  }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/** Deterministic job ids: one standup per slot, one timer per conversation and kind. */
export const jobIds = {
  standup: (standupId: string) => `standup-${standupId}`,
  timer: (targetId: string, timer: string) => `timer-${targetId}-${timer}`,
  /** One per department, month and kind: several instances send one card. */
  month: (departmentId: string, kind: string, month: string) =>
    `month-${kind}-${departmentId}-${month}`,
};
