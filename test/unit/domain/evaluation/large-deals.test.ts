import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  largeDealsQuery,
  selectLargeDeals,
} from '../../../../src/domain/evaluation/large-deals.js';

const settings = { enabled: true, minAmount: 1_000_000, idleDays: 5, maxLines: 3 };
const run = DateTime.fromISO('2026-11-24T08:45:00+03:00', { setZone: true });
const row = (
  id: number,
  opportunity: number,
  lastActivityTime: string | null,
  assignedById = 11,
) => ({
  id,
  title: `Сделка ${id}`,
  opportunity,
  currencyId: 'RUB',
  assignedById,
  lastActivityTime,
});

describe('large stale deals', () => {
  it('asks for open deals above the amount, idle since the cutoff, largest first', () => {
    expect(largeDealsQuery(settings, [11, 12], run).params).toMatchObject({
      entityTypeId: 2,
      filter: {
        stageSemanticId: 'P',
        '>=opportunity': 1_000_000,
        '<lastActivityTime': '2026-11-19T08:45:00+03:00',
        '@assignedById': [11, 12],
      },
      order: { opportunity: 'DESC', id: 'ASC' },
    });
  });

  it('keeps at most three lines, largest first, and drops what the filter should have', () => {
    const items = [
      row(1, 1_500_000, '2026-11-01T10:00:00+03:00'),
      row(2, 5_000_000, '2026-11-10T10:00:00+03:00'),
      row(3, 9_000_000, '2026-11-23T10:00:00+03:00'), // fresh
      row(4, 500_000, '2026-11-01T10:00:00+03:00'), // small
      row(5, 2_000_000, null), // never any activity
      row(6, 3_000_000, '2026-11-02T10:00:00+03:00', 99), // not in the team
      row(7, 1_200_000, '2026-11-02T10:00:00+03:00'),
    ];
    const deals = selectLargeDeals({ items }, settings, [11], run, 'b24.example.ru');
    expect(deals.map((d) => d.id)).toEqual([2, 5, 1]);
    expect(deals[0]?.url).toBe('https://b24.example.ru/crm/deal/details/2/');
    expect(selectLargeDeals({ items }, { ...settings, maxLines: 1 }, [11], run, undefined)).toEqual(
      [
        {
          id: 2,
          title: 'Сделка 2',
          amount: 5_000_000,
          currency: 'RUB',
          managerId: 11,
          lastActivity: '2026-11-10T10:00:00+03:00',
        },
      ],
    );
    expect(selectLargeDeals('nonsense', settings, [11], run, undefined)).toEqual([]);
  });
});
