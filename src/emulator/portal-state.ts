import { createCrmTables, type CrmTables } from './crm-tables.js';

export interface PortalUser {
  id: number;
  name: string;
  lastName: string;
  email: string;
  active: boolean;
  departments: number[];
  timeZone: string;
  workPosition: string;
  isBot: boolean;
  /** `PERSONAL_GENDER`; not set when absent. */
  gender?: 'M' | 'F';
  /** An entry of the absence chart (local days, both included): im.user.list.get's `absent`. */
  absence?: { from: string; to: string };
}

export interface PortalDepartment {
  id: number;
  name: string;
  parent: number | undefined;
  head: number | undefined;
}

export interface BotButton {
  TEXT: string;
  COMMAND?: string;
  COMMAND_PARAMS?: string;
  BLOCK?: string;
  DISABLED?: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  id: number;
  /** Where the message is: "chat<id>" for a group, or "<userA>:<userB>" (lower id first) for a private dialog. */
  conversation: string;
  authorId: number;
  text: string;
  keyboard: BotButton[] | undefined;
  pressed: Set<number>;
  date: number;
  editedAt: number | undefined;
  /** The message's UUID (`uuid` in imbot.v2 answers); set only when the portal deduplicates. */
  uuid?: string;
  /** The message this one replies to. */
  replyId?: number;
}

export const BOT_TYPES = ['bot', 'supervisor', 'personal', 'openline'] as const;
export type BotType = (typeof BOT_TYPES)[number];

export interface RegisteredBot {
  id: number;
  code: string;
  token: string | undefined;
  appKey: string;
  name: string;
  /** imbot.v2 bot type: only `supervisor` and `personal` bots may read messages back. */
  type: BotType;
  commands: Map<string, number>;
  /** Unacknowledged events, oldest first. */
  events: { eventId: number; type: string; date: number; data: Record<string, unknown> }[];
  /** The highest `offset` acknowledged so far (0 before the first): the queue's cursor. */
  ackedOffset: number;
}

export interface PortalChat {
  id: number;
  title: string;
  members: Set<number>;
}

/** A calendar event of a user; `absent` ones are how a portal's REST API shows days away. */
export interface CalendarEvent {
  id: number;
  name: string;
  /** Unix milliseconds; for an all-day event the start of its first and of its last day. */
  from: number;
  to: number;
  allDay: boolean;
  accessibility: 'busy' | 'absent' | 'quest' | 'free';
}

/** Everything a portal holds; the methods and the control surface read and change it. */
export interface PortalState {
  readonly host: string;
  readonly zone: string;
  users: Map<number, PortalUser>;
  departments: Map<number, PortalDepartment>;
  crm: CrmTables;
  bots: Map<number, RegisteredBot>;
  chats: Map<number, PortalChat>;
  messages: Map<number, ChatMessage>;
  /** Calendar events by user id. */
  calendar: Map<number, CalendarEvent[]>;
  /**
   * Whether a repeated `templateId` returns the first message, as the im module's source does.
   * The REST docs promise no such thing, so the emulator leaves it off unless asked.
   */
  dedupeTemplateIds: boolean;
  /** A sent message's templateId (its client UUID) → its id, when deduplicating. */
  templateIds: Map<string, number>;
  counters: { message: number; event: number; user: number; command: number; chat: number };
  /** Milliseconds added to the real clock: the portal's time can be moved. */
  clockOffsetMs: number;
  /** Handlers an application bound with event.bind: event name (upper case) → handler URLs. */
  eventBindings: Map<string, string[]>;
}

export function createPortalState(host: string, zone: string): PortalState {
  return {
    host,
    zone,
    users: new Map(),
    departments: new Map(),
    crm: createCrmTables(zone),
    bots: new Map(),
    chats: new Map(),
    messages: new Map(),
    calendar: new Map(),
    dedupeTemplateIds: false,
    templateIds: new Map(),
    counters: { message: 1000, event: 100, user: 10_000, command: 10, chat: 100 },
    clockOffsetMs: 0,
    eventBindings: new Map(),
  };
}

export function portalNow(state: PortalState): number {
  return Date.now() + state.clockOffsetMs;
}

/** The key of a private dialog between two users, the same whoever looks at it. */
export function privateConversation(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
