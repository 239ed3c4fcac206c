import type { Figure } from '../../evaluation/report-schema.js';
import { amount, dayLabel, spanLabel, type Language } from './format.js';

/** Window names as a sentence needs them. */
const WINDOW: Record<Language, Record<string, (span: string) => string>> = {
  ru: {
    half_day: (s) => `за полдня ${s}`,
    day: (s) => `за ${s}`,
    three_days: (s) => `за 3 рабочих дня (${s})`,
    week: (s) => `за 5 рабочих дней (${s})`,
    month: (s) => `с начала месяца (${s})`,
    plan_month: (s) => `с начала месяца (${s})`,
    now: () => 'сейчас',
    plan_days: (s) => `за дни плана (${s})`,
  },
  en: {
    half_day: (s) => `for half a day, ${s}`,
    day: (s) => `on ${s}`,
    three_days: (s) => `over 3 working days (${s})`,
    week: (s) => `over 5 working days (${s})`,
    month: (s) => `month to date (${s})`,
    plan_month: (s) => `month to date (${s})`,
    now: () => 'right now',
    plan_days: (s) => `over the plan's days (${s})`,
  },
};

/** One figure as a line: "Исходящие звонки за 23.11: 12 из 40". */
export function figureLine(
  figure: Pick<Figure, 'window' | 'from' | 'to' | 'fact' | 'norm' | 'unit' | 'direction'> &
    Partial<Pick<Figure, 'basis'>>,
  title: string,
  lang: Language,
): string {
  const window = (WINDOW[lang][figure.window] ?? ((s: string) => s))(
    spanLabel(figure.from, figure.to, lang),
  );
  const fact = amount(figure.fact, figure.unit, lang);
  const norm = amount(figure.norm, figure.unit, lang);
  if (figure.direction === 'less') {
    return lang === 'ru'
      ? `${title} ${window}: ${fact} (допустимо не больше ${norm})`
      : `${title} ${window}: ${fact} (at most ${norm} expected)`;
  }
  if (figure.basis === 'plan') {
    return lang === 'ru'
      ? `${title} ${window}: ${fact} из ${norm} по плану`
      : `${title} ${window}: ${fact} of ${norm} planned by now`;
  }
  return lang === 'ru'
    ? `${title} ${window}: ${fact} из ${norm}`
    : `${title} ${window}: ${fact} of ${norm}`;
}

export { amount, dayLabel, spanLabel };
export type { Language };
