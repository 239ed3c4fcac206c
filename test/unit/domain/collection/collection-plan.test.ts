import { describe, expect, it } from 'vitest';
import {
  isListable,
  planCollection,
  plannedKeys,
  type RowSet,
} from '../../../../src/domain/collection/collection-plan.js';
import { countQuery, listQuery } from '../../../../src/domain/collection/queries.js';
import { catalogue, cells, DAY, MONTH, NOW, RUN_AT, WEEK } from './fixtures.js';

const plan = (c: ReturnType<typeof cells>) => planCollection(c, catalogue, RUN_AT);
const setOf = (sets: RowSet[], metric: string) =>
  sets.find((s) => s.readings.some((r) => r.metric === metric)) as RowSet;

describe('the collection plan', () => {
  it('reads won deals once for the amount, the count and the new clients', () => {
    const { rowSets } = plan(
      cells([11, 12], ['won_amount', 'deals_won', 'new_clients'], [DAY, MONTH]),
    );
    expect(rowSets).toHaveLength(1);
    const won = rowSets[0] as RowSet;
    expect(won.filter).toEqual({ stageSemanticId: 'S' });
    expect(won.readings.map((r) => [r.metric, r.refinement])).toEqual([
      ['won_amount', {}],
      ['deals_won', {}],
      ['new_clients', { isReturnCustomer: 'N' }],
    ]);
    expect(won.readings.map((r) => r.buckets.length)).toEqual([4, 4, 4]);
  });

  it('tests connected calls on the rows summed for talk minutes, within their windows only', () => {
    const joined = plan([
      ...cells([11], ['talk_minutes'], [WEEK]),
      ...cells([11], ['calls_connected'], [DAY, WEEK]),
    ]).rowSets;
    expect(joined).toHaveLength(1);
    expect(setOf(joined, 'calls_connected').readings[1]?.refinement).toEqual({
      CALL_TYPE: 1,
      '>CALL_DURATION': 0,
    });
    // A month of connected calls reaches beyond the week summed: read on its own.
    const apart = plan([
      ...cells([11], ['talk_minutes'], [WEEK]),
      ...cells([11], ['calls_connected'], [MONTH]),
    ]).rowSets;
    expect(apart).toHaveLength(2);
  });

  it('turns ratios into their parts and measures each cell once', () => {
    const p = plan(cells([11], ['avg_deal', 'conversion', 'deals_won'], [MONTH]));
    expect(plannedKeys(p).sort()).toEqual([
      '11|deals_lost|month',
      '11|deals_won|month',
      '11|won_amount|month',
    ]);
  });

  it('keeps text conditions with the portal and lists nothing whose filter names the manager', () => {
    const sets = plan(cells([11], ['site_measurements', 'own_calls', 'meetings'], [DAY])).rowSets;
    expect(sets).toHaveLength(3);
    expect(isListable(setOf(sets, 'site_measurements'))).toBe(true);
    expect(isListable(setOf(sets, 'own_calls'))).toBe(false);
  });

  it('counts a cell with the metric filter, the window and the manager, as always', () => {
    const set = setOf(plan(cells([11], ['calls_outgoing'], [DAY])).rowSets, 'calls_outgoing');
    const reading = set.readings[0]!;
    expect(countQuery(set, reading, reading.buckets[0]!)).toEqual({
      method: 'crm.activity.list',
      params: {
        filter: {
          TYPE_ID: 2,
          DIRECTION: 2,
          COMPLETED: 'Y',
          '>=START_TIME': DAY.from,
          '<START_TIME': DAY.to,
          RESPONSIBLE_ID: 11,
        },
        select: ['ID'],
      },
    });
  });

  it('lists the team rows over a span by id, with only the fields the readings need', () => {
    const sets = plan([
      ...cells([12, 11], ['won_amount'], [MONTH]),
      ...cells([11], ['new_clients'], [DAY]),
      ...cells([11, 12], ['overdue_activities'], [NOW]),
    ]).rowSets;
    expect(listQuery(setOf(sets, 'won_amount'), [11, 12], MONTH)).toEqual({
      method: 'crm.item.list',
      params: {
        entityTypeId: 2,
        filter: {
          stageSemanticId: 'S',
          '@assignedById': [11, 12],
          '>=movedTime': MONTH.from,
          '<movedTime': MONTH.to,
        },
        select: ['id', 'assignedById', 'movedTime', 'opportunity', 'isReturnCustomer'],
        order: { id: 'ASC' },
      },
    });
    expect(listQuery(setOf(sets, 'overdue_activities'), [11, 12], undefined)).toEqual({
      method: 'crm.activity.list',
      params: {
        filter: { COMPLETED: 'N', '<DEADLINE': RUN_AT, '@RESPONSIBLE_ID': [11, 12] },
        select: ['ID', 'RESPONSIBLE_ID'],
        order: { ID: 'ASC' },
      },
    });
  });
});
