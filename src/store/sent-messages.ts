import type { Redis } from 'ioredis';

/**
 * What became of one effect:
 * - `attempted`: a send went out (first at `at`, most recently at `lastAt`, epoch ms) and its
 *   outcome is unknown: a crash, a timeout or a 5xx came between it and the portal's answer.
 *   Before it is repeated, the dialog is read back (see `runEffects`).
 * - `sent`: the portal accepted the message and gave its id.
 * - `done`: a timer scheduled, a card updated.
 * - `refused`: the portal refused it for good (the user left, the bot was removed).
 */
export type EffectMark =
  | { kind: 'attempted'; at: number; lastAt: number }
  | { kind: 'sent'; messageId: number }
  | { kind: 'done' }
  | { kind: 'refused' };

/**
 * The outbox's memory, by effect id. An effect is done only when it has no final mark; a send
 * is marked `attempted` before it goes out and `sent` right after the portal accepted it, so
 * after any failure the next try knows whether the portal may already hold the message.
 */
export interface SentMessages {
  get(effectId: string): Promise<EffectMark | undefined>;
  getMany(effectIds: readonly string[]): Promise<(EffectMark | undefined)[]>;
  mark(effectId: string, mark: EffectMark): Promise<void>;
  /** Drops an `attempted` mark: the send certainly did not run (refused before executing). */
  forget(effectId: string): Promise<void>;
}

/** The message id of a `sent` mark, if it is one. */
export function sentMessageId(mark: EffectMark | undefined): number | undefined {
  return mark?.kind === 'sent' ? mark.messageId : undefined;
}

/** Long enough to outlive any conversation (a plan's deadline is weeks away at most). */
const KEEP_SECONDS = 120 * 24 * 3600;

/** "s:<id>", "d", "r", "a:<first ms>:<last ms>"; a bare integer is the earlier format (-1 refused, 0 done). */
export function encodeMark(mark: EffectMark): string {
  switch (mark.kind) {
    case 'attempted':
      return `a:${mark.at}:${mark.lastAt}`;
    case 'sent':
      return `s:${mark.messageId}`;
    case 'done':
      return 'd';
    case 'refused':
      return 'r';
  }
}

export function decodeMark(value: string | null): EffectMark | undefined {
  if (value === null) {
    return undefined;
  }
  const [tag, rest = '', last = rest] = value.split(':', 3) as [string, string?, string?];
  if (tag === 'a') {
    return { kind: 'attempted', at: Number(rest), lastAt: Number(last) };
  }
  if (tag === 's') {
    return { kind: 'sent', messageId: Number(rest) };
  }
  if (tag === 'd') {
    return { kind: 'done' };
  }
  if (tag === 'r') {
    return { kind: 'refused' };
  }
  const legacy = Number(value);
  return legacy > 0
    ? { kind: 'sent', messageId: legacy }
    : legacy === 0
      ? { kind: 'done' }
      : { kind: 'refused' };
}

export function createRedisSentMessages(redis: Redis, keyPrefix: string): SentMessages {
  const key = (effectId: string) => `${keyPrefix}sent:${effectId}`;
  return {
    async get(effectId) {
      return decodeMark(await redis.get(key(effectId)));
    },
    async getMany(effectIds) {
      if (effectIds.length === 0) {
        return [];
      }
      return (await redis.mget(effectIds.map(key))).map(decodeMark);
    },
    async mark(effectId, mark) {
      await redis.set(key(effectId), encodeMark(mark), 'EX', KEEP_SECONDS);
    },
    async forget(effectId) {
      await redis.del(key(effectId));
    },
  };
}
