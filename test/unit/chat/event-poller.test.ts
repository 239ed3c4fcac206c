import { describe, expect, it } from 'vitest';
import type { BitrixClient } from '../../../src/bitrix/client.js';
import { createEventPoller } from '../../../src/chat/event-poller.js';
import { imbotEventSource } from '../../../src/chat/imbot-events.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import type { EventInbox, InboxEvent } from '../../../src/store/event-inbox.js';

/** Only what the poller reads and writes: the offset and the stored events. */
function memoryInbox() {
  const stored: InboxEvent[] = [];
  let offset: number | undefined;
  const inbox: EventInbox = {
    store: (events, nextOffset) => {
      stored.push(...events);
      offset = Math.max(offset ?? 0, nextOffset);
      return Promise.resolve(events.length);
    },
    offset: () => Promise.resolve(offset),
    pending: () => Promise.resolve([]),
    claim: () => Promise.resolve(true),
    complete: () => Promise.resolve(),
    fail: () => Promise.resolve(1),
    release: () => Promise.resolve(),
    deadLetter: () => Promise.resolve(),
    deadLetters: () => Promise.resolve([]),
    pendingCount: () => Promise.resolve(0),
  };
  return { inbox, stored, offset: () => offset };
}

/** A client whose `imbot.v2.Event.get` answers these results in turn, recording the offsets. */
function clientAnswering(results: unknown[]) {
  const offsets: unknown[] = [];
  const client = {
    call: (_method: string, params: Record<string, unknown> = {}) => {
      offsets.push(params.offset);
      return Promise.resolve({ result: results.shift() });
    },
  } as unknown as BitrixClient;
  return { client, offsets };
}

const log = createLogger({ level: 'silent', format: 'json', secrets: createSecrets() });

describe('event poller and imbot.v2.Event.get', () => {
  it('keeps the integer nextOffset of an empty page and sends it next time', async () => {
    // imbot.v2/events/event-get.md; change-log.md BOT-BC-0325-1: "If hasMore: false, there
    // are no new events, but nextOffset still needs to be saved for the next polling cycle."
    const { client, offsets } = clientAnswering([
      { events: [], nextOffset: 1002, hasMore: false },
      { events: [], nextOffset: 1002, hasMore: false },
    ]);
    const memory = memoryInbox();
    const poller = createEventPoller({
      fetch: imbotEventSource(client, { id: 456, token: 't' }),
      inbox: memory.inbox,
      process: () => Promise.resolve(),
      log,
      owner: 'test',
      idleMs: 5000,
    });
    await poller.pollOnce();
    expect(memory.offset()).toBe(1002);
    await poller.pollOnce();
    expect(offsets).toEqual([undefined, 1002]);
  });

  it('still reads the null nextOffset older answers gave, keeping the offset it had', async () => {
    const { client } = clientAnswering([{ events: [], nextOffset: null, hasMore: false }]);
    const page = await imbotEventSource(client, { id: 456, token: 't' })(undefined);
    expect(page).toEqual({ events: [], nextOffset: undefined, hasMore: false });
  });

  it('naps long when all is quiet, and wakes to poll at once when the bot has just sent', async () => {
    const { inbox } = memoryInbox();
    let fetches = 0;
    const naps: number[] = [];
    const poller = createEventPoller({
      fetch: async () => {
        fetches++;
        return { events: [], nextOffset: 1, hasMore: false };
      },
      inbox,
      process: () => Promise.resolve(),
      log,
      owner: 'test',
      idleMs: 5_000,
      cadence: (_now, last) => (last === undefined ? 60_000 : 2_000),
      // A nap that only ends when it is cut short: time plays no part in this test.
      sleep: (ms, signal) => {
        naps.push(ms);
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      },
    });
    poller.start();
    while (naps.length < 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect([fetches, naps]).toEqual([1, [60_000]]);
    poller.touch();
    while (naps.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect([fetches, naps]).toEqual([2, [60_000, 2_000]]);
    await poller.stop();
  });
});
