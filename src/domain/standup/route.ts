import type { Department } from '../department/department.js';
import type { ChatInput } from './chat-input.js';
import type { Phase } from './conversation-schema.js';
import { mayDecide } from '../department/may-decide.js';
import { addressOf } from './head-address.js';

/** What routing needs to know of an open conversation. */
export interface ConversationSummary {
  id: string;
  managerId: number;
  managerName: string;
  phase: Phase;
  createdAt: string;
  correctionRequestedAt?: string;
  /** The portal's id of the plan's card in the head's chat, when it was sent. */
  headCardMessageId?: number;
}

export type Route =
  | {
      to: 'conversations';
      ids: string[];
      bulk: boolean;
      /** The head's text is about this plan; `text` is what remains once the address is gone. */
      addressed?: { text: string };
    }
  | { to: 'which_plan'; names: string[] }
  | { to: 'help'; audience: 'head' | 'manager' | 'stranger' }
  | { to: 'status' }
  | { to: 'mine'; managerId: number }
  | { to: 'no_open_question' }
  | { to: 'ignore'; reason: string };

const BULK_APPROVE =
  /^(?:\/approve\s+all|ок\s*,?\s*все|все\s*,?\s*ок|всё\s*ок|ок\s*,?\s*всё|утверждаю\s+все|утвердить\s+все|approve\s+all|all\s+ok|ok\s*,?\s*all)[.!]?$/i;

/**
 * Decides where a chat input goes. Pure: it sees the department and the open conversations
 * (the manager's own, or all of them for the head). It does not authorize; the conversation
 * does, so a manager pressing Approve reaches the conversation and is refused there.
 */
export function route(
  input: ChatInput,
  dept: Department,
  open: readonly ConversationSummary[],
): Route {
  const isHead = mayDecide(dept.head, input.userId);
  const isManager = dept.managers.some((m) => m.userId === input.userId);
  const group = input.dialogId.startsWith('chat');
  if (input.kind === 'command') {
    const command = input.command.replace(/^\//, '').toLowerCase();
    const param = input.params.trim().split(/\s+/)[0] ?? '';
    if (command === 'help' || command === 'start') {
      return { to: 'help', audience: isHead ? 'head' : isManager ? 'manager' : 'stranger' };
    }
    if (command === 'status') {
      return isHead
        ? { to: 'status' }
        : { to: 'help', audience: isManager ? 'manager' : 'stranger' };
    }
    if (command === 'mine') {
      return isManager
        ? { to: 'mine', managerId: input.userId }
        : { to: 'help', audience: isHead ? 'head' : 'stranger' };
    }
    if (command === 'approve' && param.toLowerCase() === 'all') {
      return isHead
        ? { to: 'conversations', ids: awaitingDecision(open), bulk: true }
        : { to: 'conversations', ids: open.map((c) => c.id).slice(0, 1), bulk: false };
    }
    return param === ''
      ? { to: 'help', audience: isHead ? 'head' : isManager ? 'manager' : 'stranger' }
      : { to: 'conversations', ids: [param], bulk: false };
  }
  if (group) {
    return { to: 'ignore', reason: 'group chat text' };
  }
  if (isHead) {
    return headRoute(input.text, input.replyTo, open);
  }
  if (!isManager) {
    return { to: 'help', audience: 'stranger' };
  }
  const own = open
    .filter(
      (c) =>
        c.managerId === input.userId &&
        ['asked', 'answered', 'revising', 'correcting'].includes(c.phase),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return own === undefined
    ? { to: 'no_open_question' }
    : { to: 'conversations', ids: [own.id], bulk: false };
}

/**
 * The head's free text: "ок все" approves every waiting plan; a reply to a card, a quote of it
 * or "Имя: …" is about that plan; after "Поправить" it is the correction; with one plan
 * waiting it is about that one; with several, the bot asks whose.
 */
function headRoute(
  text: string,
  replyTo: number | undefined,
  open: readonly ConversationSummary[],
): Route {
  if (BULK_APPROVE.test(text.trim())) {
    return { to: 'conversations', ids: awaitingDecision(open), bulk: true };
  }
  const addressed = addressOf(text, replyTo, open);
  if (addressed !== undefined) {
    return {
      to: 'conversations',
      ids: [addressed.id],
      bulk: false,
      addressed: { text: addressed.text },
    };
  }
  const correcting = open
    .filter((c) => c.phase === 'correcting')
    .sort((a, b) =>
      (b.correctionRequestedAt ?? '').localeCompare(a.correctionRequestedAt ?? ''),
    )[0];
  if (correcting !== undefined) {
    return { to: 'conversations', ids: [correcting.id], bulk: false };
  }
  const waiting = open.filter((c) => c.phase === 'answered');
  if (waiting.length === 1 && waiting[0] !== undefined) {
    return { to: 'conversations', ids: [waiting[0].id], bulk: false, addressed: { text } };
  }
  return waiting.length === 0
    ? { to: 'help', audience: 'head' }
    : { to: 'which_plan', names: waiting.map((c) => c.managerName) };
}

function awaitingDecision(open: readonly ConversationSummary[]): string[] {
  return open.filter((c) => c.phase === 'answered').map((c) => c.id);
}
