import { describe, expect, it } from 'vitest';
import { createBucketer } from '../../../../src/domain/collection/bucket-rows.js';
import { chooseReads, probesOf } from '../../../../src/domain/collection/choose-reads.js';
import { planCollection } from '../../../../src/domain/collection/collection-plan.js';
import { catalogue, cells, DAY, RUN_AT, WEEK } from './fixtures.js';

const at = (iso: string) => Date.parse(iso);

describe('bucketing listed rows', () => {
  const p = planCollection(
    [
      ...cells([11, 12], ['talk_minutes'], [DAY, WEEK]),
      ...cells([11, 12], ['calls_connected'], [DAY]),
    ],
    catalogue,
    RUN_AT,
  );
  const probes = probesOf(p, 50);
  const [read] = chooseReads(p, probes, new Map(probes.map((q) => [q.id, 10]))).lists;

  it("puts each row in its manager's windows, from inclusive, to exclusive", () => {
    const facts = new Map<string, number>();
    const add = createBucketer(read!, facts);
    const call = (managerId: number, when: string, fields: Record<string, unknown>) =>
      add({ managerId, atMs: at(when), fields });
    call(11, DAY.from, { CALL_DURATION: '120', CALL_TYPE: '1' });
    call(11, '2026-11-23T23:59:59+03:00', { CALL_DURATION: '60', CALL_TYPE: '2' });
    call(11, DAY.to, { CALL_DURATION: '600', CALL_TYPE: '1' });
    call(11, WEEK.from, { CALL_DURATION: '6000', CALL_TYPE: '1' });
    call(11, '2026-11-20T12:00:00+03:00', { CALL_DURATION: 'x', CALL_TYPE: '1' });
    call(13, DAY.from, { CALL_DURATION: '60', CALL_TYPE: '1' });
    expect(Object.fromEntries(facts)).toEqual({
      '11|talk_minutes|day': 3,
      '11|talk_minutes|week': 103,
      '12|talk_minutes|day': 0,
      '12|talk_minutes|week': 0,
      // A connected call is an outgoing one that lasted: the second call does not count.
      '11|calls_connected|day': 1,
      '12|calls_connected|day': 0,
    });
  });
});
