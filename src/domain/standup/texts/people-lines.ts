import { DateTime } from 'luxon';
import type { StandupReport } from '../../evaluation/report-schema.js';
import type { Language } from './format.js';

const L = {
  ru: {
    away: (list: string) => `В отпуске: ${list}.`,
    until: (name: string, day: string) => `${name} до ${day}`,
    notActive: (list: string) =>
      `В файле отдела числятся те, кто сейчас не работает в компании: ${list}. Их я не меряю и не спрашиваю — уберите их из файла.`,
    reason: { dismissed: 'уволен', unknown: 'нет на портале' },
  },
  en: {
    away: (list: string) => `On leave: ${list}.`,
    until: (name: string, day: string) => `${name} until ${day}`,
    notActive: (list: string) =>
      `The department file lists people who are not active employees on the portal: ${list}. I neither measure nor ask them; remove them from the file.`,
    reason: { dismissed: 'dismissed', unknown: 'not on the portal' },
  },
} as const;

const shortDay = (day: string, lang: Language) =>
  lang === 'ru'
    ? DateTime.fromISO(day).toFormat('dd.MM')
    : DateTime.fromISO(day).setLocale('en-GB').toFormat('d LLL');

/** "В отпуске: Андрей Волков до 27.11": everyone away on the standup's day, on one line. */
export function awayLine(report: Pick<StandupReport, 'away'>, lang: Language): string | undefined {
  if (report.away.length === 0) {
    return undefined;
  }
  const t = L[lang];
  return t.away(report.away.map((a) => t.until(a.name, shortDay(a.until, lang))).join(', '));
}

/** Said once in the digest's footer: the file lists someone the portal has as not active. */
export function notActiveLine(
  report: Pick<StandupReport, 'notActive'>,
  lang: Language,
): string | undefined {
  if (report.notActive.length === 0) {
    return undefined;
  }
  const t = L[lang];
  return t.notActive(
    report.notActive.map((m) => `${m.name} (id ${m.userId}, ${t.reason[m.reason]})`).join(', '),
  );
}
