import { DateTime } from 'luxon';
import type { CollectionPlan } from '../domain/collection/collection-plan.js';
import {
  isSettledSet,
  splitSettledDays,
  type KnownDays,
  type SettledSplit,
} from '../domain/collection/settled-days.js';
import type { IsoDay } from '../domain/calendar.js';
import type { Logger } from '../lib/logger.js';
import type { Facts } from './collect-facts.js';
import type { SettledDayStore } from './settled-day-store.js';

/** Days before yesterday are settled: yesterday's late calls are still read from the portal. */
const UNSETTLED_DAYS = 1;

export interface SettledReads {
  /** The plan without the settled days already known, and what they add. */
  split(plan: CollectionPlan): SettledSplit;
  /** Adds the known days to `facts`, keeps the days just read, and drops their buckets. */
  finish(split: SettledSplit, facts: Facts): Promise<Facts>;
}

/**
 * Settled days for one read: loaded once for the row sets `plan` could list. A store that
 * fails (Redis away) costs requests, never figures: the days are then read from the portal.
 */
export async function settledReads(
  store: SettledDayStore,
  plan: CollectionPlan,
  options: { today: IsoDay; zone: string; log?: Logger | undefined },
): Promise<SettledReads> {
  const cut = DateTime.fromISO(options.today, { zone: options.zone }).minus({
    days: UNSETTLED_DAYS,
  });
  const settledBefore = cut.toISO({ suppressMilliseconds: true }) ?? '';
  const months = [cut.toFormat('yyyy-MM'), cut.minus({ months: 1 }).toFormat('yyyy-MM')];
  const setIds = plan.rowSets.filter(isSettledSet).map((s) => s.id);
  let known: KnownDays = new Map();
  if (setIds.length > 0) {
    try {
      known = await store.load(setIds, months);
    } catch (error) {
      options.log?.warn({ err: error }, 'settled days could not be loaded: reading them again');
    }
  }
  return {
    split: (p) => splitSettledDays(p, { zone: options.zone, settledBefore, known }),
    async finish(split, facts) {
      const kept = [];
      for (const [key, figure] of split.toKeep) {
        kept.push({ figure, value: facts.get(key) ?? 0 });
        facts.delete(key);
      }
      for (const [key, value] of split.addends) {
        facts.set(key, (facts.get(key) ?? 0) + value);
      }
      try {
        await store.keep(kept);
      } catch (error) {
        options.log?.warn({ err: error }, 'settled days could not be kept: read again next time');
      }
      return facts;
    },
  };
}
