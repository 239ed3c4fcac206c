import type { Redis } from 'ioredis';
import { conversationSchema, type Conversation } from '../domain/standup/conversation-schema.js';
import { historyEntrySchema, type HistoryEntry } from '../domain/standup/history-entry.js';
import { createRedisEventInbox, type EventInbox } from '../store/event-inbox.js';
import { createRedisHistory, type History } from '../store/history.js';
import { createRedisSentMessages, type SentMessages } from '../store/sent-messages.js';
import { createRedisVersionedDocs, type VersionedDocs } from '../store/versioned-docs.js';
import { createMonthStore, type MonthStore } from './month-store.js';
import { standupRecordSchema, type StandupRecord } from './standup-record.js';
import { createWeekStore, type WeekStore } from '../week/week-store.js';

export interface BotRecord {
  id: number;
  token: string;
}

/** Everything the standup keeps in Redis, under one key prefix. */
export interface StandupStore {
  conversations: VersionedDocs<Conversation>;
  standups: VersionedDocs<StandupRecord>;
  sent: SentMessages;
  inbox: EventInbox;
  history: History<HistoryEntry>;
  /** The month's results cards and the approvals of next month's plan. */
  month: MonthStore;
  /** The weekly meeting's cards, one-to-ones and training marks. */
  week: WeekStore;
  /** Conversations not yet closed (held / not held), for routing and the board. */
  openIds(): Promise<string[]>;
  openIdsOf(managerId: number): Promise<string[]>;
  setOpen(conversation: Pick<Conversation, 'id' | 'managerId'>, open: boolean): Promise<void>;
  latestStandupId(): Promise<string | undefined>;
  setLatestStandupId(id: string): Promise<void>;
  countHeadAction(standupId: string): Promise<void>;
  headActions(standupId: string): Promise<number>;
  bot(): Promise<BotRecord | undefined>;
  saveBot(bot: BotRecord): Promise<void>;
  /** True the first time it is asked for this key and day (a stranger's one answer a day). */
  firstToday(key: string, day: string): Promise<boolean>;
}

export interface StandupStoreOptions {
  /**
   * The department whose store this is, in a deployment of several: its indexes (open
   * conversations, the latest standup, the history) live under `<prefix>dept:<id>:`. The
   * documents stay under the portal's prefix: their ids start with the department's id.
   * Without it, the keys of a one-department deployment before departments had their own.
   */
  departmentId?: string;
  /** Told when a stored record no longer fits its schema and was set aside. */
  onQuarantined?: (kind: 'conversation' | 'standup', id: string, reason: string) => void;
}

/**
 * Conversations and standup records live this long after their last change: long past any
 * plan's deadline (at most 30 days by default); the history keeps the essentials for longer.
 */
export const KEEP_RECORD_SECONDS = 120 * 24 * 3600;

export function createStandupStore(
  redis: Redis,
  keyPrefix: string,
  options: StandupStoreOptions = {},
): StandupStore {
  const deptPrefix = departmentKeyPrefix(keyPrefix, options.departmentId);
  const openKey = `${deptPrefix}conv-open`;
  const byManager = (id: number) => `${keyPrefix}conv-open:${id}`;
  const botKey = `${keyPrefix}bot`;
  const quarantine = (kind: 'conversation' | 'standup', onSetAside?: (id: string) => void) => ({
    keyPrefix: `${keyPrefix}dead:${kind}:`,
    onQuarantined: (id: string, reason: string) => {
      onSetAside?.(id);
      options.onQuarantined?.(kind, id, reason);
    },
  });
  return {
    conversations: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}conv:`,
      schema: conversationSchema,
      keepSeconds: KEEP_RECORD_SECONDS,
      // A set-aside conversation leaves the open indexes (its id ends with the manager's).
      quarantine: quarantine('conversation', (id) => {
        const managerId = Number(/-(\d+)$/.exec(id)?.[1] ?? NaN);
        const pipeline = redis.multi().srem(openKey, id);
        if (Number.isFinite(managerId)) {
          pipeline.srem(byManager(managerId), id);
        }
        void pipeline.exec();
      }),
    }),
    standups: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}standup:`,
      schema: standupRecordSchema,
      keepSeconds: KEEP_RECORD_SECONDS,
      quarantine: quarantine('standup'),
    }),
    sent: createRedisSentMessages(redis, keyPrefix),
    inbox: createRedisEventInbox(redis, keyPrefix),
    history: createRedisHistory(redis, deptPrefix, historyEntrySchema),
    month: createMonthStore(redis, deptPrefix),
    week: createWeekStore(redis, deptPrefix, KEEP_RECORD_SECONDS),
    openIds: () => redis.smembers(openKey),
    openIdsOf: (managerId) => redis.smembers(byManager(managerId)),
    async setOpen(conversation, open) {
      const pipeline = redis.multi();
      if (open) {
        pipeline
          .sadd(openKey, conversation.id)
          .sadd(byManager(conversation.managerId), conversation.id);
      } else {
        pipeline
          .srem(openKey, conversation.id)
          .srem(byManager(conversation.managerId), conversation.id);
      }
      await pipeline.exec();
    },
    latestStandupId: async () => (await redis.get(`${deptPrefix}standup-latest`)) ?? undefined,
    setLatestStandupId: async (id) => {
      await redis.set(`${deptPrefix}standup-latest`, id);
    },
    countHeadAction: async (standupId) => {
      const key = `${keyPrefix}head-actions:${standupId}`;
      await redis.multi().incr(key).expire(key, KEEP_RECORD_SECONDS).exec();
    },
    headActions: async (standupId) =>
      Number((await redis.get(`${keyPrefix}head-actions:${standupId}`)) ?? 0),
    firstToday: async (key, day) =>
      (await redis.set(`${keyPrefix}once:${key}:${day}`, '1', 'EX', 2 * 24 * 3600, 'NX')) === 'OK',
    async bot() {
      const [id, token] = await redis.hmget(botKey, 'id', 'token');
      return id === null || token === null || id === undefined || token === undefined
        ? undefined
        : { id: Number(id), token };
    },
    async saveBot(bot) {
      await redis.hset(botKey, 'id', String(bot.id), 'token', bot.token);
    },
  };
}

/** Where a department's own indexes live: `<prefix>dept:<id>:` (the portal's prefix without an id). */
export function departmentKeyPrefix(keyPrefix: string, departmentId: string | undefined): string {
  return departmentId === undefined ? keyPrefix : `${keyPrefix}dept:${departmentId}:`;
}
