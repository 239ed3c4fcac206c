import { DateTime } from 'luxon';

/** A deadline read from a message, or why none could be read. */
export type DeadlineParse =
  { ok: true; day: string; matched: string } | { ok: false; reason: 'none' | 'past' | 'too_far' };

const WEEKDAYS: [RegExp, number][] = [
  [/понедельник[а-яёa-z]*|monday|\bmon\b/i, 1],
  [/вторник[а-яёa-z]*|tuesday|\btue\b/i, 2],
  [/сред[аеуы](?![а-яё])|wednesday|\bwed\b/i, 3],
  [/четверг[а-яёa-z]*|thursday|\bthu\b/i, 4],
  [/пятниц[а-яёa-z]*|friday|\bfri\b/i, 5],
  [/суббот[а-яёa-z]*|saturday|\bsat\b/i, 6],
  [/воскресень[а-яёa-z]*|sunday|\bsun\b/i, 7],
];
const MONTHS: [RegExp, number][] = [
  [/январ[а-яёa-z]*|jan[а-яёa-z]*/i, 1],
  [/феврал[а-яёa-z]*|feb[а-яёa-z]*/i, 2],
  [/март[а-яёa-z]*|mar[а-яёa-z]*/i, 3],
  [/апрел[а-яёa-z]*|apr[а-яёa-z]*/i, 4],
  [/ма[йя](?![а-яё])|may/i, 5],
  [/июн[а-яёa-z]*|jun[а-яёa-z]*/i, 6],
  [/июл[а-яёa-z]*|jul[а-яёa-z]*/i, 7],
  [/август[а-яёa-z]*|aug[а-яёa-z]*/i, 8],
  [/сентябр[а-яёa-z]*|sep[а-яёa-z]*/i, 9],
  [/октябр[а-яёa-z]*|oct[а-яёa-z]*/i, 10],
  [/ноябр[а-яёa-z]*|nov[а-яёa-z]*/i, 11],
  [/декабр[а-яёa-z]*|dec[а-яёa-z]*/i, 12],
];
const MAX_DAYS_AHEAD = 62;

/**
 * Reads a deadline in Russian or English relative to `today` (the message's local day):
 * "сегодня", "завтра", "послезавтра", "до пятницы", "к концу недели", "через 3 дня",
 * "25.11", "25.11.2026", "2026-11-25", "25 ноября", "by Friday", "end of week", "Nov 25".
 * `lastWorkingDayOfWeek` says which day "end of week" means for this department.
 */
export function parseDeadline(
  text: string,
  today: string,
  zone: string,
  lastWorkingDayOfWeek = 5,
): DeadlineParse {
  const base = DateTime.fromISO(today, { zone });
  const found = findDate(text.toLowerCase(), base, lastWorkingDayOfWeek);
  if (found === undefined) {
    return { ok: false, reason: 'none' };
  }
  const days = found.date.startOf('day').diff(base.startOf('day'), 'days').days;
  if (days < 0) {
    return { ok: false, reason: 'past' };
  }
  if (days > MAX_DAYS_AHEAD) {
    return { ok: false, reason: 'too_far' };
  }
  return { ok: true, day: found.date.toISODate() ?? today, matched: found.matched };
}

function findDate(
  text: string,
  base: DateTime,
  eow: number,
): { date: DateTime; matched: string } | undefined {
  const rules: [RegExp, (m: RegExpMatchArray) => DateTime | undefined][] = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => base.set({ year: +m[1]!, month: +m[2]!, day: +m[3]! })],
    [/\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b/, (m) => explicit(base, +m[1]!, +m[2]!, m[3])],
    [/послезавтра|day after tomorrow/, () => base.plus({ days: 2 })],
    [/завтра|tomorrow/, () => base.plus({ days: 1 })],
    [/сегодня|today|tonight|до вечера|end of (the )?day|\beod\b/, () => base],
    [/(?:через|in)\s+(\d{1,2})\s+(?:дн|день|дня|days?)/, (m) => base.plus({ days: +m[1]! })],
    [
      /(?:кон(?:ец|ца|цу) недели|end of (?:the )?week|\beow\b|на этой неделе|this week)/,
      () => weekdayOnOrAfter(base, eow),
    ],
    [/(?:кон(?:ец|ца|цу) месяца|end of (?:the )?month|\beom\b)/, () => base.endOf('month')],
    [/(\d{1,2})\s+([а-яa-z]+)/, (m) => byMonthName(base, +m[1]!, m[2]!)],
    [/([a-z]+)\s+(\d{1,2})\b/, (m) => byMonthName(base, +m[2]!, m[1]!)],
  ];
  for (const [pattern, toDate] of rules) {
    const match = text.match(pattern);
    const date = match === null ? undefined : toDate(match);
    if (match !== null && date !== undefined && date.isValid) {
      return { date, matched: match[0] };
    }
  }
  for (const [pattern, weekday] of WEEKDAYS) {
    const match = text.match(pattern);
    if (match !== null) {
      return { date: weekdayOnOrAfter(base, weekday), matched: match[0] };
    }
  }
  return undefined;
}

function explicit(
  base: DateTime,
  day: number,
  month: number,
  year: string | undefined,
): DateTime | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined;
  }
  const fullYear =
    year === undefined ? base.year : year.length === 2 ? 2000 + Number(year) : Number(year);
  let date = DateTime.fromObject({ year: fullYear, month, day }, { zone: base.zone });
  if (year === undefined && date < base.startOf('day').minus({ days: 7 })) {
    date = date.plus({ years: 1 }); // "05.01" written in late December means next January
  }
  return date;
}

function byMonthName(base: DateTime, day: number, word: string): DateTime | undefined {
  const month = MONTHS.find(([pattern]) => pattern.test(word))?.[1];
  return month === undefined ? undefined : explicit(base, day, month, undefined);
}

function weekdayOnOrAfter(base: DateTime, weekday: number): DateTime {
  return base.plus({ days: (weekday - base.weekday + 7) % 7 });
}
