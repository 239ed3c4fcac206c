import { DateTime } from 'luxon';
import { findDateMentions, type DateMention } from './reading/date-mentions.js';

/** The department's calendar as far as a deadline needs it. */
export interface DeadlineRules {
  zone: string;
  /** The last working weekday (1-7): what "end of week" means. */
  endOfWeek: number;
  /** How far ahead a deadline may be, in calendar days. */
  maxDays: number;
  isWorkingDay: (day: string) => boolean;
}

/** A deadline read from a message, or why none could be read. */
export type DeadlineParse =
  | {
      ok: true;
      day: string;
      matched: string;
      /** The day named, when it was a day off and the deadline moved to the next working day. */
      movedFrom?: string;
    }
  | {
      ok: false;
      reason: 'none' | 'past' | 'too_far';
      matched?: string;
      /** The day named, for saying which one is past or too far. */
      day?: string;
    };

/** Monday to Friday, no holidays: for a reader with no department file. */
export function weekdayRules(zone: string, maxDays = 30): DeadlineRules {
  return {
    zone,
    endOfWeek: 5,
    maxDays,
    isWorkingDay: (day) => DateTime.fromISO(day, { zone }).weekday <= 5,
  };
}

/**
 * Reads a deadline as a person would, relative to `today` (the message's local day): "до
 * среды", "к пятнице", "до конца недели", "через 2 дня", "послезавтра", "к 3 декабря", "3.12",
 * "03.12.2026", "4-го", "by Friday", "by Dec 3", "by end of week". A time of day does not move
 * the date ("к 15:00 завтра" is tomorrow). See `chooseDeadline` for several days in one text.
 */
export function parseDeadline(text: string, today: string, rules: DeadlineRules): DeadlineParse {
  return chooseDeadline(findDateMentions(text, mentionContext(today, rules)), today, rules);
}

export function mentionContext(today: string, rules: DeadlineRules) {
  return {
    today: DateTime.fromISO(today, { zone: rules.zone }).startOf('day'),
    endOfWeek: rules.endOfWeek,
  };
}

const STRENGTH: Record<DateMention['kind'], number> = {
  date: 3,
  weekday: 3,
  period: 2,
  relative: 2,
  time: 1,
  past: 0,
};

/**
 * Picks the deadline among the days a text names. Starts ("с четверга") and past references
 * ("вчера") are never deadlines; a time of day counts only when no day is named. A day said as
 * a limit ("до среды", "by Friday") wins; then an explicit date or weekday over relative words
 * ("сегодня и завтра навёрстываю, догоню до среды" is Wednesday); then the latest day, since a
 * plan is done when its last step is. A day already past loses to one still ahead.
 *
 * The result is checked against the calendar: a past day or one further than `maxDays` is
 * refused (the caller asks again); a day off moves to the next working day, except the end of a
 * period, which moves back to its last working day ("до конца месяца" on a Saturday 31st).
 */
export function chooseDeadline(
  mentions: readonly DateMention[],
  today: string,
  rules: DeadlineRules,
): DeadlineParse {
  const base = DateTime.fromISO(today, { zone: rules.zone }).startOf('day');
  const usable = mentions.filter((m) => m.kind !== 'past' && !m.beginning);
  const days = usable.filter((m) => m.kind !== 'time');
  let pool = days.length > 0 ? days : usable;
  const ahead = pool.filter((m) => m.day >= base);
  pool = ahead.length > 0 ? ahead : pool;
  const chosen = [...pool].sort(
    (a, b) =>
      Number(b.anchored) - Number(a.anchored) ||
      STRENGTH[b.kind] - STRENGTH[a.kind] ||
      b.day.toMillis() - a.day.toMillis(),
  )[0];
  if (chosen === undefined) {
    return { ok: false, reason: 'none' };
  }
  const named = chosen.day.toISODate() ?? today;
  if (chosen.day < base) {
    return { ok: false, reason: 'past', matched: chosen.text, day: named };
  }
  const day = toWorkingDay(chosen, base, rules);
  if (day.diff(base, 'days').days > rules.maxDays) {
    return { ok: false, reason: 'too_far', matched: chosen.text, day: named };
  }
  const iso = day.toISODate() ?? named;
  return iso === named
    ? { ok: true, day: iso, matched: chosen.text }
    : { ok: true, day: iso, matched: chosen.text, movedFrom: named };
}

function toWorkingDay(chosen: DateMention, base: DateTime, rules: DeadlineRules): DateTime {
  const working = (d: DateTime) => rules.isWorkingDay(d.toISODate() ?? '');
  let day = chosen.day;
  if (chosen.periodEnd) {
    while (!working(day) && day > base) {
      day = day.minus({ days: 1 });
    }
    if (working(day)) {
      return day;
    }
    day = chosen.day;
  }
  for (let step = 0; step < 60 && !working(day); step++) {
    day = day.plus({ days: 1 });
  }
  return day;
}
