import type { ChatPort } from '../chat/chat-port.js';
import { BitrixApiError, isOperationLimit, isQueryLimit } from '../bitrix/errors.js';
import type { Effect } from '../domain/standup/conversation-schema.js';
import type { Logger } from '../lib/logger.js';
import type { SentMessages } from '../store/sent-messages.js';
import type { Versioned, VersionedDocs } from '../store/versioned-docs.js';
import { updateWithRetry } from '../store/versioned-docs.js';

export interface EffectDeps {
  chat: ChatPort;
  sent: SentMessages;
  scheduleTimer: (
    targetId: string,
    timer: 'reminder' | 'deadline' | 'escalation',
    at: string,
  ) => Promise<void>;
  log: Logger;
}

/** The portal refused the message for good (the user left, the bot was removed): not retried. */
const FAILED = -1;

/**
 * Does effects once each: an effect already marked (sent, or failed for good) is skipped, and
 * each is marked right after the portal accepted it. A retried job therefore repeats only what
 * is unmarked; a send repeated after a crash between it and its mark, or after a timeout,
 * carries the same key (the effect id), which the portal deduplicates. Network failures and
 * rate limits propagate (the job or event is retried); a refusal by the portal is logged and
 * marked, so one unreachable person does not stop everyone else's standup.
 */
export async function runEffects(
  deps: EffectDeps,
  targetId: string,
  effects: readonly Effect[],
): Promise<string[]> {
  const done: string[] = [];
  const marks = await deps.sent.getMany(effects.map((e) => e.id));
  for (const [index, effect] of effects.entries()) {
    if (marks[index] !== undefined) {
      done.push(effect.id);
      continue;
    }
    try {
      await deps.sent.mark(effect.id, await perform(deps, targetId, effect));
    } catch (error) {
      if (!refusedForGood(error)) {
        throw error;
      }
      deps.log.error(
        { err: error, effectId: effect.id, targetId },
        'the portal refused a message; it will not be retried',
      );
      await deps.sent.mark(effect.id, FAILED);
    }
    done.push(effect.id);
  }
  return done;
}

/** A portal's answer that no retry changes; limits and a send still in progress are retried. */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof BitrixApiError)) {
    return false;
  }
  // The same message (same UUID) is being sent right now: later, the portal gives its id.
  const inProgress = error.code === 'MESSAGE_DUPLICATED_BY_UUID';
  return !(inProgress || isQueryLimit(error) || isOperationLimit(error));
}

async function perform(deps: EffectDeps, targetId: string, effect: Effect): Promise<number> {
  switch (effect.type) {
    case 'send':
      return deps.chat.send(effect.dialogId, effect.text, effect.keyboard, { key: effect.id });
    case 'update': {
      const messageId = await deps.sent.get(effect.ref);
      if (messageId === undefined || messageId === FAILED) {
        deps.log.warn(
          { effectId: effect.id, ref: effect.ref },
          'nothing to update: the message was never sent',
        );
        return FAILED;
      }
      await deps.chat.update(messageId, effect.text, effect.keyboard);
      return messageId;
    }
    case 'schedule':
      await deps.scheduleTimer(targetId, effect.timer, effect.at);
      return 0;
  }
}

/** A document with an outbox: its effects are done and then removed from it. */
export interface WithOutbox {
  outbox: Effect[];
}

/**
 * Does every effect of `outbox` (already-done ones are skipped by their marks) and removes the
 * done ones from the stored document. Returns the document as stored afterwards.
 */
export async function doOutbox<T extends WithOutbox>(
  deps: EffectDeps,
  docs: VersionedDocs<T>,
  id: string,
  outbox: readonly Effect[],
): Promise<T | undefined> {
  if (outbox.length === 0) {
    return (await docs.get(id))?.value;
  }
  const done = new Set(await runEffects(deps, id, outbox));
  return updateWithRetry(docs, id, (latest) => {
    if (latest === undefined) {
      return undefined;
    }
    const value = { ...latest.value, outbox: latest.value.outbox.filter((e) => !done.has(e.id)) };
    return { value, result: value };
  });
}

/** Does what a document's outbox holds and removes what was done (compare-and-set). */
export async function flushOutbox<T extends WithOutbox>(
  deps: EffectDeps,
  docs: VersionedDocs<T>,
  id: string,
): Promise<Versioned<T> | undefined> {
  const current = await docs.get(id);
  if (current === undefined || current.value.outbox.length === 0) {
    return current;
  }
  const done = new Set(await runEffects(deps, id, current.value.outbox));
  await updateWithRetry(docs, id, (latest) =>
    latest === undefined
      ? undefined
      : {
          value: { ...latest.value, outbox: latest.value.outbox.filter((e) => !done.has(e.id)) },
          result: true,
        },
  );
  return docs.get(id);
}
