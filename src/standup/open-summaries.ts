import { mayDecide } from '../domain/department/may-decide.js';
import type { ConversationSummary } from '../domain/standup/route.js';
import { sentMessageId } from '../store/sent-messages.js';
import type { StandupDeps } from './service-deps.js';

/**
 * The open conversations routing may need: the head sees all, a manager his own. For the head,
 * each carries the portal's id of its card, so a reply to the card finds its plan.
 */
export async function openSummaries(
  deps: StandupDeps,
  userId: number,
): Promise<ConversationSummary[]> {
  const isHead = mayDecide(deps.dept.head, userId);
  const ids = isHead ? await deps.store.openIds() : await deps.store.openIdsOf(userId);
  const conversations = (await deps.store.conversations.getMany(ids)).flatMap((doc) =>
    doc === undefined ? [] : [doc.value],
  );
  const cards = isHead
    ? await deps.store.sent.getMany(conversations.map((c) => c.refs.headCard ?? ''))
    : [];
  return conversations.map((c, index) => {
    const card = c.refs.headCard === undefined ? undefined : sentMessageId(cards[index]);
    return {
      id: c.id,
      managerId: c.managerId,
      managerName: c.managerName,
      phase: c.phase,
      createdAt: c.createdAt,
      ...(c.correctionRequestedAt === undefined
        ? {}
        : { correctionRequestedAt: c.correctionRequestedAt }),
      ...(card === undefined ? {} : { headCardMessageId: card }),
    };
  });
}
