import { describe, expect, it } from 'vitest';
import {
  chooseReads,
  NEXT_STEP,
  pagesAfterFirst,
  probesOf,
  type Probe,
} from '../../../../src/domain/collection/choose-reads.js';
import { planCollection } from '../../../../src/domain/collection/collection-plan.js';
import { catalogue, cells, DAY, MONTH, NOW, RUN_AT, WEEK } from './fixtures.js';

const TEN = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const plan = (c: ReturnType<typeof cells>) => planCollection(c, catalogue, RUN_AT);

/** Totals for each probe, by the span it covers. */
function totals(probes: readonly Probe[], bySpan: Record<string, number>): Map<string, number> {
  return new Map(
    probes.map((p) => [p.id, bySpan[p.span === undefined ? 'now' : spanName(p.span.from)] ?? 0]),
  );
}
const spanName = (from: string) =>
  ({ [DAY.from]: 'day', [WEEK.from]: 'week', [MONTH.from]: 'month' })[from] ?? '?';

describe('the cost model', () => {
  it('counts cells when the rows would take more pages than there are cells', () => {
    const p = plan(cells(TEN, ['calls_outgoing'], [MONTH]));
    const probes = probesOf(p, 50);
    const reads = chooseReads(p, probes, totals(probes, { month: 9000 }));
    expect(reads.lists).toEqual([]);
    expect(reads.counts).toHaveLength(10);
    expect(reads.subCalls).toBe(10);
  });

  it('lists the rows when their pages cost fewer sub-calls than the cells', () => {
    const p = plan(cells(TEN, ['meetings'], [DAY, WEEK, MONTH]));
    const probes = probesOf(p, 50);
    const reads = chooseReads(p, probes, totals(probes, { month: 420, week: 100, day: 20 }));
    expect(reads.counts).toEqual([]);
    expect(reads.lists.map((l) => l.span)).toEqual([{ from: MONTH.from, to: MONTH.to }]);
    expect(reads.subCalls).toBe(pagesAfterFirst(420));
    expect(pagesAfterFirst(420)).toBe(8);
  });

  it('lists a narrow window and counts the wide ones when that is cheapest', () => {
    const p = plan(cells(TEN, ['calls_outgoing'], [DAY, WEEK, MONTH]));
    const probes = probesOf(p, 50);
    expect(probes.map((q) => spanName(q.span?.from ?? ''))).toEqual(['month', 'week', 'day']);
    const reads = chooseReads(p, probes, totals(probes, { month: 9000, week: 2000, day: 400 }));
    expect(reads.lists.map((l) => l.span?.from)).toEqual([DAY.from]);
    expect(reads.lists[0]?.readings[0]?.buckets).toHaveLength(10);
    expect(reads.counts.map((c) => c.key.split('|')[2])).toEqual(
      TEN.flatMap(() => ['week', 'month']),
    );
    expect(reads.subCalls).toBe(7 + 20);
  });

  it('counts on a tie: the same sub-calls, less data', () => {
    const p = plan(cells([11, 12], ['quotes_sent'], [WEEK]));
    const probes = probesOf(p, 50);
    expect(chooseReads(p, probes, totals(probes, { week: 150 })).lists).toEqual([]);
    expect(chooseReads(p, probes, totals(probes, { week: 100 })).counts).toEqual([]);
  });

  it('always lists sums, and from the first page when no probe was answered', () => {
    const p = plan(cells([11, 12], ['talk_minutes'], [DAY, WEEK]));
    const probes = probesOf(p, 0);
    expect(probes).toHaveLength(1);
    const read = chooseReads(p, probes, new Map());
    expect(read.lists.map((l) => [l.probe, l.span?.from, l.total])).toEqual([
      [undefined, WEEK.from, undefined],
    ]);
  });

  it('uses a probe only when it holds every manager the set needs', () => {
    const wider = plan(cells([11, 12], ['meetings'], [WEEK]));
    const probes = probesOf(wider, 50);
    const narrower = plan(cells([11], ['meetings'], [WEEK]));
    expect(chooseReads(narrower, probes, totals(probes, { week: 30 })).lists).toHaveLength(1);
    const more = plan(cells([11, 12, 13], ['meetings'], [WEEK]));
    expect(chooseReads(more, probes, totals(probes, { week: 30 })).lists).toEqual([]);
  });

  it('uses a probe only when it asks for every field the set now needs', () => {
    // Planned without new clients, the won deals' probe does not select isReturnCustomer.
    const before = plan(cells([11, 12], ['won_amount'], [MONTH]));
    const probes = probesOf(before, 50);
    const after = plan(cells([11, 12], ['won_amount', 'new_clients'], [MONTH]));
    const read = chooseReads(after, probes, totals(probes, { month: 30 }));
    expect(read.lists.map((l) => l.probe)).toEqual([undefined]);
    expect(read.lists[0]?.query.params.select).toContain('isReturnCustomer');
  });

  it('probes sums and open deals first, then the widest span of each set, then narrower ones', () => {
    const p = plan([
      ...cells(TEN, ['calls_outgoing', 'meetings'], [DAY, WEEK]),
      ...cells(TEN, ['talk_minutes'], [DAY]),
      ...cells(TEN, ['deals_without_next_step', 'overdue_activities'], [NOW]),
    ]);
    const all = probesOf(p, 50);
    expect(all.map((q) => q.setId.split('|')[0])).toEqual([
      'voximplant.statistic.get',
      NEXT_STEP,
      'crm.activity.list',
      'crm.activity.list',
      'crm.activity.list',
      'crm.activity.list',
      'crm.activity.list',
    ]);
    expect(probesOf(p, 4)).toHaveLength(4);
    expect(probesOf(p, 0)).toHaveLength(2);
  });
});
