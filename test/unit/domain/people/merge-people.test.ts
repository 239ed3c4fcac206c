import { describe, expect, it } from 'vitest';
import type { Manager } from '../../../../src/domain/department/department.js';
import { awayThrough } from '../../../../src/domain/people/away-through.js';
import { mergePortalPeople } from '../../../../src/domain/people/merge-people.js';
import type { PortalPerson } from '../../../../src/domain/people/portal-people.js';
import { departmentWith } from '../../../helpers/department.js';

const TODAY = '2026-11-24';
const dept = departmentWith({
  managers: [
    { user_id: 11, name: 'Иван Петров', mode: 'active' },
    {
      user_id: 12,
      name: 'Ольга Смирнова',
      mode: 'passive',
      absences: [{ from: '2026-11-20', to: '2026-11-24', reason: 'отпуск' }],
    },
    { user_id: 13, name: 'Пётр Сидоров', mode: 'active' },
    { user_id: 14, name: 'Андрей Волков', mode: 'active' },
  ],
});
const person = (userId: number, fields: Partial<PortalPerson> = {}): PortalPerson => ({
  userId,
  active: true,
  firstName: 'x',
  lastName: 'y',
  ...fields,
});

describe('the department as the portal says it is', () => {
  it('leaves the file alone when the portal said nothing', () => {
    expect(mergePortalPeople(dept, {}, TODAY)).toEqual(dept);
  });

  it('sets the dismissed and the unknown aside, and keeps the rest with their gender', () => {
    const persons = new Map([
      [11, person(11, { gender: 'male' })],
      [12, person(12, { gender: 'female' })],
      [13, person(13, { active: false })],
    ]);
    const merged = mergePortalPeople(dept, { persons }, TODAY);
    expect(merged.managers.map((m) => [m.userId, m.gender])).toEqual([
      [11, 'male'],
      [12, 'female'],
    ]);
    expect(merged.notActive).toEqual([
      { userId: 13, name: 'Пётр Сидоров', reason: 'dismissed' },
      { userId: 14, name: 'Андрей Волков', reason: 'unknown' },
    ]);
  });

  it('merges days away from the file, the calendar and "away now" from today on', () => {
    const merged = mergePortalPeople(
      dept,
      {
        awayUntil: new Map([
          [14, '2026-11-27'],
          [11, '2026-11-20'], // already past: says nothing about today
        ]),
        calendar: new Map([[12, [{ from: '2026-11-25', to: '2026-11-26' }]]]),
      },
      TODAY,
    );
    const byId = new Map(merged.managers.map((m) => [m.userId, m]));
    expect(byId.get(14)?.absences).toEqual([{ from: TODAY, to: '2026-11-27' }]);
    expect(byId.get(11)?.absences).toEqual([]);
    expect(byId.get(12)?.absences).toHaveLength(2);
    expect(awayThrough(byId.get(12) as Manager, TODAY)).toBe('2026-11-26');
    expect(awayThrough(byId.get(14) as Manager, TODAY)).toBe('2026-11-27');
    expect(awayThrough(byId.get(11) as Manager, TODAY)).toBeUndefined();
  });
});

describe('awayThrough', () => {
  const manager = (absences: { from: string; to: string }[]): Manager => ({
    userId: 1,
    name: 'x',
    mode: 'active',
    absences,
  });

  it.each([
    [[], undefined],
    [[{ from: '2026-11-25', to: '2026-11-30' }], undefined],
    [[{ from: '2026-11-20', to: '2026-11-24' }], '2026-11-24'],
    [
      [
        { from: '2026-11-20', to: '2026-11-25' },
        { from: '2026-11-26', to: '2026-11-27' },
        { from: '2026-11-30', to: '2026-12-02' },
      ],
      '2026-11-27',
    ],
    [
      [
        { from: '2026-11-24', to: '2026-12-01' },
        { from: '2026-11-22', to: '2026-11-26' },
      ],
      '2026-12-01',
    ],
  ])('%j on 24.11: away through %s', (absences, expected) => {
    expect(awayThrough(manager(absences), TODAY)).toBe(expected);
  });
});
