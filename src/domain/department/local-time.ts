import type { DateTime } from 'luxon';

/** A time of day on the department's clock, parsed once from "HH:MM". */
export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
  /** Minutes since midnight, for comparing and sorting. */
  readonly minutes: number;
  /** "HH:MM", as written. */
  readonly text: string;
}

/** Parses "HH:MM" (24-hour clock); throws on anything else (the config schema checks it first). */
export function parseLocalTime(text: string): LocalTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) {
    throw new Error(`expected a time of day as "HH:MM", got ${JSON.stringify(text)}`);
  }
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return Object.freeze({ hour, minute, minutes: hour * 60 + minute, text });
}

/** The moment `time` on the day of `day` (in `day`'s zone). */
export function atLocalTime(day: DateTime, time: LocalTime): DateTime {
  return day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
}

/** Earliest first. */
export function sortTimes(times: readonly LocalTime[]): LocalTime[] {
  return [...times].sort((a, b) => a.minutes - b.minutes);
}
