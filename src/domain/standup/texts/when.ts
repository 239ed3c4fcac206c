import { DateTime } from 'luxon';
import type { Figure } from '../../evaluation/report-schema.js';
import type { Language } from './format.js';

/** The part of the day a greeting fits. */
export type DayPart = 'morning' | 'day' | 'evening' | 'night';

/** The part of the day at `now` in the department's zone: a 17:27 question is not "доброе утро". */
export function dayPartAt(now: string, zone: string): DayPart {
  const hour = DateTime.fromISO(now, { setZone: true }).setZone(zone).hour;
  return hour >= 5 && hour < 12
    ? 'morning'
    : hour >= 12 && hour < 18
      ? 'day'
      : hour >= 18 && hour < 23
        ? 'evening'
        : 'night';
}

export const GREETING: Record<Language, Record<DayPart, string>> = {
  ru: {
    morning: 'доброе утро',
    day: 'добрый день',
    evening: 'добрый вечер',
    night: 'здравствуйте',
  },
  en: { morning: 'good morning', day: 'good afternoon', evening: 'good evening', night: 'hello' },
};

const WEEKDAY_ACCUSATIVE = [
  'понедельник',
  'вторник',
  'среду',
  'четверг',
  'пятницу',
  'субботу',
  'воскресенье',
];

/** Which figures: "за пятницу 27.11", "за неделю", "с начала месяца". */
function windowPhrase(figure: Pick<Figure, 'window' | 'from'>, lang: Language): string {
  const from = DateTime.fromISO(figure.from, { setZone: true });
  const ru = lang === 'ru';
  switch (figure.window) {
    case 'day':
      return ru
        ? `за ${WEEKDAY_ACCUSATIVE[from.weekday - 1] ?? ''} ${from.toFormat('dd.MM')}`
        : `for ${from.setLocale('en-GB').toFormat('cccc d LLL')}`;
    case 'half_day':
      return ru ? `за полдня ${from.toFormat('dd.MM')}` : `for half of ${from.toFormat('d LLL')}`;
    case 'three_days':
      return ru ? 'за 3 рабочих дня' : 'for the last 3 working days';
    case 'week':
      return ru ? 'за неделю' : 'for the week';
    case 'now':
      return ru ? 'на сейчас' : 'as of now';
    default:
      return ru ? 'с начала месяца' : 'month to date';
  }
}

/** The figures a question was about, named by their day or window: "за пятницу 27.11 и за неделю". */
export function figuresWhen(
  figures: readonly Pick<Figure, 'window' | 'from'>[],
  lang: Language,
): string {
  const phrases = [...new Set(figures.map((f) => windowPhrase(f, lang)))];
  if (phrases.length <= 1) {
    return phrases[0] ?? '';
  }
  const and = lang === 'ru' ? ' и ' : ' and ';
  return `${phrases.slice(0, -1).join(', ')}${and}${phrases.at(-1) ?? ''}`;
}
