import { describe, expect, it } from 'vitest';
import { oneOnOnesDue, trainingDue } from '../../../../src/domain/rhythm/due.js';

const managers = [
  { userId: 11, name: 'Иван Петров' },
  { userId: 12, name: 'Мария Смирнова' },
  { userId: 13, name: 'Олег Кузнецов' },
];

describe('who is due a one-to-one', () => {
  it('lists those with fewer than the monthly count, repeat laggards first, then the fewest held', () => {
    const due = oneOnOnesDue(
      managers,
      new Map([
        [11, 1],
        [12, 2],
      ]),
      { enabled: true, perMonth: 2 },
      new Set([11]),
    );
    expect(due.map((d) => [d.managerId, d.done])).toEqual([
      [11, 1],
      [13, 0],
    ]);
  });

  it('lists nobody when switched off', () => {
    expect(oneOnOnesDue(managers, new Map(), { enabled: false, perMonth: 2 }, new Set())).toEqual(
      [],
    );
  });
});

describe('who is due training', () => {
  const settings = { enabled: true, newManagerMonths: 3, newEveryMonths: 1, othersEveryMonths: 6 };
  it('a new manager monthly, the others every six months, by the file or the portal hire date', () => {
    const due = trainingDue(
      [
        { userId: 11, name: 'Иван', hired: '2026-10-01' }, // new; trained 5 weeks ago
        { userId: 12, name: 'Мария', registered: '2026-09-15' }, // new by the portal; trained 2 weeks ago
        { userId: 13, name: 'Олег', hired: '2024-01-10' }, // old; trained 4 months ago
        { userId: 14, name: 'Елена', registered: '2023-03-01' }, // old; trained 7 months ago
        { userId: 15, name: 'Пётр' }, // never recorded
      ],
      new Map([
        [11, '2026-10-15'],
        [12, '2026-11-06'],
        [13, '2026-07-20'],
        [14, '2026-04-10'],
      ]),
      settings,
      '2026-11-20',
    );
    expect(due.map((d) => [d.managerId, d.isNew, d.last])).toEqual([
      [11, true, '2026-10-15'],
      [14, false, '2026-04-10'],
      [15, false, undefined],
    ]);
  });

  it('lists nobody when switched off', () => {
    expect(trainingDue(managers, new Map(), { ...settings, enabled: false }, '2026-11-20')).toEqual(
      [],
    );
  });
});
