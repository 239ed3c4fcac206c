import { describe, expect, it } from 'vitest';
import { mayDecide } from '../../../../src/domain/department/may-decide.js';

describe('mayDecide', () => {
  const head = { userId: 1, name: 'Анна', deputies: [5, 7] };
  it.each([
    [1, true],
    [5, true],
    [7, true],
    [11, false],
  ])('user %i: %s', (userId, expected) => {
    expect(mayDecide(head, userId)).toBe(expected);
  });
});
