import type { BatchCommand, BatchOutcome } from '../bitrix/batch.js';
import { BitrixResponseError } from '../bitrix/errors.js';
import { createBucketer } from '../domain/collection/bucket-rows.js';
import {
  BATCH_SUB_CALLS,
  chooseReads,
  NEXT_STEP,
  PAGE_ROWS,
  probesOf,
  type ListRead,
  type Probe,
  type ReadPlan,
} from '../domain/collection/choose-reads.js';
import type { CollectionPlan } from '../domain/collection/collection-plan.js';
import type { CrmReader } from './crm-reader.js';
import { listRowReader, pageRows } from './list-rows.js';
import { readNextStep } from './read-next-step.js';
import { createReadQueue, type ReadQueue, type SubAnswer } from './read-queue.js';

/** Measured values by cell key; a cell absent here was not measured. */
export type Facts = Map<string, number>;

/** The opening batch's probes and their answers (a probe refused for time is absent). */
export interface ProbeAnswers {
  probes: readonly Probe[];
  answers: ReadonlyMap<string, SubAnswer>;
}

const probeKey = (probe: Probe) => `probe_${probe.id}`;

/** The probes as sub-calls, each the first page of its list, to ride in an opening batch. */
export function probeCommands(probes: readonly Probe[]): Record<string, BatchCommand> {
  return Object.fromEntries(
    probes.map((p) => [
      probeKey(p),
      { method: p.query.method, params: { ...p.query.params, start: 0 } },
    ]),
  );
}

/**
 * The probes' answers out of the opening batch. A probe the portal refused (for its method's
 * time budget, or anything else) is left out: its set is then counted, or a sum listed from
 * its first page, and a refusal of the method itself ends the read there, as it would have.
 */
export function probeAnswers(
  probes: readonly Probe[],
  outcomes: Readonly<Record<string, BatchOutcome>>,
): ProbeAnswers {
  const answers = new Map<string, SubAnswer>();
  for (const probe of probes) {
    const outcome = outcomes[probeKey(probe)];
    if (outcome?.ok === true) {
      answers.set(probe.id, { result: outcome.result, total: outcome.total, next: outcome.next });
    }
  }
  return { probes, answers };
}

/**
 * Rows a list holds: its `total`, or the rows of a page that came without one and was not full;
 * undefined when a full page came without a total (how many more, no answer says).
 */
function totalOf(method: string, answer: SubAnswer): number | undefined {
  if (answer.total !== undefined) {
    return answer.total;
  }
  const rows = pageRows(method, answer.result).length;
  return rows < PAGE_ROWS ? rows : undefined;
}

/**
 * Measures a plan's cells in the fewest requests. An opening batch probes the lists the plan
 * could read (unless the caller's opening batch did); the cost model (chooseReads) then picks,
 * per row set, counts or the team's rows; counts, list pages and the reads that depend on
 * earlier answers share batch requests through one queue. Rows are bucketed as pages arrive,
 * so memory holds at most one batch of pages.
 */
export async function collectFacts(
  reader: CrmReader,
  plan: CollectionPlan,
  options: {
    probes?: ProbeAnswers;
    onProgress?: (done: number, total: number) => void;
    /** Told what the cost model chose (logs, tests). */
    onReads?: (reads: ReadPlan) => void;
  } = {},
): Promise<Facts> {
  const probed = options.probes ?? (await openingProbes(reader, plan));
  const totals = new Map<string, number>();
  for (const probe of probed.probes) {
    const answer = probed.answers.get(probe.id);
    const total = answer === undefined ? undefined : totalOf(probe.query.method, answer);
    if (total !== undefined) {
      totals.set(probe.id, total);
    }
  }
  const reads = chooseReads(plan, probed.probes, totals);
  options.onReads?.(reads);
  const facts: Facts = new Map();
  const queue = createReadQueue((commands) => reader.batch(commands));
  for (const count of reads.counts) {
    queue.add({ method: count.query.method, params: { ...count.query.params, start: 0 } }, (a) =>
      facts.set(count.key, countOf(count.query.method, a)),
    );
  }
  for (const list of reads.lists) {
    readList(
      queue,
      list,
      list.probe === undefined ? undefined : probed.answers.get(list.probe),
      facts,
    );
  }
  if (plan.nextStep !== undefined) {
    const probe = probed.probes.find((p) => p.setId === NEXT_STEP);
    const first = probe === undefined ? undefined : probed.answers.get(probe.id);
    readNextStep(queue, plan.nextStep, first, facts);
  }
  await queue.drain((p) => options.onProgress?.(p.done, p.queued));
  options.onProgress?.(queue.progress().done, queue.progress().queued);
  return facts;
}

function countOf(method: string, answer: SubAnswer): number {
  const total = totalOf(method, answer);
  if (total === undefined) {
    throw new BitrixResponseError(method, 'total', 'a full page without a total cannot be counted');
  }
  return total;
}

async function openingProbes(reader: CrmReader, plan: CollectionPlan): Promise<ProbeAnswers> {
  const probes = probesOf(plan, BATCH_SUB_CALLS);
  if (probes.length === 0) {
    return { probes, answers: new Map() };
  }
  return probeAnswers(probes, await reader.batch(probeCommands(probes)));
}

/**
 * Reads a list's pages after the first (from its probe, or asked first) and buckets each row.
 * Pages are by offset over rows ordered by id: rows added meanwhile come last, and a page
 * that reports more rows than the first did queues the pages for them.
 */
function readList(
  queue: ReadQueue,
  list: ListRead,
  first: SubAnswer | undefined,
  facts: Facts,
): void {
  const bucket = createBucketer(list, facts);
  const toRow = listRowReader(list.set);
  const { method, params } = list.query;
  let known = 0;
  const take = (answer: SubAnswer, start: number) => {
    const rows = pageRows(method, answer.result);
    for (const row of rows) {
      bucket(toRow(row));
    }
    const page = (at: number) => (next: SubAnswer) => take(next, at);
    if (answer.total === undefined) {
      // No total to plan by: follow page by page while pages come full.
      if (rows.length === PAGE_ROWS) {
        queue.add(
          { method, params: { ...params, start: start + PAGE_ROWS } },
          page(start + PAGE_ROWS),
          {
            first: true,
          },
        );
      }
      return;
    }
    for (
      let at = Math.max(PAGE_ROWS, Math.ceil(known / PAGE_ROWS) * PAGE_ROWS);
      at < answer.total;
      at += PAGE_ROWS
    ) {
      queue.add({ method, params: { ...params, start: at } }, page(at));
    }
    known = Math.max(known, answer.total);
  };
  if (first === undefined) {
    queue.add({ method, params: { ...params, start: 0 } }, (a) => take(a, 0), { first: true });
  } else {
    take(first, 0);
  }
}
