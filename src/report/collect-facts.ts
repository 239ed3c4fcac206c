import type { CollectionPlan, SumScan } from '../domain/collection/collection-plan.js';
import type { CrmReader } from './crm-reader.js';

/** Measured values by cell key; a cell absent here was not measured. */
export type Facts = Map<string, number>;

const ID_CHUNK = 400;

/**
 * Runs a collection plan: all counts at once (the reader batches them), each sum scan page by
 * page with rows bucketed as they arrive (memory stays flat however many rows there are), and
 * the open deals without a next step.
 */
export async function collectFacts(
  reader: CrmReader,
  plan: CollectionPlan,
  onProgress?: (done: number, total: number) => void,
): Promise<Facts> {
  const facts: Facts = new Map();
  const steps = plan.counts.length + plan.sums.length + (plan.nextStep === undefined ? 0 : 1);
  let done = 0;
  const totals = await reader.count(plan.counts.map((c) => c.query));
  plan.counts.forEach((c, index) => facts.set(c.key, totals[index] ?? 0));
  done += plan.counts.length;
  onProgress?.(done, steps);
  for (const scan of plan.sums) {
    await sumScan(reader, scan, facts);
    onProgress?.(++done, steps);
  }
  if (plan.nextStep !== undefined) {
    await dealsWithoutNextStep(reader, plan.nextStep, facts);
    onProgress?.(steps, steps);
  }
  return facts;
}

async function sumScan(reader: CrmReader, scan: SumScan, facts: Facts): Promise<void> {
  for (const bucket of scan.buckets) {
    facts.set(bucket.key, 0);
  }
  const byManager = new Map<number, SumScan['buckets']>();
  for (const bucket of scan.buckets) {
    byManager.set(bucket.managerId, [...(byManager.get(bucket.managerId) ?? []), bucket]);
  }
  for await (const row of reader.rows(scan.query)) {
    const managerBuckets = byManager.get(Number(row[scan.managerField]));
    const at = Date.parse(String(row[scan.dateField]));
    const value = Number(row[scan.valueField] ?? 0) * scan.scale;
    for (const bucket of managerBuckets ?? []) {
      if (at >= bucket.fromMs && at < bucket.toMs && Number.isFinite(value)) {
        facts.set(bucket.key, (facts.get(bucket.key) ?? 0) + value);
      }
    }
  }
}

async function dealsWithoutNextStep(
  reader: CrmReader,
  nextStep: NonNullable<CollectionPlan['nextStep']>,
  facts: Facts,
): Promise<void> {
  const openDeals = new Map<number, number>();
  const query = {
    method: 'crm.item.list',
    params: {
      entityTypeId: 2,
      filter: { stageSemanticId: 'P', '@assignedById': nextStep.managerIds },
      select: ['id', 'assignedById'],
    },
  };
  for await (const row of reader.rows(query)) {
    openDeals.set(Number(row.id), Number(row.assignedById));
  }
  const withNextStep = new Set<number>();
  const ids = [...openDeals.keys()];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    const activities = {
      method: 'crm.activity.list',
      params: {
        filter: { OWNER_TYPE_ID: 2, COMPLETED: 'N', '@OWNER_ID': chunk },
        select: ['ID', 'OWNER_ID'],
      },
    };
    for await (const row of reader.rows(activities)) {
      withNextStep.add(Number(row.OWNER_ID));
    }
  }
  const counts = new Map<number, number>(nextStep.managerIds.map((id) => [id, 0]));
  for (const [dealId, managerId] of openDeals) {
    if (!withNextStep.has(dealId)) {
      counts.set(managerId, (counts.get(managerId) ?? 0) + 1);
    }
  }
  for (const [managerId, key] of nextStep.keys) {
    facts.set(key, counts.get(managerId) ?? 0);
  }
}
