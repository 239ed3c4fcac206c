import { DateTime } from 'luxon';
import type { Phase } from '../domain/standup/conversation-schema.js';
import type { StandupSlot } from '../domain/standup-slot.js';
import type { StandupDeps } from './service-deps.js';

/**
 * Phases that close at the next standup: a question nobody answered (the new standup asks
 * afresh if the figures still sag) and a plan sent to the meeting (the meeting has been).
 * Plans with the head or approved stay open until decided or checked at their deadline.
 */
export const CLOSE_AT_NEXT_STANDUP: readonly Phase[] = ['asked', 'discuss'];

/** History is kept this long unless the environment says otherwise (HISTORY_KEEP_DAYS). */
export const DEFAULT_HISTORY_KEEP_DAYS = 400;

/**
 * What each standup tidies up, so Redis does not grow with time: earlier days' conversations
 * in a closing phase leave the open indexes (their records expire with the rest), and history
 * older than the retention setting is forgotten.
 */
export async function tidyUp(
  deps: StandupDeps,
  slot: StandupSlot,
): Promise<{ closed: number; pruned: number }> {
  const ids = await deps.store.openIds();
  let closed = 0;
  for (const doc of await deps.store.conversations.getMany(ids)) {
    if (
      doc !== undefined &&
      doc.value.day < slot.day &&
      CLOSE_AT_NEXT_STANDUP.includes(doc.value.phase)
    ) {
      await deps.store.setOpen(doc.value, false);
      closed++;
    }
  }
  const keepDays = deps.historyKeepDays ?? DEFAULT_HISTORY_KEEP_DAYS;
  const cutoff = DateTime.fromISO(slot.day).minus({ days: keepDays }).toISODate() ?? slot.day;
  const pruned = await deps.store.history.prune(cutoff);
  return { closed, pruned };
}
