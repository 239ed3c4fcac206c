import { z } from 'zod';

/**
 * imbot.v2 events as `imbot.v2.Event.get` returns them (FETCH mode: typed values). Only the
 * fields the bot uses are read; the rest may change without breaking it. A webhook delivery
 * would carry the same shapes with every scalar as a string, so numbers are coerced.
 */

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number);
const flag = z
  .union([z.boolean(), z.enum(['0', '1', 'Y', 'N'])])
  .transform((v) => v === true || v === '1' || v === 'Y');

const userSchema = z.object({
  id,
  name: z.string().default(''),
  bot: flag.default(false),
});
const chatSchema = z.object({
  id,
  dialogId: z.string(),
  type: z.string().default('private'),
});
const messageSchema = z.object({
  id,
  authorId: id,
  date: z.string(),
  text: z.string().default(''),
  isSystem: flag.default(false),
  /** Attachments, keyboard, files "and others" (the docs); a reply's `REPLY_ID` among them. */
  params: z.unknown().optional(),
  replyId: z.unknown().optional(),
});

const messageEventSchema = z.object({ message: messageSchema, chat: chatSchema, user: userSchema });
const commandEventSchema = messageEventSchema.extend({
  command: z.object({
    id,
    command: z.string().min(1),
    params: z.string().default(''),
    context: z.enum(['textarea', 'keyboard', 'menu']).default('textarea'),
  }),
});
const joinEventSchema = z.object({ dialogId: z.string(), chat: chatSchema, user: userSchema });

export const rawBotEventSchema = z.object({
  eventId: id,
  type: z.string(),
  date: z.string(),
  data: z.unknown(),
});

/** A bot event reduced to what the conversation needs. */
export type BotEvent =
  | {
      type: 'message' | 'message_update';
      eventId: number;
      messageId: number;
      userId: number;
      userName: string;
      dialogId: string;
      chatType: string;
      text: string;
      at: string;
      /** The message this one replies to, when it is a reply. */
      replyTo?: number;
    }
  | {
      type: 'command';
      eventId: number;
      messageId: number;
      userId: number;
      userName: string;
      dialogId: string;
      chatType: string;
      command: string;
      params: string;
      context: 'textarea' | 'keyboard' | 'menu';
      at: string;
    }
  | { type: 'join'; eventId: number; userId: number; dialogId: string; at: string }
  | { type: 'ignored'; eventId: number; eventType: string; reason: string };

export class MalformedBotEventError extends Error {
  readonly code = 'malformed_bot_event';
  constructor(
    readonly eventId: unknown,
    readonly eventType: unknown,
    readonly issue: string,
  ) {
    super(`malformed bot event ${String(eventId)} (${String(eventType)}): ${issue}`);
    this.name = 'MalformedBotEventError';
  }
}

/**
 * Parses one fetched event. Unknown types and the bot's own or system messages are `ignored`
 * (not an error); a known type with a broken payload throws `MalformedBotEventError`.
 */
export function parseBotEvent(raw: unknown): BotEvent {
  const envelope = rawBotEventSchema.safeParse(raw);
  if (!envelope.success) {
    const value = raw as { eventId?: unknown; type?: unknown } | null;
    throw new MalformedBotEventError(
      value?.eventId,
      value?.type,
      envelope.error.issues[0]?.message ?? 'invalid',
    );
  }
  const { eventId, type, date, data } = envelope.data;
  const fail = (error: z.ZodError): never => {
    const issue = error.issues[0];
    throw new MalformedBotEventError(
      eventId,
      type,
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  };
  switch (type) {
    case 'ONIMBOTV2MESSAGEADD':
    case 'ONIMBOTV2MESSAGEUPDATE': {
      const parsed = messageEventSchema.safeParse(data);
      if (!parsed.success) {
        return fail(parsed.error);
      }
      const { message, chat, user } = parsed.data;
      if (user.bot || message.isSystem) {
        return { type: 'ignored', eventId, eventType: type, reason: 'bot or system message' };
      }
      const replyTo = replyIdOf(message);
      return {
        type: type === 'ONIMBOTV2MESSAGEADD' ? 'message' : 'message_update',
        eventId,
        messageId: message.id,
        userId: user.id,
        userName: user.name,
        dialogId: chat.dialogId,
        chatType: chat.type,
        text: message.text,
        at: message.date || date,
        ...(replyTo === undefined ? {} : { replyTo }),
      };
    }
    case 'ONIMBOTV2COMMANDADD': {
      const parsed = commandEventSchema.safeParse(data);
      if (!parsed.success) {
        return fail(parsed.error);
      }
      const { message, chat, user, command } = parsed.data;
      return {
        type: 'command',
        eventId,
        messageId: message.id,
        userId: user.id,
        userName: user.name,
        dialogId: chat.dialogId,
        chatType: chat.type,
        command: command.command,
        params: command.params,
        context: command.context,
        at: message.date || date,
      };
    }
    case 'ONIMBOTV2JOINCHAT': {
      const parsed = joinEventSchema.safeParse(data);
      if (!parsed.success) {
        return fail(parsed.error);
      }
      return {
        type: 'join',
        eventId,
        userId: parsed.data.user.id,
        dialogId: parsed.data.dialogId,
        at: date,
      };
    }
    default:
      return { type: 'ignored', eventId, eventType: type, reason: 'event type not used' };
  }
}

/**
 * The id of the message a reply answers. The imbot.v2 docs say a bot "received an event with
 * `replyId`" without showing where; the im module keeps it in the message's params as
 * `REPLY_ID`. Both places and both spellings are read; anything else means "not a reply".
 */
function replyIdOf(message: { params?: unknown; replyId?: unknown }): number | undefined {
  const params =
    message.params !== null && typeof message.params === 'object'
      ? (message.params as Record<string, unknown>)
      : {};
  for (const value of [message.replyId, params.REPLY_ID, params.replyId]) {
    const parsed = id.safeParse(value);
    if (parsed.success && parsed.data > 0) {
      return parsed.data;
    }
  }
  return undefined;
}
