import type { Redis } from 'ioredis';
import { conversationSchema, type Conversation } from '../domain/standup/conversation-schema.js';
import { historyEntrySchema, type HistoryEntry } from '../domain/standup/history-entry.js';
import { createRedisEventInbox, type EventInbox } from '../store/event-inbox.js';
import { createRedisHistory, type History } from '../store/history.js';
import { createRedisSentMessages, type SentMessages } from '../store/sent-messages.js';
import { createRedisVersionedDocs, type VersionedDocs } from '../store/versioned-docs.js';
import { standupRecordSchema, type StandupRecord } from './standup-record.js';

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
}

export function createStandupStore(redis: Redis, keyPrefix: string): StandupStore {
  const openKey = `${keyPrefix}conv-open`;
  const byManager = (id: number) => `${keyPrefix}conv-open:${id}`;
  const botKey = `${keyPrefix}bot`;
  return {
    conversations: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}conv:`,
      schema: conversationSchema,
    }),
    standups: createRedisVersionedDocs({
      redis,
      keyPrefix: `${keyPrefix}standup:`,
      schema: standupRecordSchema,
    }),
    sent: createRedisSentMessages(redis, keyPrefix),
    inbox: createRedisEventInbox(redis, keyPrefix),
    history: createRedisHistory(redis, keyPrefix, historyEntrySchema),
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
    latestStandupId: async () => (await redis.get(`${keyPrefix}standup-latest`)) ?? undefined,
    setLatestStandupId: async (id) => {
      await redis.set(`${keyPrefix}standup-latest`, id);
    },
    countHeadAction: async (standupId) => {
      await redis.hincrby(`${keyPrefix}head-actions`, standupId, 1);
    },
    headActions: async (standupId) =>
      Number((await redis.hget(`${keyPrefix}head-actions`, standupId)) ?? 0),
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
