import { describe, expect, it } from 'vitest';
import { figureLine } from '../../../../src/domain/standup/texts/catalogue.js';

const base = {
  from: '2026-11-23T00:00:00+03:00',
  to: '2026-11-24T00:00:00+03:00',
  fact: 12,
  norm: 40,
  unit: 'count' as const,
  direction: 'more' as const,
};

describe('a figure as a line of a message', () => {
  it('says fact of norm, at most for "less is better", and "by plan" for a plan figure', () => {
    expect(figureLine({ ...base, window: 'day' }, 'Исходящие звонки', 'ru')).toMatch(
      /^Исходящие звонки за .*: 12 из 40$/,
    );
    expect(
      figureLine({ ...base, window: 'now', direction: 'less' }, 'Просроченные дела', 'ru'),
    ).toBe('Просроченные дела сейчас: 12 (допустимо не больше 40)');
    const plan = {
      ...base,
      window: 'plan_month',
      from: '2026-11-01T00:00:00+03:00',
      fact: 50_000,
      norm: 1_200_000,
      unit: 'rub' as const,
      basis: 'plan' as const,
    };
    expect(figureLine(plan, 'Сумма выигранных сделок', 'ru')).toMatch(
      /^Сумма выигранных сделок с начала месяца \(.*\): .* из .* по плану$/,
    );
    expect(figureLine(plan, 'Won amount', 'en')).toMatch(/month to date .* planned by now$/);
  });
});
