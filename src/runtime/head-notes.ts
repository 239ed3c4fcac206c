import { runEffects } from '../standup/run-effects.js';
import { effectDeps, type StandupDeps } from '../standup/service-deps.js';
import type { InboxEvent } from '../store/event-inbox.js';

/** One note to the head, sent once whatever the number of processes (a fixed effect id). */
export async function noteToHead(deps: StandupDeps, id: string, text: string): Promise<void> {
  await runEffects(effectDeps(deps), id, [
    { type: 'send', id: `note-${id}`, dialogId: String(deps.dept.head.userId), text },
  ]).catch((error: unknown) => deps.log.error({ err: error, id }, 'could not tell the head'));
}

/** Who wrote an event, as the event names them. */
export function authorOf(event: InboxEvent): string {
  const user = (event.data as { user?: { name?: unknown } } | null)?.user;
  return typeof user?.name === 'string' ? user.name : '';
}
