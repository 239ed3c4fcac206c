import type { Redis } from 'ioredis';
import { BENCH_DAY, baseline, ours } from './collection.js';
import { spawnEmulator } from './emulator-process.js';
import { round } from './measure.js';
import { redisSettledDayStore } from '../src/report/settled-day-store.js';

/** The departments measured: the demo one, and every manager on N metrics in 4 windows. */
const EIGHT = [
  'calls_outgoing',
  'calls_connected',
  'meetings',
  'quotes_sent',
  'invoices_issued',
  'deals_created',
  'deals_won',
  'won_amount',
];
const DEPARTMENTS: { name: string; about: string; metrics?: string[] }[] = [
  {
    name: 'demo',
    about:
      'the demo department: 8 normed metrics in 1 to 5 windows (half day to month) and 2 snapshots, the month plan (won amount, deals won, new clients)',
  },
  {
    name: '8x4',
    about: `${EIGHT.join(', ')}: each in the day, three-day, week and month windows, plus the month plan`,
    metrics: EIGHT,
  },
  {
    name: '12x4',
    about: 'the same plus talk_minutes, emails, new_clients, conversion',
    metrics: [...EIGHT, 'talk_minutes', 'emails', 'new_clients', 'conversion'],
  },
];

const pad = (value: unknown, width: number) => String(value).padStart(width);

/**
 * Requests per standup for 10, 100 and 500 managers (`quick`: not 500) in each department, side
 * by side: ours at the portal's real limit, the per-cell minimum (one batched count per cell,
 * ceil(cells / 50)) and the obvious client (every cell's rows read page by page).
 */
export async function collectionTable(
  redis: Redis,
  prefix: string,
  quick: boolean,
  say: (line: string) => void,
  /** `dept:managers` (e.g. `12x4:500`): only that row; empty or undefined: every row. */
  row?: string,
) {
  say(`Figure collection per standup (emulator enforcing 50 burst / 2 per second, ${BENCH_DAY})`);
  for (const d of DEPARTMENTS) {
    say(`  ${d.name}: ${d.about}`);
  }
  say(
    'dept  managers |  cells | per-cell min | ours: requests  seconds  503  429  heap MB | next day: requests  seconds | obvious: requests  s at 50/2',
  );
  const rows = [];
  for (const d of DEPARTMENTS) {
    for (const managers of quick ? [10, 100] : [10, 100, 500]) {
      if (row !== undefined && row !== '' && row !== `${d.name}:${managers}`) {
        continue;
      }
      const options = { managers, today: BENCH_DAY, ...(d.metrics ? { metrics: d.metrics } : {}) };
      // The first standup reads every day; the next keeps call records of settled days (see
      // src/domain/collection/settled-days.ts) and reads the same data on a rested portal.
      const settled = redisSettledDayStore(redis, `${prefix}settled-${d.name}-${managers}:`);
      const limited = await spawnEmulator({ ...options, limit: true });
      const mine = await ours(limited, redis, `${prefix}ours-${d.name}-${managers}:`, settled);
      limited.stop();
      const rested = await spawnEmulator({ ...options, limit: true });
      const next = await ours(rested, redis, `${prefix}next-${d.name}-${managers}:`, settled);
      rested.stop();
      const unlimited = await spawnEmulator({ ...options, limit: false });
      // From 100 managers the obvious client's pages are counted from totals (see baseline()).
      const naive = await baseline(
        unlimited,
        redis,
        `${prefix}base-${d.name}-${managers}:`,
        managers >= 100,
      );
      unlimited.stop();
      rows.push({
        department: d.name,
        managers,
        cells: naive.cells,
        perCellMinimum: naive.perCellMinimum,
        ours: mine,
        nextDay: next,
        obvious: naive,
        oursVsObvious: round(naive.requests / mine.requests, 0),
      });
      say(
        `${d.name.padEnd(5)} ${pad(managers, 8)} | ${pad(naive.cells, 6)} | ${pad(naive.perCellMinimum, 12)} | ${pad(mine.requests, 14)} ${pad(mine.seconds, 8)} ${pad(mine.refused503, 4)} ${pad(mine.refused429, 4)} ${pad(mine.peakHeapMb, 8)} | ${pad(next.requests, 18)} ${pad(next.seconds, 8)} | ${pad(naive.requests, 17)} ${pad(naive.secondsAt50x2, 9)}`,
      );
    }
  }
  return rows;
}
