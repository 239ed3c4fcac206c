import { DateTime } from 'luxon';
import { RULES, onWeekday } from './date-rules.js';
import { WEEKDAY_WORDS, oneEditAway } from './date-words.js';

/**
 * How a day was named: a `date` ("3.12", "3 декабря", "4-го"), a `weekday`, a `relative` word
 * ("завтра", "через 2 дня"), the end or middle of a `period` ("до конца недели"), a `time` of
 * day only ("до 18:00"), or a `past` reference ("вчера", "в прошлую пятницу").
 */
export type MentionKind = 'date' | 'weekday' | 'relative' | 'period' | 'time' | 'past';

/** One day named in a text, with where it stands and how it was said. */
export interface DateMention {
  index: number;
  end: number;
  text: string;
  kind: MentionKind;
  day: DateTime;
  /** The end of a week, month or year: on a day off it moves back to the last working day. */
  periodEnd: boolean;
  /** Said as a limit: "до", "к", "by", "until", "срок". */
  anchored: boolean;
  /** Said as a start: "с четверга", "starting tomorrow", "после 25-го". Never a deadline. */
  beginning: boolean;
  /** Said as a moment something happens: "в пятницу", "в конце года", "on Monday". */
  at: boolean;
}

export interface MentionContext {
  /** The day the message was written, at the start of the day in the department's zone. */
  today: DateTime;
  /** The last working weekday (1-7): what "end of week" means. */
  endOfWeek: number;
}

const ANCHOR =
  /(?:^|[^\p{L}])(?:до|к|ко|by|until|till|til|before|не позднее|не позже|no later than|due|eta|deadline|дедлайн|срок\p{L}*|ориентир\p{L}*|ориентировочно|максимум)\s*[:\-—–]?\s*(?:(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:am|pm))\s+)?(?:в\s+|во\s+|on\s+|the\s+|this\s+|next\s+)?$/u;
const AT = /(?:^|[^\p{L}])(?:в|во|at|on|in)\s+$/u;
const BEGINNING =
  /(?:^|[^\p{L}])(?:с|со|from|starting|since|после|after|начиная\s+с)\s+(?:the\s+)?$/u;

/**
 * Every day a text names, each once (the longest, most specific reading of a span wins),
 * in the order they appear. The text is read lower-cased with "ё" as "е".
 */
export function findDateMentions(text: string, context: MentionContext): DateMention[] {
  const lower = text.toLowerCase().replace(/ё/g, 'е');
  const found: DateMention[] = [];
  const overlaps = (index: number, end: number) =>
    found.some((m) => index < m.end && end > m.index);
  for (const rule of RULES) {
    for (const match of lower.matchAll(rule.pattern)) {
      const index = match.index;
      const end = index + match[0].length;
      if (overlaps(index, end)) {
        continue;
      }
      const before = lower.slice(Math.max(0, index - 40), index);
      const day = rule.resolve(match, context, before);
      const kind = day === undefined && rule.kind === 'weekday' ? 'past' : rule.kind;
      if ((day === undefined || !day.isValid) && kind !== 'past') {
        continue;
      }
      found.push(mention(text, index, end, kind, day ?? context.today, before, rule.periodEnd));
    }
  }
  found.push(...typoWeekdays(text, lower, context, found));
  return found.sort((a, b) => a.index - b.index);
}

function mention(
  text: string,
  index: number,
  end: number,
  kind: MentionKind,
  day: DateTime,
  before: string,
  periodEnd = false,
): DateMention {
  return {
    index,
    end,
    text: text.slice(index, end),
    kind,
    day: day.startOf('day'),
    periodEnd,
    anchored: ANCHOR.test(before),
    beginning: BEGINNING.test(before),
    at: AT.test(before),
  };
}

/** Real words one letter away from a weekday. */
const NOT_TYPOS = new Set(['четверо', 'четвертый', 'пятницкая']);

/** A weekday written one letter off ("пятнца", "четвег"), where nothing else was read. */
function typoWeekdays(
  text: string,
  lower: string,
  c: MentionContext,
  found: DateMention[],
): DateMention[] {
  const typos: DateMention[] = [];
  for (const word of lower.matchAll(/\p{L}{6,}/gu)) {
    const index = word.index;
    const end = index + word[0].length;
    if (NOT_TYPOS.has(word[0]) || found.some((m) => index < m.end && end > m.index)) {
      continue;
    }
    const weekday = WEEKDAY_WORDS.find(
      ([, form]) => form !== word[0] && oneEditAway(word[0], form),
    )?.[0];
    const before = lower.slice(Math.max(0, index - 40), index);
    const day = weekday === undefined ? undefined : onWeekday(c, weekday, before);
    if (day !== undefined) {
      typos.push(mention(text, index, end, 'weekday', day, before));
    }
  }
  return typos;
}

/** Where a text names days, and how, whatever the days are. */
export function dateSpans(text: string): Pick<DateMention, 'index' | 'end' | 'kind'>[] {
  const someDay = DateTime.fromObject({ year: 2026, month: 1, day: 7 });
  return findDateMentions(text, { today: someDay, endOfWeek: 5 });
}
