import type { Redis } from 'ioredis';
import { createBitrixClient } from '../../src/bitrix/client.js';
import { resolveBitrixAuth } from '../../src/config/env-schema.js';
import { parseEnv } from '../../src/config/load-config.js';
import { createCalendar } from '../../src/domain/calendar.js';
import type { ReadPlan } from '../../src/domain/collection/choose-reads.js';
import type { StandupReport } from '../../src/domain/evaluation/report-schema.js';
import type { GeneratedDepartment } from '../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../src/emulator/start-emulator.js';
import { createLogger } from '../../src/lib/logger.js';
import { createSecrets } from '../../src/lib/secrets.js';
import { bitrixCrmReader, type CrmReader } from '../../src/report/crm-reader.js';
import { measureStandup } from '../../src/report/measure-standup.js';
import { truthFigure } from './truth-figures.js';

export interface TruthRun {
  emulator: Emulator;
  report: StandupReport;
  reads: ReadPlan;
  reader: CrmReader;
  stats: () => { requests: number; byMethod: Record<string, number> };
}

/** A standup measured on an emulator filled by the generator (limit 50 burst, 50 a second). */
export async function runTruthReport(
  generated: GeneratedDepartment,
  options: { redis: Redis; keyPrefix: string; at: Date; scopes?: readonly string[] },
): Promise<TruthRun> {
  const emulator = await startEmulator({
    populate: generated.populate,
    rateLimit: { burst: 50, perSecond: 50 },
    now: options.at,
    ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
  });
  const client = createBitrixClient({
    auth: resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: emulator.webhookUrl }))!,
    redis: options.redis,
    keyPrefix: options.keyPrefix,
    rateLimit: { burst: 50, perSecond: 50 },
    timeoutMs: 10_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
  });
  const reader = bitrixCrmReader(client);
  let reads: ReadPlan | undefined;
  const report = await measureStandup({
    dept: generated.department,
    calendar: createCalendar(generated.department),
    reader,
    at: options.at,
    onReads: (r) => (reads = r),
  });
  return { emulator, report, reads: reads!, reader, stats: () => client.stats() };
}

/**
 * Every figure of the report, and each manager's plan facts, next to the contract's value
 * computed from the emulator's rows (test/helpers/truth-figures.ts): the pairs that differ.
 */
export function figuresOffTruth(run: TruthRun): { cell: string; fact: number; truth: unknown }[] {
  const state = run.emulator.control.state;
  const off: { cell: string; fact: number; truth: unknown }[] = [];
  const check = (cell: string, fact: number, truth: number | undefined) => {
    if (truth === undefined || Math.abs(fact - truth) > 1e-9 * Math.max(1, Math.abs(truth))) {
      off.push({ cell, fact, truth });
    }
  };
  for (const manager of run.report.managers) {
    for (const f of manager.figures) {
      const truth = truthFigure(state, {
        managerId: f.managerId,
        metric: f.metric,
        from: f.from,
        to: f.to,
        now: run.report.runAt,
      });
      check(`${f.managerId}|${f.metric}|${f.window}`, f.fact, truth);
    }
  }
  const month = run.report.windows.month;
  const planMetric = { amount: 'won_amount', units: 'deals_won', new_clients: 'new_clients' };
  for (const pace of run.report.plan) {
    if (pace.scope === 'team' || pace.period !== 'month' || month === undefined) {
      continue;
    }
    const truth = truthFigure(state, {
      managerId: pace.scope,
      metric: planMetric[pace.target],
      ...month,
      now: run.report.runAt,
    });
    check(`${pace.scope}|plan ${pace.target}`, pace.fact, truth);
  }
  return off;
}

/** What the cost model chose, per metric: the windows listed and the windows counted. */
export function pathsChosen(
  reads: ReadPlan,
): Map<string, { listed: Set<string>; counted: Set<string> }> {
  const paths = new Map<string, { listed: Set<string>; counted: Set<string> }>();
  const of = (metric: string) => {
    const entry = paths.get(metric) ?? { listed: new Set<string>(), counted: new Set<string>() };
    paths.set(metric, entry);
    return entry;
  };
  for (const list of reads.lists) {
    for (const { reading, buckets } of list.readings) {
      buckets.forEach((b) => of(reading.metric).listed.add(b.key.split('|')[2] ?? ''));
    }
  }
  for (const count of reads.counts) {
    const [, metric = '', window = ''] = count.key.split('|');
    of(metric).counted.add(window);
  }
  return paths;
}
