import { describe, expect, it } from 'vitest';
import type { BatchCommand, BatchOutcome } from '../../../src/bitrix/batch.js';
import { BitrixApiError } from '../../../src/bitrix/errors.js';
import { createReadQueue } from '../../../src/report/read-queue.js';

/** A batch that answers each sub-call with its own `start`, refusing some for time first. */
function fakeBatch(refuseFirst = new Set<number>()) {
  const batches: BatchCommand[][] = [];
  const batch = async (commands: Record<string, BatchCommand>) => {
    batches.push(Object.values(commands));
    const out: Record<string, BatchOutcome> = {};
    for (const [key, command] of Object.entries(commands)) {
      const n = Number(command.params?.n);
      out[key] = refuseFirst.delete(n)
        ? { ok: false, error: new BitrixApiError(command.method, 'OPERATION_TIME_LIMIT', '', 429) }
        : { ok: true, result: n, total: undefined, next: undefined };
    }
    return out;
  };
  return { batch, batches };
}

const sub = (n: number): BatchCommand => ({ method: 'crm.activity.list', params: { n } });

describe('the read queue', () => {
  it('runs 50 sub-calls a request, those queued by answers among them, urgent ones first', async () => {
    const { batch, batches } = fakeBatch();
    const queue = createReadQueue(batch);
    const answered: number[] = [];
    for (let n = 0; n < 70; n++) {
      queue.add(sub(n), (a) => {
        answered.push(a.result as number);
        if (n === 0) {
          queue.add(sub(1000), (b) => answered.push(b.result as number), { first: true });
        }
      });
    }
    await queue.drain();
    expect(batches.map((b) => b.length)).toEqual([50, 21]);
    expect(batches[1]?.[0]?.params?.n).toBe(1000);
    expect(answered.sort((a, b) => a - b)).toEqual([...Array(70).keys(), 1000]);
    expect(queue.progress()).toEqual({ done: 71, queued: 71 });
  });

  it('asks again a sub-call refused for its time budget, and gives up after four tries', async () => {
    const { batch, batches } = fakeBatch(new Set([3]));
    const queue = createReadQueue(batch);
    const answered: number[] = [];
    [1, 2, 3].forEach((n) => queue.add(sub(n), (a) => answered.push(a.result as number)));
    await queue.drain();
    expect(answered).toEqual([1, 2, 3]);
    expect(batches.map((b) => b.length)).toEqual([3, 1]);

    const refusing = createReadQueue(async (commands) =>
      Object.fromEntries(
        Object.entries(commands).map(([key, c]) => [
          key,
          { ok: false, error: new BitrixApiError(c.method, 'OPERATION_TIME_LIMIT', '', 429) },
        ]),
      ),
    );
    refusing.add(sub(1), () => undefined);
    await expect(refusing.drain()).rejects.toMatchObject({ code: 'OPERATION_TIME_LIMIT' });
  });

  it('ends the read on any other refusal', async () => {
    const queue = createReadQueue(async (commands) =>
      Object.fromEntries(
        Object.entries(commands).map(([key, c]) => [
          key,
          { ok: false, error: new BitrixApiError(c.method, 'ACCESS_DENIED', 'no', 200) },
        ]),
      ),
    );
    queue.add(sub(1), () => undefined);
    await expect(queue.drain()).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });
});
