import { MalformedBotEventError } from './bot-event.js';
import type { Logger } from '../lib/logger.js';
import { RetryLaterError } from '../lib/retry-later.js';
import { ACTIVE_FOR_MS } from './poll-cadence.js';
import type { EventInbox, InboxEvent } from '../store/event-inbox.js';

export interface EventPage {
  events: InboxEvent[];
  nextOffset: number | undefined;
  hasMore: boolean;
}

export interface EventPollerOptions {
  /** `imbot.v2.Event.get` with this offset (undefined on the very first call). */
  fetch: (offset: number | undefined) => Promise<EventPage>;
  inbox: EventInbox;
  process: (event: InboxEvent) => Promise<void>;
  log: Logger;
  /** Who claims events (two instances may poll one bot). */
  owner: string;
  idleMs: number;
  /**
   * The wait when no events wait, from the time of the last activity (events fetched, or
   * `touch()`); `idleMs` always when omitted. See poll-cadence.ts.
   */
  cadence?: (now: Date, lastActivityAt: number | undefined) => number;
  now?: () => Date;
  /** The documentation asks for at least 2 s between calls even when more events wait. */
  busyMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * How many senders' events are processed side by side (default 32). Each event waits mostly
   * on Redis and the portal, so lanes are cheap: on a 2-core machine, 8 lanes digested about
   * 160 replies a second, 32 lanes about 250 (npm run bench, portal limit off).
   */
  concurrency?: number;
  /** How long a claimed event waits for its process before another one may take it. */
  claimMs?: number;
  /** Called after each successful poll (readiness reports the time of the last one). */
  onPoll?: (at: Date) => void;
  /**
   * Looks at each fetched event before it is stored: returns it (possibly with text removed),
   * or undefined to leave it out (another bot's event). Either way it is acknowledged.
   */
  screen?: (event: InboxEvent) => InboxEvent | undefined;
  /** After this many failed tries an event is set aside (dead-lettered); 5 by default. */
  maxAttempts?: number;
  /** Told once when an event is set aside, e.g. to tell the head. */
  onDeadLetter?: (event: InboxEvent, error: unknown) => Promise<void>;
}

export interface EventPoller {
  /** One fetch, store and processing round; returns whether more events wait on the portal. */
  pollOnce(): Promise<boolean>;
  /** Processes what the inbox holds (events stored but not yet done). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Something happened that makes answers likely (the bot sent a message): poll fast again. */
  touch(): void;
}

/** While polling fails (Redis or the portal away), the pause doubles up to a minute. */
const MAX_FAILURE_WAIT_MS = 60_000;

function senderOf(event: InboxEvent): string {
  const user = (event.data as { user?: { id?: unknown } } | null)?.user?.id;
  return typeof user === 'number' || typeof user === 'string'
    ? String(user)
    : `event-${event.eventId}`;
}

/**
 * Fetch mode: events wait on the portal until acknowledged, so they are stored in Redis first
 * and acknowledged by the *next* call's offset. Each stored event is processed once (claimed,
 * then completed); one that fails stays in the inbox and is tried again next round, never
 * dropped; a malformed one is logged once and set aside, since no retry can fix it.
 */
export function createEventPoller(options: EventPollerOptions): EventPoller {
  const controller = new AbortController();
  let loop: Promise<void> | undefined;
  const now = options.now ?? (() => new Date());
  let lastActivityAt: number | undefined;
  // A sleep in progress, cut short when activity makes a fast poll worth it.
  let wake: (() => void) | undefined;
  const sleep =
    options.sleep ??
    ((ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
      }));

  /** Processes one event; false when it failed and later events of its sender must wait. */
  const handle = async (event: InboxEvent): Promise<boolean> => {
    if (!(await options.inbox.claim(event.eventId, options.owner, options.claimMs ?? 60_000))) {
      return true;
    }
    try {
      await options.process(event);
      await options.inbox.complete(event.eventId);
      return true;
    } catch (error) {
      if (error instanceof RetryLaterError) {
        // Not a failure: the event waits for a later round, its sender's lane with it.
        options.log.info({ eventId: event.eventId }, error.message);
        await options.inbox.release(event.eventId);
        return false;
      }
      if (error instanceof MalformedBotEventError) {
        options.log.warn(
          { eventId: event.eventId, type: event.type, issue: error.issue },
          'malformed bot event set aside',
        );
        await options.inbox.complete(event.eventId);
        return true;
      }
      const attempts = await options.inbox.fail(event.eventId);
      if (attempts >= (options.maxAttempts ?? 5)) {
        await options.inbox.deadLetter(
          event.eventId,
          error instanceof Error ? error.message : String(error),
        );
        options.log.error(
          { err: error, eventId: event.eventId, attempts },
          'bot event failed every time; set aside (dead letter), the next ones go on',
        );
        await options
          .onDeadLetter?.(event, error)
          .catch((notifyError: unknown) =>
            options.log.error({ err: notifyError }, 'could not report a dead letter'),
          );
        return true;
      }
      options.log.error(
        { err: error, eventId: event.eventId, attempts },
        'bot event failed; it stays in the inbox',
      );
      return false;
    }
  };

  /**
   * Senders are processed side by side (most of the time goes to waiting on the portal and
   * Redis), each sender's events in order; a failed event stops its sender's lane until the
   * next round, so nobody's answers are applied out of order.
   */
  const drain = async () => {
    const lanes = new Map<string, InboxEvent[]>();
    for (const event of await options.inbox.pending(1000)) {
      const lane = senderOf(event);
      lanes.set(lane, [...(lanes.get(lane) ?? []), event]);
    }
    let processed = 0;
    const queue = [...lanes.values()];
    const worker = async () => {
      for (let lane = queue.shift(); lane !== undefined; lane = queue.shift()) {
        for (const event of lane) {
          if (!(await handle(event))) {
            break;
          }
          processed++;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
    return processed;
  };

  const pollOnce = async () => {
    const offset = await options.inbox.offset();
    const page = await options.fetch(offset);
    if (page.events.length > 0) {
      lastActivityAt = now().getTime();
    }
    const screen = options.screen ?? ((event: InboxEvent) => event);
    const kept = page.events.flatMap((event) => {
      const screened = screen(event);
      return screened === undefined ? [] : [screened];
    });
    await options.inbox.store(kept, page.nextOffset ?? offset ?? 0);
    options.onPoll?.(new Date());
    await drain();
    return page.hasMore;
  };

  return {
    pollOnce,
    drain,
    start() {
      loop = (async () => {
        let failures = 0;
        let reportedAt = 0;
        while (!controller.signal.aborted) {
          let more = false;
          try {
            more = await pollOnce();
            if (failures > 0) {
              options.log.info({ failures }, 'polling bot events works again');
            }
            failures = 0;
          } catch (error) {
            failures++;
            // One line when it starts failing, then one a minute: not one per poll.
            if (failures === 1 || Date.now() - reportedAt >= 60_000) {
              reportedAt = Date.now();
              options.log.warn(
                { err: error, failures },
                'polling bot events failed; will try again',
              );
            }
          }
          const waitMs =
            failures > 0
              ? Math.min(options.idleMs * 2 ** (failures - 1), MAX_FAILURE_WAIT_MS)
              : more
                ? (options.busyMs ?? 2_000)
                : (options.cadence?.(now(), lastActivityAt) ?? options.idleMs);
          const napping = new AbortController();
          wake = () => napping.abort();
          const stopNap = () => napping.abort();
          controller.signal.addEventListener('abort', stopNap, { once: true });
          await sleep(waitMs, napping.signal);
          controller.signal.removeEventListener('abort', stopNap);
          wake = undefined;
        }
      })();
    },
    async stop() {
      controller.abort();
      await loop;
    },
    touch() {
      const wasQuiet =
        lastActivityAt === undefined || now().getTime() - lastActivityAt > ACTIVE_FOR_MS;
      lastActivityAt = now().getTime();
      // After a quiet spell the current nap may be a minute long: start the fast pace now.
      if (wasQuiet) {
        wake?.();
      }
    },
  };
}
