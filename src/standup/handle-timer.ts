import type { JobPayload } from '../jobs/job-schemas.js';
import { boardTexts } from '../domain/standup/texts/board-texts.js';
import { measureCheck } from '../report/measure-check.js';
import { updateWithRetry } from '../store/versioned-docs.js';
import { presentNow } from './present-now.js';
import { runEffects } from './run-effects.js';
import {
  applyToConversation,
  effectDeps,
  languageOf,
  nowIso,
  type StandupDeps,
} from './service-deps.js';

/**
 * Delayed jobs: a conversation's reminder, a plan's deadline check (measured now, then fed to
 * the conversation), or a standup's escalation to the head listing who has not answered.
 * Each reads the people again first: nobody away today or gone from the portal is reminded,
 * named in an escalation, or checked.
 */
export async function handleTimer(deps: StandupDeps, payload: JobPayload<'timer'>): Promise<void> {
  if (payload.timer === 'escalation') {
    await escalate(deps, payload.targetId);
    return;
  }
  if (payload.timer === 'reminder') {
    const conversation = (await deps.store.conversations.get(payload.targetId))?.value;
    if (conversation === undefined) {
      return;
    }
    if (!(await presentNow(deps, [conversation.managerId])).has(conversation.managerId)) {
      deps.log.info(
        { conversationId: payload.targetId },
        'no reminder: the manager is away today or no longer active',
      );
      return;
    }
    await applyToConversation(deps, payload.targetId, {
      kind: 'timer',
      timer: 'reminder',
      conversationId: payload.targetId,
      at: payload.at,
    });
    return;
  }
  const conversation = (await deps.store.conversations.get(payload.targetId))?.value;
  if (
    conversation === undefined ||
    conversation.phase === 'held' ||
    conversation.phase === 'not_held' ||
    conversation.phase === 'asked'
  ) {
    return;
  }
  const figures = await measureCheck(
    deps.dept,
    deps.calendar,
    deps.reader,
    conversation,
    deps.now(),
    deps.log,
  );
  if (figures === undefined) {
    deps.log.info(
      { conversationId: payload.targetId },
      'no deadline check: the manager is no longer active',
    );
    return;
  }
  await applyToConversation(deps, payload.targetId, {
    kind: 'check',
    conversationId: payload.targetId,
    figures,
    at: nowIso(deps),
  });
}

/** One message to the head before the meeting: who has not answered. Late answers stay welcome. */
async function escalate(deps: StandupDeps, standupId: string): Promise<void> {
  const record = (await deps.store.standups.get(standupId))?.value;
  if (record === undefined) {
    return;
  }
  const docs = await deps.store.conversations.getMany(record.conversationIds);
  const waiting = docs.flatMap((d) =>
    d !== undefined && d.value.phase === 'asked' ? [d.value] : [],
  );
  const present = await presentNow(
    deps,
    waiting.map((c) => c.managerId),
  );
  const silent = waiting.filter((c) => present.has(c.managerId));
  for (const conversation of silent) {
    await updateWithRetry(deps.store.conversations, conversation.id, (current) =>
      current === undefined || current.value.escalated
        ? undefined
        : { value: { ...current.value, escalated: true }, result: true },
    );
  }
  if (silent.length > 0) {
    const text = boardTexts(languageOf(deps)).escalation(silent.map((c) => c.managerName));
    await runEffects(effectDeps(deps), standupId, [
      {
        type: 'send',
        id: `${standupId}-escalation`,
        dialogId: String(deps.dept.head.userId),
        text,
      },
    ]);
  }
}
