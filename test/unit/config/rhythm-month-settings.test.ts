import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadDepartment, parseDepartment } from '../../../src/config/load-config.js';

const minimal = readFileSync('test/fixtures/config/minimal.yaml', 'utf8');

function withRhythm(rhythm: string): string {
  return stringify({ ...(parse(minimal) as object), rhythm: parse(rhythm) as object });
}

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

describe('rhythm: the month and large deals in the department file', () => {
  it('defaults to the month at 17:00 and no large deals', () => {
    const dept = parseDepartment(minimal);
    expect(dept.rhythm?.monthlyResults.enabled).toBe(true);
    expect(dept.rhythm?.monthlyResults.time.text).toBe('17:00');
    expect(dept.rhythm?.largeDeals).toBeUndefined();
  });

  it('reads the example: both blocks on', () => {
    const dept = loadDepartment('config/department.example.yaml');
    expect(dept.rhythm?.largeDeals).toEqual({
      enabled: true,
      minAmount: 1000000,
      idleDays: 5,
      maxLines: 3,
    });
  });

  it('fills the large-deal defaults and switches blocks off', () => {
    const dept = parseDepartment(
      withRhythm(
        'monthly_results: { enabled: false, time: "16:30" }\nlarge_deals: { min_amount: 500000 }',
      ),
    );
    expect(dept.rhythm?.monthlyResults).toMatchObject({ enabled: false, time: { text: '16:30' } });
    expect(dept.rhythm?.largeDeals).toEqual({
      enabled: true,
      minAmount: 500000,
      idleDays: 5,
      maxLines: 3,
    });
  });

  it('names every wrong setting by its path', () => {
    const problems = problemsOf(
      withRhythm(
        'monthly_results: { time: "25:00" }\nlarge_deals: { idle_days: 0, max_lines: 5, colour: red }',
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^rhythm\.monthly_results\.time: expected a time of day/),
      expect.stringMatching(/^rhythm\.large_deals\.min_amount: required/),
      expect.stringMatching(
        /^rhythm\.large_deals\.idle_days: expected a number of days from 1 to 365/,
      ),
      expect.stringMatching(
        /^rhythm\.large_deals\.max_lines: expected a number of lines from 1 to 3/,
      ),
      'rhythm.large_deals.colour: unknown key',
    ]);
  });
});
