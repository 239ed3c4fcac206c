import type { BatchCommand, BatchOutcome } from '../bitrix/batch.js';
import { BitrixApiError, BitrixResponseError, isOperationLimit } from '../bitrix/errors.js';
import { BATCH_SUB_CALLS } from '../domain/collection/choose-reads.js';

/** A sub-call's answer: its result, and a list's `total` and `next`. */
export interface SubAnswer {
  result: unknown;
  total: number | undefined;
  next: number | undefined;
}

export interface ReadQueue {
  /**
   * Queues a read-only sub-call; `onAnswer` gets its answer and may queue more. `first` puts
   * it ahead of the others: reads that others wait for (open deals before their activities).
   */
  add(
    command: BatchCommand,
    onAnswer: (answer: SubAnswer) => void,
    options?: { first?: boolean },
  ): void;
  /**
   * Runs every queued sub-call, and those their answers queue, 50 to a batch request;
   * `afterEach` is told the progress after each request.
   */
  drain(afterEach?: (progress: { done: number; queued: number }) => void): Promise<void>;
  /** Sub-calls answered so far, and queued so far (for progress). */
  progress(): { done: number; queued: number };
}

type RunBatch = (commands: Record<string, BatchCommand>) => Promise<Record<string, BatchOutcome>>;

interface Pending {
  command: BatchCommand;
  onAnswer: (answer: SubAnswer) => void;
  tries: number;
}

/**
 * Reads as a queue of sub-calls drained 50 at a time, so that independent reads (counts, the
 * pages of several lists, reads that depend on earlier answers) share batch requests instead
 * of each list paying for its own partly filled one. A sub-call refused for its method's time
 * budget (429) is asked again in a later batch, up to `maxTries`; any other error ends the read.
 */
export function createReadQueue(batch: RunBatch, maxTries = 4): ReadQueue {
  let urgent: Pending[] = [];
  let rest: Pending[] = [];
  let done = 0;
  let queued = 0;
  return {
    add(command, onAnswer, options) {
      queued++;
      (options?.first === true ? urgent : rest).push({ command, onAnswer, tries: 0 });
    },
    progress: () => ({ done, queued }),
    async drain(afterEach) {
      while (urgent.length + rest.length > 0) {
        const taken = [...urgent, ...rest].slice(0, BATCH_SUB_CALLS);
        const fromUrgent = Math.min(urgent.length, BATCH_SUB_CALLS);
        urgent = urgent.slice(fromUrgent);
        rest = rest.slice(BATCH_SUB_CALLS - fromUrgent);
        const commands = Object.fromEntries(taken.map((p, i) => [`q${i}`, p.command]));
        const outcomes = await batch(commands);
        taken.forEach((pending, i) => {
          const outcome = outcomes[`q${i}`];
          if (outcome === undefined) {
            throw new BitrixResponseError('batch', `q${i}`, 'missing from the answer');
          }
          if (outcome.ok) {
            done++;
            pending.onAnswer({ result: outcome.result, total: outcome.total, next: outcome.next });
            return;
          }
          if (!isOperationLimit(outcome.error) || pending.tries + 1 >= maxTries) {
            throw isOperationLimit(outcome.error)
              ? new BitrixApiError(
                  pending.command.method,
                  'OPERATION_TIME_LIMIT',
                  'still limited after retries',
                  429,
                )
              : outcome.error;
          }
          rest.push({ ...pending, tries: pending.tries + 1 });
        });
        afterEach?.({ done, queued });
      }
    },
  };
}
