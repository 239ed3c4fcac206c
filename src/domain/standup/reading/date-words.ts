/**
 * The words people use for days, months and small numbers in a chat, in Russian and English.
 * Patterns are source strings, matched on lower-cased text with "ё" written as "е".
 */

/** Not a letter or digit before / after: `\b` knows no Cyrillic. */
export const L = '(?<![\\p{L}\\p{N}])';
export const R = '(?![\\p{L}\\p{N}])';

/** Luxon weekday (1 = Monday) -> the forms a weekday takes in a message. */
export const WEEKDAY_FORMS: readonly (readonly [number, string])[] = [
  [1, 'понедельник\\p{L}*|пн|mon(?:day)?'],
  [2, 'вторник\\p{L}*|вт|tue(?:s(?:day)?)?'],
  [3, 'сред[аеуы]|ср|wed(?:nesday)?'],
  [4, 'четверг\\p{L}*|чт|thu(?:r(?:s(?:day)?)?)?'],
  [5, 'пятниц\\p{L}*|пт|fri(?:day)?'],
  [6, 'суббот\\p{L}*|сб|sat(?:urday)?'],
  [7, 'воскресень\\p{L}*|вс|sun(?:day)?'],
];

/** Whole weekday words a typo (one letter off) may still be read as: "пятнца", "четвег". */
export const WEEKDAY_WORDS: readonly (readonly [number, string])[] = [
  [1, 'понедельник'],
  [1, 'понедельника'],
  [2, 'вторник'],
  [2, 'вторника'],
  [4, 'четверг'],
  [4, 'четверга'],
  [4, 'четвергу'],
  [5, 'пятница'],
  [5, 'пятницы'],
  [5, 'пятницу'],
  [5, 'пятнице'],
  [6, 'суббота'],
  [6, 'субботы'],
  [6, 'субботу'],
  [7, 'воскресенье'],
  [7, 'воскресенья'],
  [1, 'monday'],
  [2, 'tuesday'],
  [3, 'wednesday'],
  [4, 'thursday'],
  [5, 'friday'],
];

/** Month number -> its Russian and English forms, full and short ("дек", "Dec."). */
export const MONTH_FORMS: readonly (readonly [number, string])[] = [
  [1, 'январ\\p{L}*|янв|jan(?:uary)?'],
  [2, 'феврал\\p{L}*|фев|feb(?:ruary)?'],
  [3, 'март\\p{L}*|мар|mar(?:ch)?'],
  [4, 'апрел\\p{L}*|апр|apr(?:il)?'],
  [5, 'ма[йяею]|may'],
  [6, 'июн\\p{L}*|june?'],
  [7, 'июл\\p{L}*|july?'],
  [8, 'август\\p{L}*|авг|aug(?:ust)?'],
  [9, 'сентябр\\p{L}*|сент?|sep(?:t(?:ember)?)?'],
  [10, 'октябр\\p{L}*|окт|oct(?:ober)?'],
  [11, 'ноябр\\p{L}*|нояб?|nov(?:ember)?'],
  [12, 'декабр\\p{L}*|дек|dec(?:ember)?'],
];
export const MONTH = `(?:${MONTH_FORMS.map(([, forms]) => forms).join('|')})\\.?`;

export function monthOf(word: string): number | undefined {
  return MONTH_FORMS.find(([, forms]) => new RegExp(`^(?:${forms})\\.?$`, 'u').test(word))?.[0];
}

/** Russian ordinal stems 1-31 as said aloud ("до первого декабря", "к двадцать пятому"). */
const ORDINAL_STEMS: readonly (readonly [string, number])[] = [
  ['перв', 1],
  ['втор', 2],
  ['трет', 3],
  ['четверт', 4],
  ['пят', 5],
  ['шест', 6],
  ['седьм', 7],
  ['восьм', 8],
  ['девят', 9],
  ['десят', 10],
  ['одиннадцат', 11],
  ['двенадцат', 12],
  ['тринадцат', 13],
  ['четырнадцат', 14],
  ['пятнадцат', 15],
  ['шестнадцат', 16],
  ['семнадцат', 17],
  ['восемнадцат', 18],
  ['девятнадцат', 19],
  ['двадцат', 20],
  ['тридцат', 30],
];
export const ORDINAL_WORD = `(?:(двадцать|тридцать)\\s+)?(${ORDINAL_STEMS.map(([stem]) => stem).join('|')})(?:ое|ого|ому|ом|ье|ьего|ьему|ьем|ий)`;

export function ordinalValue(tens: string | undefined, stem: string): number | undefined {
  const unit = ORDINAL_STEMS.find(([s]) => s === stem)?.[1];
  if (unit === undefined) {
    return undefined;
  }
  const base = tens === 'двадцать' ? 20 : tens === 'тридцать' ? 30 : 0;
  return base > 0 && unit >= 10 ? undefined : base + unit;
}

/** Small counts in words: "через два дня", "в течение двух дней", "in a couple of days". */
const COUNT_WORDS: Record<string, number> = {
  один: 1,
  одну: 1,
  одного: 1,
  одни: 1,
  два: 2,
  две: 2,
  двух: 2,
  пару: 2,
  пара: 2,
  три: 3,
  трех: 3,
  четыре: 4,
  четырех: 4,
  пять: 5,
  пяти: 5,
  шесть: 6,
  шести: 6,
  семь: 7,
  семи: 7,
  десять: 10,
  десяти: 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  ten: 10,
  'a couple of': 2,
  'couple of': 2,
  'a couple': 2,
};
export const COUNT = `(\\d{1,2}|${Object.keys(COUNT_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

export function countValue(word: string): number | undefined {
  return /^\d+$/.test(word) ? Number(word) : COUNT_WORDS[word];
}

/** Edit distance of at most one: a letter dropped, added or changed. */
export function oneEditAway(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) {
      return false;
    }
    if (a.length > b.length) {
      i++;
    } else if (b.length > a.length) {
      j++;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
