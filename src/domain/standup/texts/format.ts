import { DateTime } from 'luxon';
import type { Figure } from '../../evaluation/report-schema.js';

export type Language = 'ru' | 'en';

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is costly to build; one per language and precision is enough. */
function format(lang: Language, digits: number): Intl.NumberFormat {
  const key = `${lang}${digits}`;
  let found = formats.get(key);
  if (found === undefined) {
    found = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
      maximumFractionDigits: digits,
    });
    formats.set(key, found);
  }
  return found;
}

/** A number as people read it: thousands grouped, money in thousands or millions of rubles. */
export function amount(value: number, unit: Figure['unit'], lang: Language): string {
  if (unit === 'rub') {
    if (Math.abs(value) >= 1_000_000) {
      return `${format(lang, 1).format(value / 1_000_000)} ${lang === 'ru' ? 'млн ₽' : 'M RUB'}`;
    }
    return `${format(lang, 0).format(Math.round(value / 1000))} ${lang === 'ru' ? 'тыс. ₽' : 'k RUB'}`;
  }
  const text = format(lang, 1).format(Math.round(value * 10) / 10);
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
