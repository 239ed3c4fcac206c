import { z } from 'zod';
import { BitrixApiError } from '../bitrix/errors.js';
import { stableUuid } from '../lib/stable-uuid.js';
import type { BitrixCaller, Located, SentProbe } from './chat-port.js';

/** Clocks of the portal and of this host may disagree by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Pages of 50 read back at most: a dialog busier than that since the send is not a bot dialog. */
const MAX_PAGES = 4;

const chatSchema = z.object({
  chat: z.object({ lastMessageId: z.coerce.number().nullable().optional() }),
});
const contextSchema = z.object({
  messages: z.array(
    z.object({
      id: z.coerce.number(),
      authorId: z.coerce.number(),
      date: z.string().nullable().optional(),
      text: z.string().nullable().optional(),
      uuid: z.string().nullable().optional(),
    }),
  ),
  hasPrevPage: z.boolean().optional(),
});
type ContextMessage = z.infer<typeof contextSchema>['messages'][number];

export interface LocateOptions {
  caller: BitrixCaller;
  botId: number;
  auth: Record<string, unknown>;
  /** The text exactly as `send` put it on the wire (after any cut). */
  wireText: (text: string) => string;
}

/**
 * Reads the dialog's newest messages back (`imbot.v2.Chat.get` for the last message id, then
 * `imbot.v2.Chat.Message.getContext` around it, 50 a page) and looks for the bot's message by
 * its UUID (the `templateId` it was sent with) or, failing that, by its text since the first
 * try. The docs allow these reads only to `supervisor` and `personal` bots that are in the chat;
 * any refusal is `unknown`, and network failures propagate so the caller tries again later.
 */
export async function locateMessage(
  options: LocateOptions,
  dialogId: string,
  probe: SentProbe,
): Promise<Located> {
  try {
    const { result } = await options.caller.call(
      'imbot.v2.Chat.get',
      { ...options.auth, dialogId },
      { kind: 'read' },
    );
    let anchor = chatSchema.parse(result).chat.lastMessageId ?? 0;
    if (anchor <= 0) {
      return { state: 'absent' };
    }
    const matches = matcher(options, probe);
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await options.caller.call(
        'imbot.v2.Chat.Message.getContext',
        { ...options.auth, messageId: anchor, range: 50 },
        { kind: 'read' },
      );
      const context = contextSchema.parse(answer.result);
      const found = context.messages.find(matches);
      if (found !== undefined) {
        return { state: 'found', messageId: found.id };
      }
      const oldest = context.messages[0];
      const olderMayHoldIt =
        context.hasPrevPage === true &&
        oldest !== undefined &&
        oldest.id < anchor &&
        timeOf(oldest) >= probe.since - CLOCK_SKEW_MS;
      if (!olderMayHoldIt) {
        return { state: 'absent' };
      }
      anchor = oldest.id;
    }
    return { state: 'unknown', reason: `more than ${MAX_PAGES * 50} messages since the send` };
  } catch (error) {
    if (error instanceof BitrixApiError) {
      return { state: 'unknown', reason: `${error.method}: ${error.code || error.message}` };
    }
    throw error;
  }
}

function matcher(options: LocateOptions, probe: SentProbe): (m: ContextMessage) => boolean {
  const uuid = stableUuid(probe.key);
  const text = normalize(options.wireText(probe.text));
  return (m) =>
    (m.uuid ?? '').toLowerCase() === uuid ||
    (m.authorId === options.botId &&
      normalize(m.text ?? '') === text &&
      timeOf(m) >= probe.since - CLOCK_SKEW_MS);
}

function timeOf(message: ContextMessage): number {
  const at = Date.parse(message.date ?? '');
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
