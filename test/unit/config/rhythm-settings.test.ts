import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, parseDepartment } from '../../../src/config/load-config.js';
import { rhythmOf } from '../../../src/domain/rhythm/rhythm-settings.js';
import { rhythmLine } from '../../../src/cli/rhythm-line.js';

const minimal = readFileSync('test/fixtures/config/minimal.yaml', 'utf8');
const withRhythm = (rhythm: unknown) => stringify({ ...(parse(minimal) as object), rhythm });

function problemsOf(text: string): string[] {
  try {
    parseDepartment(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    }
    throw error;
  }
  return [];
}

describe('the rhythm section of the department file', () => {
  it('defaults to a Friday 17:00 meeting with its card an hour before, two one-to-ones, training on', () => {
    const rhythm = rhythmOf(parseDepartment(minimal));
    expect(rhythm.weeklyMeeting).toMatchObject({
      enabled: true,
      day: 'fri',
      cardMinutesBefore: 60,
    });
    expect(rhythm.weeklyMeeting.time.text).toBe('17:00');
    expect(rhythm.oneOnOne).toEqual({ enabled: true, perMonth: 2 });
    expect(rhythm.training).toEqual({
      enabled: true,
      newManagerMonths: 3,
      newEveryMonths: 1,
      othersEveryMonths: 6,
    });
    expect(rhythmLine(parseDepartment(minimal))).toBe(
      'Rhythm: weekly meeting fri 17:00 (card at 16:00); one-to-ones 2 a month; training every 1 month(s) for the first 3 months, then every 6',
    );
  });

  it('switches every part off', () => {
    const dept = parseDepartment(
      withRhythm({
        weekly_meeting: { enabled: false },
        one_on_one: { enabled: false },
        training: { enabled: false },
      }),
    );
    expect(rhythmLine(dept)).toBe('Rhythm: weekly meeting off; one-to-ones off; training off');
  });

  it('names the path of every bad setting', () => {
    expect(
      problemsOf(
        withRhythm({
          weekly_meeting: { day: 'friday', time: '25:00', card_minutes_before: -5 },
          one_on_one: { per_month: 0 },
          training: { others_every_months: 'often', monthly: true },
          monthly: {},
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^rhythm\.weekly_meeting\.day: /),
      expect.stringMatching(/^rhythm\.weekly_meeting\.time: /),
      expect.stringMatching(/^rhythm\.weekly_meeting\.card_minutes_before: /),
      expect.stringMatching(/^rhythm\.one_on_one\.per_month: /),
      expect.stringMatching(/^rhythm\.training\.others_every_months: /),
      'rhythm.training.monthly: unknown key',
      'rhythm.monthly: unknown key',
    ]);
  });
});
