import type { ListQuery } from './collection-plan.js';

/**
 * Deals without a next step (contracts section 2): a manager's open deals that have no open
 * activity bound to them. Two reads: the team's open deals, then the open activities of those
 * deals, asked by id, a chunk of ids per list.
 */
export const DEAL_IDS_PER_QUERY = 400;

export function openDealsQuery(managerIds: readonly number[]): ListQuery {
  return {
    method: 'crm.item.list',
    params: {
      entityTypeId: 2,
      filter: { stageSemanticId: 'P', '@assignedById': [...managerIds] },
      select: ['id', 'assignedById'],
      order: { id: 'ASC' },
    },
  };
}

export function openStepsQuery(dealIds: readonly number[]): ListQuery {
  return {
    method: 'crm.activity.list',
    params: {
      filter: { OWNER_TYPE_ID: 2, COMPLETED: 'N', '@OWNER_ID': [...dealIds] },
      select: ['ID', 'OWNER_ID'],
      order: { ID: 'ASC' },
    },
  };
}

/** Each manager's open deals (deal id -> manager) less those with a next step. */
export function withoutNextStep(
  openDeals: ReadonlyMap<number, number>,
  withStep: ReadonlySet<number>,
  keys: ReadonlyMap<number, string>,
): Map<string, number> {
  const counts = new Map<number, number>([...keys.keys()].map((id) => [id, 0]));
  for (const [dealId, managerId] of openDeals) {
    if (!withStep.has(dealId) && counts.has(managerId)) {
      counts.set(managerId, (counts.get(managerId) ?? 0) + 1);
    }
  }
  return new Map([...keys].map(([managerId, key]) => [key, counts.get(managerId) ?? 0]));
}
