import { escapeBbCode } from '../bbcode.js';
import { dayLabel, type Language } from './format.js';

/** A plan as texts show it. */
export interface PlanParts {
  reason?: string;
  plan?: string;
  deadline?: string;
  /** The day named, when it was a day off and the deadline moved to the next working day. */
  deadlineMovedFrom?: string;
}

/** How much of a reason or a plan a card or an echo shows before "…". */
export const PART_CHARS = 300;
/** A question to a manager is read on a phone between calls: it stays this short. */
export const QUESTION_CHARS = 600;

const LABELS = {
  ru: { reason: 'Причина', plan: 'План', deadline: 'Срок' },
  en: { reason: 'Reason', plan: 'Plan', deadline: 'Deadline' },
} as const;

/** True when a part is longer than a card shows. */
export const isCut = (text: string | undefined) => (text?.trim().length ?? 0) > PART_CHARS;

/** "\nПричина: …" with the user's text escaped and cut at `max` characters. */
export function partLine(
  lang: Language,
  part: 'reason' | 'plan',
  value: string | undefined,
  max = PART_CHARS,
): string {
  return value === undefined ? '' : `\n${LABELS[lang][part]}: ${escapeBbCode(value, max)}`;
}

/** "\nСрок: пн 30.11 (сб 28.11 — выходной)". */
export function deadlineLine(lang: Language, parts: PlanParts): string {
  if (parts.deadline === undefined) {
    return '';
  }
  const moved =
    parts.deadlineMovedFrom === undefined
      ? ''
      : lang === 'ru'
        ? ` (${dayLabel(parts.deadlineMovedFrom, lang)} — выходной, срок на следующий рабочий день)`
        : ` (${dayLabel(parts.deadlineMovedFrom, lang)} is a day off: moved to the next working day)`;
  return `\n${LABELS[lang].deadline}: ${dayLabel(parts.deadline, lang)}${moved}`;
}

/** Reason, plan and deadline as lines, each part cut at `max`. */
export function planLines(lang: Language, parts: PlanParts, max = PART_CHARS): string {
  return (
    partLine(lang, 'reason', parts.reason, max) +
    partLine(lang, 'plan', parts.plan, max) +
    deadlineLine(lang, parts)
  );
}

/**
 * A message built of a head, bullet lines and a tail that stays within `max` characters: the
 * lines that do not fit are counted instead ("…и ещё 3").
 */
export function fitLines(
  head: string,
  lines: readonly string[],
  tail: string,
  max: number,
  more: (count: number) => string,
): string {
  const bullets = lines.map((l) => `• ${l}`);
  for (let shown = bullets.length; shown >= 0; shown--) {
    const rest = bullets.length - shown;
    const body = [...bullets.slice(0, shown), ...(rest > 0 ? [more(rest)] : [])].join('\n');
    const text = `${head}\n${body}${tail}`;
    if (text.length <= max || shown === 0) {
      return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
    }
  }
  return head;
}
