import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { dayField, type DayFigure, type KnownDays } from '../domain/collection/settled-days.js';

/** Figures of settled days kept between standups (see src/domain/collection/settled-days.ts). */
export interface SettledDayStore {
  /** What is kept for these row sets over the months of `days` (day starts, any order). */
  load(setIds: readonly string[], months: readonly string[]): Promise<KnownDays>;
  keep(figures: readonly { figure: DayFigure; value: number }[]): Promise<void>;
}

/** Kept a little over two months: a month window reaches back at most into the month before. */
const KEEP_SECONDS = 70 * 24 * 3600;

/**
 * One Redis hash per row set and month (`<prefix>settled:<set>:<YYYY-MM>`), fields by reading,
 * manager and day; each month's hash expires on its own once no standup reaches back to it.
 */
export function redisSettledDayStore(redis: Redis, keyPrefix: string): SettledDayStore {
  const keyOf = (setId: string, month: string) =>
    `${keyPrefix}settled:${createHash('sha256').update(setId).digest('hex').slice(0, 16)}:${month}`;
  return {
    async load(setIds, months) {
      const known = new Map<string, Map<string, number>>();
      const pipeline = redis.pipeline();
      const asked: string[] = [];
      for (const setId of setIds) {
        for (const month of new Set(months)) {
          pipeline.hgetall(keyOf(setId, month));
          asked.push(setId);
        }
      }
      const answers = (await pipeline.exec()) ?? [];
      answers.forEach(([error, value], index) => {
        if (error !== null) {
          throw error;
        }
        const setId = asked[index] ?? '';
        const fields = known.get(setId) ?? new Map<string, number>();
        for (const [field, text] of Object.entries(value as Record<string, string>)) {
          const number = Number(text);
          if (Number.isFinite(number)) {
            fields.set(field, number);
          }
        }
        known.set(setId, fields);
      });
      return known;
    },
    async keep(figures) {
      if (figures.length === 0) {
        return;
      }
      const byKey = new Map<string, Record<string, string>>();
      for (const { figure, value } of figures) {
        const key = keyOf(figure.setId, figure.day.slice(0, 7));
        const fields = byKey.get(key) ?? {};
        fields[dayField(figure)] = String(value);
        byKey.set(key, fields);
      }
      const pipeline = redis.multi();
      for (const [key, fields] of byKey) {
        pipeline.hset(key, fields);
        pipeline.expire(key, KEEP_SECONDS);
      }
      await pipeline.exec();
    },
  };
}
