import { DateTime } from 'luxon';
import type { MentionContext, MentionKind } from './date-mentions.js';
import {
  COUNT,
  L,
  MONTH,
  ORDINAL_WORD,
  R,
  WEEKDAY_FORMS,
  countValue,
  monthOf,
  ordinalValue,
} from './date-words.js';

type Resolve = (m: RegExpExecArray, c: MentionContext, before: string) => DateTime | undefined;
export interface Rule {
  kind: MentionKind;
  pattern: RegExp;
  resolve: Resolve;
  periodEnd?: boolean;
}

const rx = (source: string) => new RegExp(source, 'gu');
const NEXT = /(?:следующ\p{L}*|след\.?|next)\s+$/u;
const THIS = /(?:эт\p{L}*|this|coming)\s+$/u;
const PAST = /(?:прошл\p{L}*|last|previous)\s+$/u;

const weekStart = (c: MentionContext) => c.today.startOf('week');

function weekEnd(c: MentionContext, weeksAhead: number): DateTime {
  const end = weekStart(c).plus({ weeks: weeksAhead, days: c.endOfWeek - 1 });
  return weeksAhead === 0 && end < c.today ? end.plus({ weeks: 1 }) : end;
}

/** The weekday after today ("в пятницу"), of next week ("в следующую"), of this ("в эту"). */
export function onWeekday(
  c: MentionContext,
  weekday: number,
  before: string,
): DateTime | undefined {
  if (PAST.test(before)) {
    return undefined;
  }
  if (NEXT.test(before)) {
    return weekStart(c).plus({ weeks: 1, days: weekday - 1 });
  }
  if (THIS.test(before)) {
    return weekStart(c).plus({ days: weekday - 1 });
  }
  return c.today.plus({ days: (weekday - c.today.weekday + 7) % 7 || 7 });
}

/** A day and month without a year: this year, or next year when it is long past. */
function dayMonth(c: MentionContext, day: number, month: number, year?: string): DateTime {
  if (year !== undefined) {
    const full = year.length === 2 ? 2000 + Number(year) : Number(year);
    return DateTime.fromObject({ year: full, month, day }, { zone: c.today.zone });
  }
  const date = DateTime.fromObject({ year: c.today.year, month, day }, { zone: c.today.zone });
  if (date < c.today.minus({ days: 60 })) {
    return date.plus({ years: 1 });
  }
  return date > c.today.plus({ days: 300 }) ? date.minus({ years: 1 }) : date;
}

/** "4-го": the 4th of this month, or of the next when this month's has passed. */
function dayOfMonth(c: MentionContext, day: number | undefined): DateTime | undefined {
  if (day === undefined || day < 1 || day > 31) {
    return undefined;
  }
  const month = day >= c.today.day ? c.today : c.today.plus({ months: 1 }).startOf('month');
  const date = DateTime.fromObject(
    { year: month.year, month: month.month, day },
    { zone: c.today.zone },
  );
  return date.isValid ? date : undefined;
}

function numeric(m: RegExpExecArray, c: MentionContext): DateTime | undefined {
  let day = Number(m[1]);
  let month = Number(m[3]);
  if (month > 12 && m[2] === '/' && day <= 12) {
    [day, month] = [month, day]; // "12/22" can only be month/day
  }
  return month >= 1 && month <= 12 ? dayMonth(c, day, month, m[4]) : undefined;
}

const byMonthName = (c: MentionContext, day: number | undefined, word = '', year?: string) => {
  const month = monthOf(word);
  return day === undefined || month === undefined ? undefined : dayMonth(c, day, month, year);
};

/**
 * The ways a chat names a day, most specific first: each rule finds its phrases and says which
 * day they mean relative to the message's day. `before` is the text just before the phrase
 * ("следующую", "прошлую", "this"). Past references come first so that "в прошлую пятницу"
 * is never read as a Friday ahead.
 */
export const RULES: readonly Rule[] = [
  {
    kind: 'past',
    pattern: rx(
      `${L}(?:позавчера|вчера(?:шн\\p{L}*)?(?:\\s+(?:вечером|утром|днем))?|yesterday(?:'s)?|last night|на днях|(?:в\\s+|на\\s+)?прошл\\p{L}*\\s+\\p{L}+|(?:last|previous)\\s+\\p{L}+)${R}`,
    ),
    resolve: (_m, c) => c.today.minus({ days: 1 }),
  },
  {
    kind: 'date',
    pattern: rx(`${L}(\\d{4})-(\\d{1,2})-(\\d{1,2})${R}`),
    resolve: (m, c) =>
      DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: c.today.zone }),
  },
  {
    kind: 'date',
    pattern: rx(
      `(?<![\\p{L}\\p{N}.,:/])(\\d{1,2})([./])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(?!\\p{N}|[.,/]\\p{N})(?!\\s*(?:%|млн|тыс|k${R}|руб|р${R}|₽|\\$|раз|шт|кг))`,
    ),
    resolve: numeric,
  },
  {
    kind: 'date',
    pattern: rx(
      `${L}(\\d{1,2})(?:-?(?:го|ого|е|ое|му|ому|st|nd|rd|th))?\\s+(?:of\\s+)?(${MONTH})(?:\\s+(\\d{4}))?(?!\\p{L})`,
    ),
    resolve: (m, c) => byMonthName(c, Number(m[1]), m[2], m[3]),
  },
  {
    kind: 'date',
    pattern: rx(`${L}(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${R}`),
    resolve: (m, c) => byMonthName(c, Number(m[2]), m[1], m[3]),
  },
  {
    kind: 'date',
    pattern: rx(`${L}${ORDINAL_WORD}\\s+(${MONTH})(?!\\p{L})`),
    resolve: (m, c) => byMonthName(c, ordinalValue(m[1], m[2] ?? ''), m[3]),
  },
  {
    kind: 'date',
    pattern: rx(`${L}(\\d{1,2})(?:\\s*-\\s*|)(?:го|ого|му|ому)${R}`),
    resolve: (m, c) => dayOfMonth(c, Number(m[1])),
  },
  {
    kind: 'date',
    pattern: rx(`${L}(\\d{1,2})(?:\\s*-?\\s*(?:го|ого|му|ому))?\\s+числ\\p{L}*${R}`),
    resolve: (m, c) => dayOfMonth(c, Number(m[1])),
  },
  {
    kind: 'date',
    pattern: rx(`${L}(\\d{1,2})(?:st|nd|rd|th)${R}`),
    resolve: (m, c) => dayOfMonth(c, Number(m[1])),
  },
  {
    kind: 'date',
    pattern: rx(`${L}${ORDINAL_WORD}\\s+числ\\p{L}*${R}`),
    resolve: (m, c) => dayOfMonth(c, ordinalValue(m[1], m[2] ?? '')),
  },
  ...WEEKDAY_FORMS.map(([weekday, forms]): Rule => ({
    kind: 'weekday',
    pattern: rx(`${L}(?:${forms})\\.?(?!\\p{L})`),
    resolve: (_m, c, before) => onWeekday(c, weekday, before),
  })),
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:(?:в|к)\\s+)?начал\\p{L}*\\s+следующ\\p{L}*\\s+недел\\p{L}*|early next week|(?:the\\s+)?(?:beginning|start) of next week${R}`,
    ),
    resolve: (_m, c) => weekStart(c).plus({ weeks: 1 }),
  },
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:середин\\p{L}*\\s+(следующ\\p{L}*\\s+)?недел\\p{L}*|mid-?week|(?:the\\s+)?middle of (?:the\\s+|this\\s+|(next)\\s+)?week)${R}`,
    ),
    resolve: (m, c) => {
      const wednesday = weekStart(c).plus({ weeks: m[1] || m[2] ? 1 : 0, days: 2 });
      return wednesday < c.today ? wednesday.plus({ weeks: 1 }) : wednesday;
    },
  },
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:(?:(?:до|к)\\s+)?кон(?:ец|ц\\p{L}*)\\s+)?(?:следующ\\p{L}*|след\\.?)\\s*недел\\p{L}*|(?:(?:the\\s+)?end of\\s+)?next week${R}`,
    ),
    resolve: (_m, c) => weekEnd(c, 1),
    periodEnd: true,
  },
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:кон(?:ец|ц\\p{L}*)\\s+(?:этой\\s+|текущей\\s+)?недел\\p{L}*|на\\s+(?:этой\\s+)?неделе|на\\s+(?:эту\\s+)?неделю|(?:до|к)\\s+выходн\\p{L}*|(?:the\\s+)?end of (?:the\\s+|this\\s+)?week|this week|eow|(?:the\\s+)?weekend|(?:the\\s+)?rest of (?:the\\s+|this\\s+)?week)${R}`,
    ),
    resolve: (_m, c) => weekEnd(c, 0),
    periodEnd: true,
  },
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:кон(?:ец|ц\\p{L}*)\\s+(?:этого\\s+|текущего\\s+)?месяц\\p{L}*|(?:the\\s+)?end of (?:the\\s+|this\\s+)?month|eom|в этом месяце|this month)${R}`,
    ),
    resolve: (_m, c) => c.today.endOf('month').startOf('day'),
    periodEnd: true,
  },
  {
    kind: 'period',
    pattern: rx(
      `${L}(?:кон(?:ец|ц\\p{L}*)\\s+года|(?:the\\s+)?end of (?:the\\s+|this\\s+)?year|нов\\p{L}*\\s+год\\p{L}*|нг)${R}`,
    ),
    resolve: (_m, c) => c.today.endOf('year').startOf('day'),
    periodEnd: true,
  },
  {
    kind: 'relative',
    pattern: rx(`${L}(?:послезавтра|(?:the\\s+)?day after tomorrow)${R}`),
    resolve: (_m, c) => c.today.plus({ days: 2 }),
  },
  {
    kind: 'relative',
    pattern: rx(`${L}(?:завтр\\p{L}*|tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)${R}`),
    resolve: (_m, c) => c.today.plus({ days: 1 }),
  },
  {
    kind: 'relative',
    pattern: rx(
      `${L}(?:сегодн\\p{L}*|седня|today|tonight|this (?:evening|afternoon)|вечером|(?:до|к)\\s+(?:вечера|вечеру|обеда|обеду)|(?:до|к)\\s+кон(?:ец|ц\\p{L}*)\\s+(?:рабочего\\s+)?дня|(?:the\\s+)?end of (?:the\\s+)?(?:working\\s+|business\\s+)?day|eod|cob|by (?:lunch|noon))${R}`,
    ),
    resolve: (_m, c) => c.today,
  },
  {
    kind: 'relative',
    pattern: rx(
      `${L}(?:через|in|within|в течени[ея]|за)\\s+${COUNT}\\s+(?:рабоч\\p{L}*\\s+|working\\s+)?(?:дн\\p{L}*|день|days?)${R}`,
    ),
    resolve: (m, c) => {
      const days = countValue(m[1] ?? '');
      return days === undefined ? undefined : c.today.plus({ days });
    },
  },
  {
    kind: 'relative',
    pattern: rx(
      `${L}(?:через|in|within|в течени[ея])\\s+(?:a\\s+|${COUNT}\\s+)?(?:недел\\p{L}*|weeks?)${R}`,
    ),
    resolve: (m, c) => c.today.plus({ weeks: countValue(m[1] ?? '1') ?? 1 }),
  },
  {
    kind: 'time',
    pattern: rx(`(?<![\\p{N}.:])(?:[01]?\\d|2[0-3])[:.][0-5]\\d(?!\\p{N})`),
    resolve: (_m, c) => c.today,
  },
  {
    kind: 'time',
    pattern: rx(
      `${L}(?:\\d{1,2}\\s*(?:am|pm)|noon|полдень|полудня|(?:до|к|by)\\s+(?:[01]?\\d|2[0-3])(?:\\s*(?:ч|час\\p{L}*|h))?(?![\\p{L}\\p{N}]|\\s*[./-]\\s*\\p{N}))${R}`,
    ),
    resolve: (_m, c) => c.today,
  },
];
