import type { ChatPort } from '../chat/chat-port.js';
import { BitrixApiError, isOperationLimit, isQueryLimit } from '../bitrix/errors.js';
import type { Effect } from '../domain/standup/conversation-schema.js';
import type { Logger } from '../lib/logger.js';
import { RetryLaterError } from '../lib/retry-later.js';
import { sentMessageId, type EffectMark, type SentMessages } from '../store/sent-messages.js';
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
  now: () => Date;
  /**
   * How long after a send whose outcome is unknown the portal may still be executing it (the
   * cloud cuts a request at 60 s): the dialog is read back only after this, never sooner.
   */
  settleMs: number;
  log: Logger;
}

/**
 * Does effects once each. An effect with a final mark (sent, done, refused) is skipped. A send
 * is marked `attempted` before it goes out and `sent` once the portal gave its id; when a send
 * was attempted before and its outcome is unknown (a timeout, a reset, a 5xx, a crash between
 * the send and the mark), the dialog is read back once the first try has settled, and the send
 * is repeated only when the message is not there. Exactly once therefore rests on reading
 * back, not on the portal deduplicating; the `templateId` each send carries stays as a second
 * defence for bots that may not read back. Until a try has settled, its effect and whatever
 * follows it in the same dialog wait (RetryLaterError at the end); the other dialogs go on.
 * Network failures and limits propagate (the job or event is retried); a refusal by the portal
 * is logged and marked, so one unreachable person does not stop everyone else's standup.
 */
export async function runEffects(
  deps: EffectDeps,
  targetId: string,
  effects: readonly Effect[],
): Promise<string[]> {
  const done: string[] = [];
  const waiting = { ids: new Set<string>(), dialogs: new Set<string>(), until: 0 };
  const marks = await deps.sent.getMany(effects.map((e) => e.id));
  for (const [index, effect] of effects.entries()) {
    const previous = marks[index];
    if (previous !== undefined && previous.kind !== 'attempted') {
      done.push(effect.id);
      continue;
    }
    const settledAt = await unsettledUntil(deps, effect, previous, waiting);
    if (settledAt !== undefined) {
      waiting.ids.add(effect.id);
      if (effect.type === 'send') {
        waiting.dialogs.add(effect.dialogId);
      }
      waiting.until = Math.max(waiting.until, settledAt);
      continue;
    }
    try {
      await deps.sent.mark(effect.id, await perform(deps, targetId, effect, previous));
    } catch (error) {
      if (notExecuted(error) && previous === undefined && effect.type === 'send') {
        await deps.sent.forget(effect.id);
      }
      if (!refusedForGood(error)) {
        throw error;
      }
      deps.log.error(
        { err: error, effectId: effect.id, targetId },
        'the portal refused a message; it will not be retried',
      );
      await deps.sent.mark(effect.id, { kind: 'refused' });
    }
    done.push(effect.id);
  }
  if (waiting.ids.size > 0) {
    throw new RetryLaterError(
      waiting.until,
      `${waiting.ids.size} message(s) wait until an earlier try has settled on the portal`,
    );
  }
  return done;
}

const RECHECK_MS = 5_000;

/**
 * When an effect must wait: a send tried less than `settleMs` ago, anything after a waiting
 * send in the same dialog, and a card update whose message is itself unsettled.
 */
async function unsettledUntil(
  deps: EffectDeps,
  effect: Effect,
  previous: EffectMark | undefined,
  waiting: { ids: Set<string>; dialogs: Set<string>; until: number },
): Promise<number | undefined> {
  const now = deps.now().getTime();
  if (effect.type === 'send') {
    if (waiting.dialogs.has(effect.dialogId)) {
      return waiting.until;
    }
    if (previous?.kind === 'attempted' && now < previous.lastAt + deps.settleMs) {
      return previous.lastAt + deps.settleMs;
    }
    return undefined;
  }
  if (effect.type === 'update') {
    if (waiting.ids.has(effect.ref)) {
      return waiting.until;
    }
    const ref = await deps.sent.get(effect.ref);
    if (ref?.kind === 'attempted') {
      // Its send is resolved by its own outbox (another job or event); look again shortly.
      return Math.max(now + RECHECK_MS, ref.lastAt + deps.settleMs);
    }
  }
  return undefined;
}

/** Refused before it ran: the bucket (503) or the method's time budget (429). */
function notExecuted(error: unknown): boolean {
  return isQueryLimit(error) || isOperationLimit(error);
}

/** A portal's answer that no retry changes; limits and a send still in progress are retried. */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof BitrixApiError)) {
    return false;
  }
  // The same message (same UUID) is being sent right now: later, the portal gives its id.
  const inProgress = error.code === 'MESSAGE_DUPLICATED_BY_UUID';
  return !(inProgress || notExecuted(error));
}

async function perform(
  deps: EffectDeps,
  targetId: string,
  effect: Effect,
  previous: EffectMark | undefined,
): Promise<EffectMark> {
  switch (effect.type) {
    case 'send':
      return send(deps, effect, previous);
    case 'update': {
      const messageId = sentMessageId(await deps.sent.get(effect.ref));
      if (messageId === undefined) {
        deps.log.warn(
          { effectId: effect.id, ref: effect.ref },
          'nothing to update: the message was never sent',
        );
        return { kind: 'refused' };
      }
      // An update is the same text every time: repeating it after an unclear failure is safe.
      await deps.chat.update(messageId, effect.text, effect.keyboard);
      return { kind: 'done' };
    }
    case 'schedule':
      await deps.scheduleTimer(targetId, effect.timer, effect.at);
      return { kind: 'done' };
  }
}

async function send(
  deps: EffectDeps,
  effect: Extract<Effect, { type: 'send' }>,
  previous: EffectMark | undefined,
): Promise<EffectMark> {
  const now = deps.now().getTime();
  let since = now;
  if (previous?.kind === 'attempted') {
    since = previous.at;
    const located = await deps.chat.locate(effect.dialogId, {
      key: effect.id,
      text: effect.text,
      since,
    });
    if (located.state === 'found') {
      deps.log.info(
        { effectId: effect.id, messageId: located.messageId },
        'an earlier try of this message did land: not sent again',
      );
      return { kind: 'sent', messageId: located.messageId };
    }
    if (located.state === 'unknown') {
      deps.log.warn(
        { effectId: effect.id, reason: located.reason },
        'cannot read the dialog back: the repeated send relies on the portal deduplicating its templateId',
      );
    }
  }
  await deps.sent.mark(effect.id, { kind: 'attempted', at: since, lastAt: now });
  const messageId = await deps.chat.send(effect.dialogId, effect.text, effect.keyboard, {
    key: effect.id,
    ...(effect.attach === undefined ? {} : { attach: effect.attach }),
  });
  return { kind: 'sent', messageId };
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
