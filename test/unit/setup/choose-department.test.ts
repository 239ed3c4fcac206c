import { describe, expect, it } from 'vitest';
import { departmentTree, findDepartment } from '../../../src/setup/choose-department.js';

const departments = [
  { id: 1, name: 'Компания', parent: undefined, head: 1 },
  { id: 3, name: 'Отдел продаж, Москва', parent: 1, head: 5 },
  { id: 4, name: 'Отдел продаж, Казань', parent: 1, head: 6 },
  { id: 7, name: 'Склад', parent: 4, head: undefined },
];

describe('choosing the department', () => {
  it.each([
    ['3', 3],
    ['отдел продаж, казань', 4],
    ['Склад', 7],
    ['Моск', 3],
  ])('%j is department %i', (wanted, id) => {
    expect(findDepartment(departments, wanted)).toMatchObject({ department: { id } });
  });

  it.each([
    ['9', 'no department with id 9 on the portal'],
    ['Бухгалтерия', 'no department named "Бухгалтерия" on the portal'],
    [
      'отдел продаж',
      '"отдел продаж" names 2 departments (3 Отдел продаж, Москва, 4 Отдел продаж, Казань): give its id',
    ],
  ])('%j: %s', (wanted, problem) => {
    expect(findDepartment(departments, wanted)).toEqual({ problem });
  });

  it('shows the structure as a tree, children under their parent', () => {
    expect(departmentTree(departments)).toEqual([
      '    1  Компания',
      '    3    Отдел продаж, Москва',
      '    4    Отдел продаж, Казань',
      '    7      Склад',
    ]);
  });
});
