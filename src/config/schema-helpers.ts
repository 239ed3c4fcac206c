import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** Shows a value the way an administrator typed it: strings quoted, nothing as "nothing". */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a section';
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

/** An error callback that reports "expected <what>, got <value>" for every issue of a schema. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `required: expected ${what}`
      : `expected ${what}, got ${describeValue(issue.input)}`;
}

export function nonNegativeNumber() {
  const error = expected('a number >= 0');
  return z.number({ error }).min(0, { error });
}

export function fraction() {
  const error = expected('a number between 0 and 1');
  return z.number({ error }).min(0, { error }).max(1, { error });
}

export function positiveInt(what = 'a positive whole number') {
  const error = expected(what);
  return z.number({ error }).int({ error }).positive({ error });
}

export function wholeNumberBetween(min: number, max: number, what: string) {
  const error = expected(what);
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export function userId() {
  return positiveInt('a Bitrix24 user id (a positive whole number)');
}

export function nonEmptyText(what = 'a non-empty text') {
  const error = expected(what);
  return z.string({ error }).trim().min(1, { error });
}

/** "HH:MM", 24-hour clock. */
export function localTime() {
  const error = expected('a time of day as "HH:MM", e.g. "09:00"');
  return z.string({ error }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error });
}

/** "YYYY-MM-DD", a real calendar date. YAML turns an unquoted date into a Date: accept that too. */
export function isoDate() {
  const error = expected('a date as YYYY-MM-DD');
  return z.preprocess(
    (value) =>
      value instanceof Date && !Number.isNaN(value.getTime())
        ? value.toISOString().slice(0, 10)
        : value,
    z
      .string({ error })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error })
      .refine((value) => DateTime.fromISO(value).isValid, { error }),
  );
}

export function timeZone() {
  const error = expected('an IANA time zone such as "Europe/Moscow"');
  return z.string({ error }).refine((value) => IANAZone.isValidZone(value), { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const error = expected(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  return z.enum(values, { error });
}

export function booleanFlag() {
  return z.boolean({ error: expected('true or false') });
}

/** A country (optionally "-STATE") known to date-holidays, e.g. "RU", "HU", "DE-BY". */
export function countryCode() {
  const error = expected('a country code known to the holiday calendar, such as "RU" or "HU"');
  return z.string({ error }).refine(
    (value) => {
      const [country, state] = value.split('-');
      const holidays = new Holidays();
      if (country === undefined || holidays.getCountries()[country] === undefined) {
        return false;
      }
      return state === undefined || holidays.getStates(country)?.[state] !== undefined;
    },
    { error },
  );
}
