/** A small seeded generator (mulberry32): the same seed always builds the same portal. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
  };
}

const FIRST = [
  'Иван',
  'Мария',
  'Олег',
  'Елена',
  'Дмитрий',
  'Анна',
  'Сергей',
  'Ольга',
  'Павел',
  'Наталья',
  'Алексей',
  'Татьяна',
  'Никита',
  'Ксения',
  'Артём',
  'Юлия',
];
const LAST = [
  'Петров',
  'Смирнов',
  'Кузнецов',
  'Васильев',
  'Попов',
  'Соколов',
  'Лебедев',
  'Козлов',
  'Новиков',
  'Морозов',
  'Волков',
  'Зайцев',
  'Фёдоров',
  'Павлов',
];

/** A Russian first and last name and the gender; the last name agrees with the first name. */
export function personName(random: Random): { first: string; last: string; gender: 'M' | 'F' } {
  const first = random.pick(FIRST);
  const female = /[ая]$/.test(first) && first !== 'Никита';
  const last = random.pick(LAST);
  return { first, last: female ? `${last}а` : last, gender: female ? 'F' : 'M' };
}
