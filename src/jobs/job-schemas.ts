import { z } from 'zod';

/**
 * The single map from job name to payload schema. A payload that does not parse is a
 * programming or data error: the worker fails the job without retrying it.
 */
const portalKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/);

export const jobSchemas = {
  standup: z.object({
    standupId: z.string().regex(/^[^:]+$/),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    time: z.string().regex(/^\d{2}:\d{2}$/),
    runAt: z.string(),
    /** Set by a manual run (`standup --now`); the scheduled run leaves it out. */
    reason: z.enum(['schedule', 'catch-up', 'manual']).default('schedule'),
    /** The portal's tenant key; absent for the deployment's own portal (webhook mode). */
    portal: portalKey.optional(),
  }),
  /** The weekly meeting's card, once per department and meeting day. */
  week: z.object({
    weekId: z.string().regex(/^[^:]+$/),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The portal's tenant key; absent for the deployment's own portal (webhook mode). */
    portal: portalKey.optional(),
  }),
  /** A conversation's reminder or deadline check, or a standup's escalation (target = its id). */
  timer: z.object({
    targetId: z.string().regex(/^[^:]+$/),
    timer: z.enum(['reminder', 'escalation', 'deadline']),
    at: z.string(),
    portal: portalKey.optional(),
  }),
  /** The month's results on its last working day, or the warning about next month's plan. */
  month: z.object({
    kind: z.enum(['results', 'plan_warning']),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    runAt: z.string(),
    /** The department the month is of (several may share a deployment). */
    departmentId: z.string().optional(),
    portal: portalKey.optional(),
  }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/** Deterministic job ids: one standup per slot, one timer per conversation and kind. */
export const jobIds = {
  standup: (standupId: string, portal?: string) => `${onPortal(portal)}standup-${standupId}`,
  timer: (targetId: string, timer: string, portal?: string) =>
    `${onPortal(portal)}timer-${targetId}-${timer}`,
  /** One per department, month and kind (and portal): several instances send one card. */
  month: (departmentId: string, kind: string, month: string, portal?: string) =>
    `${onPortal(portal)}month-${kind}-${departmentId}-${month}`,
  week: (weekId: string, portal?: string) => `${onPortal(portal)}week-${weekId}`,
};

/** Another portal's ids start with its key: two portals may both have a "sales" department. */
const onPortal = (portal: string | undefined) =>
  portal === undefined || portal === '' ? '' : `p.${portal}.`;
