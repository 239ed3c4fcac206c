import {
  botJoins,
  userEdits,
  userPresses,
  userWrites,
  type ButtonPress,
  type UserWrites,
} from './chat-actions.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import type { OAuthServer } from './oauth-server.js';
import { portalNow, type PortalState } from './portal-state.js';
import type { Row } from './table.js';

/** One message as people would see it in the chat. */
export interface TranscriptEntry {
  id: number;
  /** "chat<id>", or "<a>:<b>" for the private dialog of users a and b. */
  conversation: string;
  authorId: number;
  text: string;
  /** Buttons as [text, "/command params"]; blocked ones marked. */
  buttons: { text: string; command: string; params: string; pressed: boolean }[];
  date: string;
  edited: boolean;
  /** The attachment (ATTACH) as stored, when the message has one. */
  attach?: unknown;
}

export interface EmulatorStats {
  requests: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
}

/** The emulator's own handle: clearly not Bitrix24, for the demo and tests. */
export interface EmulatorControl {
  readonly state: PortalState;
  userWrites(action: UserWrites): { messageId: number; eventIds: number[] };
  userEdits(fromUserId: number, messageId: number, text: string): number[];
  userPresses(press: ButtonPress): number;
  createChat(title: string, members: number[]): number;
  botJoins(botId: number, chatId: number, byUserId: number): number;
  transcript(conversation?: string): TranscriptEntry[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  expireTokens(): void;
  issueRefreshToken(userId: number): string;
  now(): Date;
  setNow(date: Date): void;
  advance(ms: number): void;
  addActivity(row: Row): number;
  addItem(entityTypeId: number, row: Row): number;
  addCall(row: Row): number;
  stats(): EmulatorStats;
  resetStats(): void;
  readonly oauthRefreshes: number;
}

export interface ControlDependencies {
  state: PortalState;
  faults: FaultQueue;
  oauth: OAuthServer;
  stats: EmulatorStats;
}

export function createControl({
  state,
  faults,
  oauth,
  stats,
}: ControlDependencies): EmulatorControl {
  return {
    state,
    userWrites: (action) => userWrites(state, action),
    userEdits: (from, id, text) => userEdits(state, from, id, text),
    userPresses: (press) => userPresses(state, press),
    createChat(title, members) {
      const id = ++state.counters.chat;
      state.chats.set(id, { id, title, members: new Set(members) });
      return id;
    },
    botJoins: (botId, chatId, by) => botJoins(state, botId, chatId, by),
    transcript(conversation) {
      return [...state.messages.values()]
        .filter((m) => conversation === undefined || m.conversation === conversation)
        .map((m) => ({
          id: m.id,
          conversation: m.conversation,
          authorId: m.authorId,
          text: m.text,
          buttons: (m.keyboard ?? [])
            .map((b, index) => ({ b, index }))
            .filter(({ b }) => b.COMMAND !== undefined)
            .map(({ b, index }) => ({
              text: b.TEXT,
              command: `/${(b.COMMAND ?? '').replace(/^\//, '')}`,
              params: b.COMMAND_PARAMS ?? '',
              pressed: m.pressed.has(index),
            })),
          date: new Date(m.date).toISOString(),
          edited: m.editedAt !== undefined,
          ...(m.attach === undefined ? {} : { attach: m.attach }),
        }));
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    expireTokens: () => oauth.expireAll(),
    issueRefreshToken: (userId) => oauth.issueRefreshToken(userId),
    now: () => new Date(portalNow(state)),
    setNow(date) {
      state.clockOffsetMs = date.getTime() - Date.now();
    },
    advance(ms) {
      state.clockOffsetMs += ms;
    },
    addActivity: (row) => state.crm.activities.add(row),
    addItem(entityTypeId, row) {
      const table = state.crm.items.get(entityTypeId);
      if (table === undefined) {
        throw new Error(`no item type ${entityTypeId}`);
      }
      return table.add(row);
    },
    addCall: (row) => state.crm.calls.add(row),
    stats: () => ({
      requests: stats.requests,
      byMethod: { ...stats.byMethod },
      byStatus: { ...stats.byStatus },
    }),
    resetStats() {
      stats.requests = 0;
      stats.byMethod = {};
      stats.byStatus = {};
    },
    get oauthRefreshes() {
      return oauth.refreshes;
    },
  };
}
