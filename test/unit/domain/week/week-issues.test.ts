import { describe, expect, it } from 'vitest';
import { decideIssue, issuesOfWeek } from '../../../../src/domain/week/week-issues.js';
import { DAYS, entry } from './week-fixtures.js';

const NEXT_WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

describe('the open issues of the week', () => {
  const entries = [
    entry({
      day: DAYS[1]!,
      managerId: 11,
      decision: 'discuss',
      plan: 'Обзвонить базу',
      deadline: '2026-11-24',
    }),
    entry({
      day: DAYS[2]!,
      managerId: 12,
      outcome: 'not_held',
      plan: 'Три встречи',
      deadline: '2026-11-19',
    }),
    entry({ day: DAYS[2]!, managerId: 11, outcome: 'held', plan: 'Выполнено' }),
    entry({ day: DAYS[3]!, managerId: 11, outcome: 'open', plan: 'Ещё в работе' }),
  ];

  it('lists plans sent to the meeting and plans that did not hold, with owner, deadline and origin', () => {
    const issues = issuesOfWeek({ entries, days: DAYS, listedBefore: new Set() });
    expect(issues).toEqual([
      expect.objectContaining({
        id: '1',
        managerId: 11,
        text: 'Обзвонить базу',
        deadline: '2026-11-24',
        origin: 'meeting',
        originDay: DAYS[1],
        state: 'open',
      }),
      expect.objectContaining({
        id: '2',
        managerId: 12,
        origin: 'not_held',
        deadline: '2026-11-19',
      }),
    ]);
    expect(issues.every((i) => i.carriedFrom === undefined)).toBe(true);
  });

  it('carries over what the head carried and what was left undecided, marked, and drops the rest', () => {
    const issues = issuesOfWeek({ entries, days: DAYS, listedBefore: new Set() });
    const withThird = [
      ...issues,
      { ...issues[0]!, id: '3', conversationId: 'other', state: 'open' as const },
    ];
    const carried = decideIssue(withThird, '1', 'carry', '2026-11-20T17:10:00+03:00')!;
    const decided = decideIssue(carried, '2', 'solved', '2026-11-20T17:11:00+03:00')!;
    expect(decided.map((i) => i.state)).toEqual(['carried', 'solved', 'open']);
    const next = issuesOfWeek({
      entries,
      days: NEXT_WEEK,
      previous: { weekId: 'sales-w20261120', issues: decided },
      listedBefore: new Set(decided.map((i) => i.conversationId)),
    });
    expect(next.map((i) => [i.id, i.conversationId, i.carriedFrom, i.state])).toEqual([
      ['1', entries[0]!.conversationId, 'sales-w20261120', 'open'],
      ['2', 'other', 'sales-w20261120', 'open'],
    ]);
    // A dropped one is gone for good; nothing is listed twice as new.
    const dropped = decideIssue(decided, '1', 'drop', '2026-11-20T17:12:00+03:00')!;
    const after = issuesOfWeek({
      entries,
      days: NEXT_WEEK,
      previous: { weekId: 'sales-w20261120', issues: dropped },
      listedBefore: new Set(dropped.map((i) => i.conversationId)),
    });
    expect(after.map((i) => i.conversationId)).toEqual(['other']);
  });

  it('refuses an issue that is not there', () => {
    expect(decideIssue([], '1', 'solved', '2026-11-20T17:10:00+03:00')).toBeUndefined();
  });
});
