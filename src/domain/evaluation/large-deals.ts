import { DateTime } from 'luxon';
import { z } from 'zod';
import type { LargeDealSettings } from '../department/department.js';

/** An open deal above the amount with no activity for the set days: a line in the digest. */
export const largeDealSchema = z.object({
  id: z.number(),
  title: z.string(),
  amount: z.number(),
  currency: z.string(),
  managerId: z.number(),
  /** When the deal's timeline last saw an activity (crm.item `lastActivityTime`), if ever. */
  lastActivity: z.string().nullable(),
  /** https://<portal>/crm/deal/details/<ID>/ when the portal's address is known. */
  url: z.string().optional(),
});
export type LargeDeal = z.infer<typeof largeDealSchema>;

/**
 * One sub-call for the standup's opening batch: the team's open deals (`stageSemanticId` P) at
 * or above the amount whose `lastActivityTime` ("date and time of the last activity in the
 * timeline", a common crm.item field usable in filter and order) is older than the idle days,
 * largest first. Its first page is all the digest needs.
 */
export function largeDealsQuery(
  settings: LargeDealSettings,
  managerIds: readonly number[],
  runAt: DateTime,
): { method: string; params: Record<string, unknown> } {
  return {
    method: 'crm.item.list',
    params: {
      entityTypeId: 2,
      select: ['id', 'title', 'opportunity', 'currencyId', 'assignedById', 'lastActivityTime'],
      filter: {
        stageSemanticId: 'P',
        '>=opportunity': settings.minAmount,
        '<lastActivityTime': staleBefore(settings, runAt),
        '@assignedById': [...managerIds],
      },
      order: { opportunity: 'DESC', id: 'ASC' },
      start: 0,
    },
  };
}

/** Activity before this moment is stale: the run time less the idle days. */
export function staleBefore(settings: LargeDealSettings, runAt: DateTime): string {
  return runAt.minus({ days: settings.idleDays }).toISO({ suppressMilliseconds: true }) ?? '';
}

const rowSchema = z.object({
  id: z.coerce.number(),
  title: z.string().nullable().default(''),
  opportunity: z.coerce.number().nullable().default(0),
  currencyId: z.string().nullable().default('RUB'),
  assignedById: z.coerce.number(),
  lastActivityTime: z.string().nullable().default(null),
});

/**
 * The digest's lines from the list's first page: checked again against the settings (a
 * portal that ignored a filter key must not put a fresh or small deal in front of the head),
 * largest first, at most `maxLines`.
 */
export function selectLargeDeals(
  result: unknown,
  settings: LargeDealSettings,
  managerIds: readonly number[],
  runAt: DateTime,
  portal: string | undefined,
): LargeDeal[] {
  const items = z.object({ items: z.array(z.unknown()) }).safeParse(result);
  const rows = (items.success ? items.data.items : []).flatMap((raw) => {
    const row = rowSchema.safeParse(raw);
    return row.success ? [row.data] : [];
  });
  const cutoff = DateTime.fromISO(staleBefore(settings, runAt), { setZone: true });
  const team = new Set(managerIds);
  return rows
    .filter((r) => team.has(r.assignedById) && (r.opportunity ?? 0) >= settings.minAmount)
    .filter(
      (r) =>
        r.lastActivityTime === null ||
        DateTime.fromISO(r.lastActivityTime, { setZone: true }) < cutoff,
    )
    .sort((a, b) => (b.opportunity ?? 0) - (a.opportunity ?? 0) || a.id - b.id)
    .slice(0, settings.maxLines)
    .map((r) => ({
      id: r.id,
      title: r.title ?? '',
      amount: r.opportunity ?? 0,
      currency: r.currencyId ?? 'RUB',
      managerId: r.assignedById,
      lastActivity: r.lastActivityTime,
      ...(portal === undefined ? {} : { url: `https://${portal}/crm/deal/details/${r.id}/` }),
    }));
}
