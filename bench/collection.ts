import type { Redis } from 'ioredis';
import { createBitrixClient, type BitrixClient } from '../src/bitrix/client.js';
import { resolveBitrixAuth } from '../src/config/env-schema.js';
import { parseEnv } from '../src/config/load-config.js';
import { createCalendar } from '../src/domain/calendar.js';
import {
  planCollection,
  plannedKeys,
  type ListQuery,
} from '../src/domain/collection/collection-plan.js';
import { countQuery } from '../src/domain/collection/queries.js';
import { cellsToMeasure } from '../src/domain/evaluation/build-report.js';
import { metricCatalogue } from '../src/domain/metrics/catalogue.js';
import { standupWindows } from '../src/domain/windows.js';
import { createLogger } from '../src/lib/logger.js';
import { createSecrets } from '../src/lib/secrets.js';
import { bitrixCrmReader } from '../src/report/crm-reader.js';
import { measureStandup } from '../src/report/measure-standup.js';
import type { SettledDayStore } from '../src/report/settled-day-store.js';
import { DateTime } from 'luxon';
import type { EmulatorProcess } from './emulator-process.js';
import { measured, round } from './measure.js';

/**
 * The bench's standup: Monday 30.11.2026 at 08:45 in Moscow, on an emulator whose history ends
 * the day before (`spawnEmulator({ today: BENCH_DAY })`), so that every run reads the same data
 * whatever the date: the month window then holds 19 working days.
 */
export const BENCH_DAY = '2026-11-30';
export const AT = new Date(`${BENCH_DAY}T08:45:00+03:00`);

export function benchClient(
  webhookUrl: string,
  redis: Redis,
  keyPrefix: string,
  rate: { burst: number; perSecond: number },
): BitrixClient {
  return createBitrixClient({
    auth: resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: webhookUrl }))!,
    redis,
    keyPrefix,
    rateLimit: rate,
    timeoutMs: 60_000,
    log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
    secrets: createSecrets(),
  });
}

/** Our collection at the portal's real limit (50 burst, 2 a second). */
export async function ours(
  emulator: EmulatorProcess,
  redis: Redis,
  keyPrefix: string,
  settled?: SettledDayStore,
) {
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, { burst: 50, perSecond: 2 });
  const dept = emulator.department;
  const { result, ms, peakHeapMb } = await measured(() =>
    measureStandup({
      dept,
      calendar: createCalendar(dept),
      reader: bitrixCrmReader(client, settled === undefined ? {} : { settled }),
      at: AT,
    }),
  );
  const stats = client.stats();
  return {
    requests: stats.requests,
    seconds: round(ms / 1000),
    refused503: stats.queryLimitRefusals,
    refused429: stats.operationLimitRefusals,
    peakHeapMb: round(peakHeapMb),
    laggards: result.laggards.length,
  };
}

/**
 * The obvious way, written here only to compare: for every manager, metric and window, list
 * every matching row page by page (start=0, 50, 100 ...) and count them. Run without a limit
 * (it would take hours at 2 a second); its time at 50/2 is computed from its request count.
 */
export async function baseline(
  emulator: EmulatorProcess,
  redis: Redis,
  keyPrefix: string,
  /**
   * Ask only each list's first page and count the pages its `total` implies: the same request
   * count, without the emulator filtering 700,000 rows for each of 50,000 pages (20 minutes).
   */
  fromTotals = false,
) {
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, {
    burst: 1_000_000,
    perSecond: 1_000_000,
  });
  const dept = emulator.department;
  const calendar = createCalendar(dept);
  const catalogue = metricCatalogue(dept.customMetrics);
  const run = DateTime.fromJSDate(AT, { zone: calendar.zone });
  const input = {
    dept,
    catalogue,
    windows: standupWindows(dept, calendar, run),
    standupId: 'bench',
    day: run.toISODate() ?? '',
    runAt: run.toISO() ?? '',
  };
  const plan = planCollection(cellsToMeasure(input), catalogue, input.runAt);
  const cells = plannedKeys(plan).length;
  // Every cell on its own, sums included: the rows of one manager, metric and window.
  const queries: ListQuery[] = plan.rowSets.flatMap((set) =>
    set.readings.flatMap((reading) =>
      reading.buckets.map((bucket) => countQuery(set, reading, bucket)),
    ),
  );
  let impliedPages = 0;
  const { ms } = await measured(async () => {
    for (const query of queries) {
      const { select: _select, ...params } = query.params;
      let start = 0;
      for (;;) {
        const page = await client.call(query.method, { ...params, start });
        if (fromTotals) {
          impliedPages += Math.max(0, Math.ceil((page.total ?? 0) / 50) - 1);
          break;
        }
        if (page.next === undefined) {
          break;
        }
        start = page.next;
      }
    }
  });
  const requests = client.stats().requests + impliedPages;
  return {
    requests,
    cells,
    /** One batched count per cell, sums included as if they could be counted: ceil(cells / 50). */
    perCellMinimum: Math.ceil(cells / 50),
    fromTotals,
    secondsUnlimited: round(ms / 1000),
    secondsAt50x2: Math.max(0, (requests - 50) / 2),
  };
}

/**
 * A full scan of every activity on the portal with the fast technique, consumed as a stream:
 * requests against ceil(rows / 50), and the heap it needed (which must not grow with rows).
 */
export async function fullScan(emulator: EmulatorProcess, redis: Redis, keyPrefix: string) {
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, {
    burst: 1_000_000,
    perSecond: 1_000_000,
  });
  const {
    result: rows,
    ms,
    peakHeapMb,
  } = await measured(async () => {
    let count = 0;
    for await (const _row of client.scan('crm.activity.list', {
      select: ['ID', 'RESPONSIBLE_ID'],
    })) {
      count++;
    }
    return count;
  });
  const requests = client.stats().requests;
  return {
    rows,
    requests,
    pagesNeeded: Math.ceil(rows / 50),
    secondsUnlimited: round(ms / 1000),
    secondsAt50x2: Math.max(0, (requests - 50) / 2),
    peakHeapMb: round(peakHeapMb),
  };
}
