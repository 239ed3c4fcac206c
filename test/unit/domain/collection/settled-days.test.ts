import { describe, expect, it } from 'vitest';
import {
  planCollection,
  type CollectionPlan,
} from '../../../../src/domain/collection/collection-plan.js';
import {
  dayField,
  isSettledSet,
  splitSettledDays,
} from '../../../../src/domain/collection/settled-days.js';
import { metricCatalogue } from '../../../../src/domain/metrics/catalogue.js';

const ZONE = 'Europe/Moscow';
const catalogue = metricCatalogue([]);
const week = { id: 'week', from: '2026-11-17T00:00:00+03:00', to: '2026-11-24T00:00:00+03:00' };
const halfDay = {
  id: 'half_day',
  from: '2026-11-24T09:00:00+03:00',
  to: '2026-11-24T13:00:00+03:00',
};
const SETTLED_BEFORE = '2026-11-23T00:00:00+03:00';
const DAYS = ['17', '18', '19', '20', '21', '22'].map((d) => `2026-11-${d}T00:00:00+03:00`);

const plan = (metric: string, window = week): CollectionPlan =>
  planCollection(
    [1, 2].map((managerId) => ({ managerId, metric, window: window as never })),
    catalogue,
    '2026-11-24T08:45:00+03:00',
  );

describe('splitSettledDays', () => {
  it('settles only call records filtered on fields that never change', () => {
    expect(plan('talk_minutes').rowSets.map(isSettledSet)).toEqual([true]);
    expect(plan('won_amount').rowSets.map(isSettledSet)).toEqual([false]);
    expect(plan('meetings').rowSets.map(isSettledSet)).toEqual([false]);
  });

  it('reads everything the first time, with a bucket for each settled day to keep', () => {
    const split = splitSettledDays(plan('talk_minutes'), {
      zone: ZONE,
      settledBefore: SETTLED_BEFORE,
      known: new Map(),
    });
    const buckets = split.plan.rowSets[0]!.readings[0]!.buckets;
    expect(buckets.filter((b) => b.span?.from === week.from && b.span.to === week.to)).toHaveLength(
      2,
    );
    expect([...split.toKeep.values()].map((f) => `${f.managerId} ${f.day}`).sort()).toEqual(
      [1, 2].flatMap((m) => DAYS.map((d) => `${m} ${d}`)).sort(),
    );
    expect(split.addends.size).toBe(0);
  });

  it('takes known days out of the window and adds what they came to', () => {
    const base = plan('talk_minutes');
    const setId = base.rowSets[0]!.id;
    const known = new Map([
      [
        setId,
        new Map(
          [1, 2].flatMap((managerId) =>
            DAYS.map(
              (day) => [dayField({ metric: 'talk_minutes', managerId, day }), managerId] as const,
            ),
          ),
        ),
      ],
    ]);
    const split = splitSettledDays(base, { zone: ZONE, settledBefore: SETTLED_BEFORE, known });
    expect(split.plan.rowSets[0]!.readings[0]!.buckets.map((b) => b.span)).toEqual([
      { from: SETTLED_BEFORE, to: week.to },
      { from: SETTLED_BEFORE, to: week.to },
    ]);
    expect([...split.addends.values()]).toEqual([6, 12]);
    expect(split.toKeep.size).toBe(0);
  });

  it('reads a manager again whose days are not all known', () => {
    const base = plan('talk_minutes');
    const setId = base.rowSets[0]!.id;
    const known = new Map([
      [
        setId,
        new Map(
          DAYS.slice(1).map((day) => [dayField({ metric: 'talk_minutes', managerId: 1, day }), 5]),
        ),
      ],
    ]);
    const split = splitSettledDays(base, { zone: ZONE, settledBefore: SETTLED_BEFORE, known });
    expect(split.addends.size).toBe(0);
    expect(split.toKeep.size).toBe(12);
  });

  it('leaves alone a window that does not start at midnight, and a window after the cut', () => {
    const split = splitSettledDays(plan('talk_minutes', halfDay), {
      zone: ZONE,
      settledBefore: SETTLED_BEFORE,
      known: new Map(),
    });
    expect(split.plan).toEqual(plan('talk_minutes', halfDay));
    expect(split.toKeep.size).toBe(0);
  });
});
