import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createEventPoller } from '../src/chat/event-poller.js';
import { imbotEventSource } from '../src/chat/imbot-events.js';
import { processEvent } from '../src/standup/process-event.js';
import { chatWorld } from './chat-world.js';
import { benchClient } from './collection.js';
import { spawnEmulator } from './emulator-process.js';
import { percentile, round } from './measure.js';

/**
 * The event path on one worker, portal limit off (loopback): a burst of replies all at once
 * (how many a second it digests), then a steady 200 replies a second (how long each waits for
 * the bot's answer). Every reply goes Event.get -> Redis inbox -> route -> transition under
 * compare-and-set -> two messages sent and marked.
 */
export async function eventPath(
  redis: Redis,
  keyPrefix: string,
  managers: number,
  concurrency?: number,
) {
  // The portal runs in its own process: this one measures only the worker.
  const emulator = await spawnEmulator({ managers, limit: false, seed: 3 });
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, {
    burst: 1_000_000,
    perSecond: 1_000_000,
  });
  const world = await chatWorld(emulator, client, redis, keyPrefix);
  const { bot, store, deps, ids, sends } = world;
  const poller = createEventPoller({
    fetch: imbotEventSource(client, { id: bot.id, token: bot.token }),
    inbox: store.inbox,
    process: (e) => processEvent(deps, e),
    log: world.log,
    owner: randomUUID(),
    idleMs: 20,
    busyMs: 0,
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  poller.start();
  const sent = (id: number) => sends.get(String(id))?.length ?? 0;
  const waitAll = async (before: Map<number, number>) => {
    while (ids.some((id) => sent(id) <= (before.get(id) ?? 0))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const counts = () => new Map(ids.map((id) => [id, sent(id)]));
  // Burst: every manager answers at once.
  const burstStart = performance.now();
  const beforeBurst = counts();
  await Promise.all(
    ids.map((id) =>
      world.userWrites(id, 'Причина: был на встрече. План: 50 звонков. Срок: завтра'),
    ),
  );
  await waitAll(beforeBurst);
  const burstSeconds = (performance.now() - burstStart) / 1000;
  // Steady: 200 edits a second, each waited for.
  const beforeSteady = counts();
  const written = new Map<number, number>();
  const steadyStart = performance.now();
  for (const [index, id] of ids.entries()) {
    // Paced by the clock, not by timer delays, so the offered rate really is 200 a second.
    const due = steadyStart + index * 5;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    written.set(id, performance.now());
    void world.userWrites(id, 'Срок: пятница');
  }
  const offeredRate = ids.length / ((performance.now() - steadyStart) / 1000);
  await waitAll(beforeSteady);
  const latencies = [...written].map(
    ([id, at]) => (sends.get(String(id))?.[beforeSteady.get(id) ?? 0] ?? at) - at,
  );
  await poller.stop();
  emulator.stop();
  return {
    replies: ids.length,
    burstRepliesPerSecond: round(ids.length / burstSeconds, 0),
    steadyRate: round(offeredRate, 0),
    latencyP50Ms: round(percentile(latencies, 50), 0),
    latencyP99Ms: round(percentile(latencies, 99), 0),
  };
}
