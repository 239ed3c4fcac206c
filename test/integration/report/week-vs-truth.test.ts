import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../../src/cli.js';
import type { WeekReport } from '../../../src/domain/week/week-report.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import {
  connectTestRedis,
  deleteByPrefix,
  testRedisUrl,
  uniquePrefix,
} from '../../helpers/redis.js';
import { truthFigure } from '../../helpers/truth-figures.js';

const generated = generateDepartment({ seed: 7, managers: 8, today: '2026-11-24' });
const FRIDAY = '2026-11-20';
const prefix = uniquePrefix('week-truth');
const redis = connectTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'standup-week-'));
const file = join(dir, 'department.yaml');
let emulator: Emulator;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    env: {
      BITRIX_WEBHOOK_URL: emulator.webhookUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    },
    now: () => new Date('2026-11-24T08:45:00+03:00'),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  // A quarter's plan too, so that the card has all three periods.
  const withQuarter = structuredClone(generated.file);
  withQuarter.plan.periods.push({
    period: '2026-Q4',
    units: { pessimistic: 60, realistic: 80, optimistic: 100 },
  });
  writeFileSync(file, stringify(withQuarter));
  emulator = await startEmulator({
    populate: generated.populate,
    rateLimit: { burst: 50, perSecond: 50 },
    now: new Date('2026-11-24T08:45:00+03:00'),
  });
}, 60_000);

afterAll(async () => {
  await emulator.close();
  await deleteByPrefix(redis, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('report --week --json --date <a Friday>', () => {
  let week: WeekReport;
  beforeAll(async () => {
    const result = await cli(['report', '--week', '--json', '--date', FRIDAY, '--config', file]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    week = JSON.parse(result.out) as WeekReport;
  }, 60_000);

  it('is the last five working days to the Friday, as the card time of the file', () => {
    expect(week.day).toBe(FRIDAY);
    expect(week.workingDays).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
    expect(week.from).toBe('2026-11-16T00:00:00+03:00');
    expect(week.to).toBe('2026-11-21T00:00:00+03:00');
    // Default meeting Friday 17:00, card an hour before.
    expect(week.runAt).toBe('2026-11-20T16:00:00+03:00');
  });

  it("gives every manager's week figures equal to the CRM's rows", () => {
    const figures = week.managers.flatMap((m) => m.figures);
    expect(figures.length).toBeGreaterThan(generated.department.managers.length);
    const off = figures.flatMap((f) => {
      const truth = truthFigure(emulator.control.state, {
        managerId: f.managerId,
        metric: f.metric,
        from: f.from,
        to: f.to,
        now: week.runAt,
      });
      return truth !== undefined && Math.abs(truth - f.fact) < 1e-9
        ? []
        : [{ cell: `${f.managerId}|${f.metric}`, fact: f.fact, truth }];
    });
    expect(off).toEqual([]);
    expect(new Set(figures.map((f) => f.window))).toEqual(new Set(['week']));
  });

  it('gives the week, month and quarter pace in three versions, the week summed from the rows', () => {
    const periods = new Set(week.plan.map((p) => p.period));
    expect(periods).toEqual(new Set(['week', 'month', 'quarter']));
    const units = week.plan.find((p) => p.period === 'week' && p.target === 'units');
    expect(units).toBeDefined();
    const truth = generated.department.managers.reduce(
      (sum, m) =>
        sum +
        (truthFigure(emulator.control.state, {
          managerId: m.userId,
          metric: 'deals_won',
          from: week.from,
          to: week.to,
          now: week.runAt,
        }) ?? 0),
      0,
    );
    expect(units!.fact).toBe(truth);
    expect(units!.pace.pessimistic).toBeGreaterThanOrEqual(units!.pace.realistic);
    expect(units!.pace.realistic).toBeGreaterThanOrEqual(units!.pace.optimistic);
  });
});
