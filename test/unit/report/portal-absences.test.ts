import { describe, expect, it } from 'vitest';
import { absencesFromAccessibility } from '../../../src/report/portal-absences.js';

const ts = (iso: string) => String(Date.parse(iso) / 1000);
const event = (fields: Record<string, unknown>) => ({
  ID: '1213',
  NAME: 'Event name',
  DATE_FROM: '02.12.2024 11:00:00',
  DATE_TO: '02.12.2024 12:00:00',
  '~USER_OFFSET_FROM': -21600,
  DT_SKIP_TIME: 'N',
  TZ_FROM: 'Europe/Moscow',
  ACCESSIBILITY: 'busy',
  IMPORTANCE: 'normal',
  EVENT_TYPE: '#collab#',
  ...fields,
});

describe('absences from calendar.accessibility.get', () => {
  it('takes whole days marked absent, in the department zone, and nothing else', () => {
    const found = absencesFromAccessibility(
      {
        '1': [
          // The documented example: a busy hour is not an absence.
          event({ DATE_FROM_TS_UTC: '1733158800', DATE_TO_TS_UTC: '1733162400' }),
        ],
        '14': [
          // An all-day vacation, 16..20 November (start of first and last day, Moscow).
          event({
            NAME: 'Отпуск',
            ACCESSIBILITY: 'absent',
            DT_SKIP_TIME: 'Y',
            DATE_FROM_TS_UTC: ts('2026-11-16T00:00:00+03:00'),
            DATE_TO_TS_UTC: ts('2026-11-20T00:00:00+03:00'),
          }),
          // Two hours at the doctor's: part of a day, not a day away.
          event({
            ACCESSIBILITY: 'absent',
            DATE_FROM_TS_UTC: ts('2026-11-23T10:00:00+03:00'),
            DATE_TO_TS_UTC: ts('2026-11-23T12:00:00+03:00'),
          }),
          // A timed absence over two whole days, ending at midnight.
          event({
            NAME: 'Командировка',
            ACCESSIBILITY: 'absent',
            DATE_FROM_TS_UTC: ts('2026-11-24T00:00:00+03:00'),
            DATE_TO_TS_UTC: ts('2026-11-26T00:00:00+03:00'),
          }),
        ],
        '34': [],
      },
      'Europe/Moscow',
    );
    expect([...found]).toEqual([
      [
        14,
        [
          { from: '2026-11-16', to: '2026-11-20', reason: 'Отпуск' },
          { from: '2026-11-24', to: '2026-11-25', reason: 'Командировка' },
        ],
      ],
    ]);
  });

  it('reads an empty result given as [] and refuses a broken one', () => {
    expect(absencesFromAccessibility([], 'Europe/Moscow').size).toBe(0);
    expect(() =>
      absencesFromAccessibility({ '14': [{ ACCESSIBILITY: 'absent' }] }, 'Europe/Moscow'),
    ).toThrow();
  });
});
