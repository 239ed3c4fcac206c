import { DateTime } from 'luxon';
import type { Figure } from '../../evaluation/report-schema.js';

export type Language = 'ru' | 'en';

/** A number as people read it: thousands grouped, money in thousands or millions of rubles. */
export function amount(value: number, unit: Figure['unit'], lang: Language): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  if (unit === 'rub') {
    if (Math.abs(value) >= 1_000_000) {
      return `${(value / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 })} ${lang === 'ru' ? 'млн ₽' : 'M RUB'}`;
    }
    return `${Math.round(value / 1000).toLocaleString(locale)} ${lang === 'ru' ? 'тыс. ₽' : 'k RUB'}`;
  }
  const rounded = Math.round(value * 10) / 10;
  const text = rounded.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (unit === 'percent') {
    return `${text}%`;
  }
  return unit === 'minutes' ? `${text} ${lang === 'ru' ? 'мин' : 'min'}` : text;
}

/** "пт 27.11" / "Fri 27 Nov". */
export function dayLabel(day: string, lang: Language): string {
  const date = DateTime.fromISO(day, { locale: lang === 'ru' ? 'ru' : 'en-GB' });
  return lang === 'ru' ? date.toFormat('ccc dd.MM') : date.toFormat('ccc d LLL');
}

/** "23.11" / "23 Nov" for a span's first and last local days. */
export function spanLabel(from: string, to: string, lang: Language): string {
  const start = DateTime.fromISO(from, { setZone: true });
  const end = DateTime.fromISO(to, { setZone: true }).minus({ milliseconds: 1 });
  const f = (d: DateTime) =>
    lang === 'ru' ? d.toFormat('dd.MM') : d.setLocale('en-GB').toFormat('d LLL');
  return start.hasSame(end, 'day') ? f(start) : `${f(start)}–${f(end)}`;
}
