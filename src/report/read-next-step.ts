import { z } from 'zod';
import { BitrixResponseError } from '../bitrix/errors.js';
import type { CollectionPlan } from '../domain/collection/collection-plan.js';
import { PAGE_ROWS } from '../domain/collection/choose-reads.js';
import {
  DEAL_IDS_PER_QUERY,
  openDealsQuery,
  openStepsQuery,
  withoutNextStep,
} from '../domain/collection/next-step.js';
import type { ListQuery } from '../domain/collection/collection-plan.js';
import { pageRows } from './list-rows.js';
import type { ReadQueue, SubAnswer } from './read-queue.js';

const dealSchema = z.looseObject({
  id: z.coerce.number().int(),
  assignedById: z.coerce.number().int(),
});
const stepSchema = z.looseObject({ OWNER_ID: z.coerce.number().int() });

function rows<T>(query: ListQuery, answer: SubAnswer, schema: z.ZodType<T>): T[] {
  return pageRows(query.method, answer.result).map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      throw new BitrixResponseError(query.method, 'row', parsed.error.issues[0]?.message ?? '');
    }
    return parsed.data;
  });
}

/**
 * Queues every page of a list after its first (`first` given: already answered), ahead of
 * other reads, and calls `onRows` per page and `onDone` once every page is in.
 */
function readAll<T>(
  queue: ReadQueue,
  query: ListQuery,
  schema: z.ZodType<T>,
  first: SubAnswer | undefined,
  onRows: (rows: T[]) => void,
  onDone: () => void,
): void {
  let waiting = 0;
  const page = (answer: SubAnswer) => {
    onRows(rows(query, answer, schema));
    if (--waiting === 0) {
      onDone();
    }
  };
  const opening = (answer: SubAnswer) => {
    waiting++;
    for (let start = PAGE_ROWS; start < (answer.total ?? 0); start += PAGE_ROWS) {
      waiting++;
      queue.add({ method: query.method, params: { ...query.params, start } }, page, {
        first: true,
      });
    }
    page(answer);
  };
  if (first === undefined) {
    queue.add({ method: query.method, params: { ...query.params, start: 0 } }, opening, {
      first: true,
    });
  } else {
    opening(first);
  }
}

/**
 * Deals without a next step, on the read queue: the team's open deals (their first page
 * probed in the opening batch when `first` is given), then the open activities bound to them,
 * a chunk of deal ids per list. Fills `facts` as the last page arrives.
 */
export function readNextStep(
  queue: ReadQueue,
  nextStep: NonNullable<CollectionPlan['nextStep']>,
  first: SubAnswer | undefined,
  facts: Map<string, number>,
): void {
  const openDeals = new Map<number, number>();
  const withStep = new Set<number>();
  const finish = () => {
    for (const [key, count] of withoutNextStep(openDeals, withStep, nextStep.keys)) {
      facts.set(key, count);
    }
  };
  const managers = [...nextStep.managerIds].sort((a, b) => a - b);
  readAll(
    queue,
    openDealsQuery(managers),
    dealSchema,
    first,
    (deals) => deals.forEach((d) => openDeals.set(d.id, d.assignedById)),
    () => {
      const ids = [...openDeals.keys()];
      let chunks = Math.ceil(ids.length / DEAL_IDS_PER_QUERY);
      if (chunks === 0) {
        finish();
      }
      for (let start = 0; start < ids.length; start += DEAL_IDS_PER_QUERY) {
        readAll(
          queue,
          openStepsQuery(ids.slice(start, start + DEAL_IDS_PER_QUERY)),
          stepSchema,
          undefined,
          (steps) => steps.forEach((s) => withStep.add(s.OWNER_ID)),
          () => {
            if (--chunks === 0) {
              finish();
            }
          },
        );
      }
    },
  );
}
