import type { Redis } from 'ioredis';
import { createRedisVersionedDocs, type VersionedDocs } from '../store/versioned-docs.js';
import { weekRecordSchema, type WeekRecord } from './week-record.js';

/** The weekly meeting's cards and the head's marks of one-to-ones and training, in Redis. */
export interface WeekStore {
  weeks: VersionedDocs<WeekRecord>;
  /** Week ids whose meeting day is within `from..to` ("YYYY-MM-DD"), oldest first. */
  weekIds(from: string, to: string): Promise<string[]>;
  /** The last week made before `day` (exclusive), for carry-over. */
  weekBefore(day: string): Promise<string | undefined>;
  indexWeek(id: string, day: string): Promise<void>;
  /** One-to-ones recorded per manager in a month ("YYYY-MM"). */
  oneOnOnes(month: string): Promise<Map<number, number>>;
  addOneOnOne(month: string, managerId: number, day: string): Promise<number>;
  /** The last training day recorded per manager. */
  trainings(): Promise<Map<number, string>>;
  setTraining(managerId: number, day: string): Promise<void>;
}

const dayScore = (day: string) => Number(day.replaceAll('-', ''));
/** Marks are kept two years: the training cadence looks back six months. */
const KEEP_MARKS_SECONDS = 2 * 366 * 24 * 3600;

export function createWeekStore(redis: Redis, keyPrefix: string, keepSeconds: number): WeekStore {
  const index = `${keyPrefix}week-index`;
  const talks = (month: string) => `${keyPrefix}rhythm:1on1:${month}`;
  const trainingKey = `${keyPrefix}rhythm:training`;
  return {
    weeks: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}week:`,
      schema: weekRecordSchema,
      keepSeconds,
    }),
    weekIds: (from, to) => redis.zrangebyscore(index, dayScore(from), dayScore(to)),
    async weekBefore(day) {
      const ids = await redis.zrevrangebyscore(index, `(${dayScore(day)}`, '-inf', 'LIMIT', 0, 1);
      return ids[0];
    },
    async indexWeek(id, day) {
      await redis.zadd(index, dayScore(day), id);
    },
    async oneOnOnes(month) {
      const all = await redis.hgetall(talks(month));
      return new Map(Object.entries(all).map(([id, count]) => [Number(id), Number(count)]));
    },
    async addOneOnOne(month, managerId, day) {
      const [[, count]] = (await redis
        .multi()
        .hincrby(talks(month), String(managerId), 1)
        .expire(talks(month), KEEP_MARKS_SECONDS)
        .hset(`${keyPrefix}rhythm:1on1-last`, String(managerId), day)
        .exec()) as [[unknown, number]];
      return Number(count);
    },
    async trainings() {
      const all = await redis.hgetall(trainingKey);
      return new Map(Object.entries(all).map(([id, day]) => [Number(id), day]));
    },
    async setTraining(managerId, day) {
      await redis.hset(trainingKey, String(managerId), day);
    },
  };
}
