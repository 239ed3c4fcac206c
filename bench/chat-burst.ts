import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createEventPoller } from '../src/chat/event-poller.js';
import { imbotEventSource } from '../src/chat/imbot-events.js';
import { pollCadence } from '../src/chat/poll-cadence.js';
import { processEvent } from '../src/standup/process-event.js';
import { chatWorld } from './chat-world.js';
import { benchClient } from './collection.js';
import { spawnEmulator } from './emulator-process.js';
import { percentile, round } from './measure.js';

/**
 * A burst of chat at the portal's real limit (50 burst, 2 a second, enforced by the emulator
 * in its own process): each of `users` managers sends `perUser` messages at once, a full
 * answer then `/mine` questions, each of which the bot answers in that dialog (the full answer
 * also puts a card on the head's desk). Latency is from a message to its answer.
 */
export async function chatBurst(redis: Redis, keyPrefix: string, users = 50, perUser = 10) {
  const emulator = await spawnEmulator({ managers: users, limit: true, seed: 5 });
  const client = benchClient(emulator.webhookUrl, redis, keyPrefix, { burst: 50, perSecond: 2 });
  const world = await chatWorld(emulator, client, redis, keyPrefix);
  const poller = createEventPoller({
    fetch: imbotEventSource(client, { id: world.bot.id, token: world.bot.token }),
    inbox: world.store.inbox,
    process: (event) => processEvent(world.deps, event),
    log: world.log,
    owner: randomUUID(),
    idleMs: 1_000,
  });
  const requestsBefore = client.stats().requests;
  const started = performance.now();
  const written = new Map<number, number[]>();
  await Promise.all(
    world.ids.map(async (id) => {
      for (let i = 0; i < perUser; i++) {
        written.set(id, [...(written.get(id) ?? []), performance.now()]);
        await world.userWrites(
          id,
          i === 0 ? 'Причина: был на встрече. План: 50 звонков в день. Срок: пятница' : '/mine',
        );
      }
    }),
  );
  poller.start();
  const answered = () =>
    world.ids.every((id) => (world.sends.get(String(id))?.length ?? 0) >= perUser);
  while (!answered()) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const latencies = world.ids.flatMap((id) =>
    (written.get(id) ?? []).map((at, i) => (world.sends.get(String(id))?.[i] ?? at) - at),
  );
  await poller.stop();
  const stats = client.stats();
  emulator.stop();
  return {
    messages: users * perUser,
    users,
    seconds: round(seconds, 1),
    requests: stats.requests - requestsBefore,
    refusals: stats.queryLimitRefusals,
    latencyP50Ms: round(percentile(latencies, 50), 0),
    latencyP99Ms: round(percentile(latencies, 99), 0),
  };
}

/** Requests an idle hour costs, from the poller's cadence at the default settings. */
export function idlePolling() {
  const cadence = pollCadence({
    idleMs: 5_000,
    slowestMs: 60_000,
    isWorkingTime: (at) => at.getUTCHours() < 12,
  });
  const perHour = (at: Date) => Math.round(3_600_000 / cadence(at, undefined));
  return {
    workingQuiet: perHour(new Date('2026-11-24T09:00:00Z')),
    outsideWork: perHour(new Date('2026-11-24T20:00:00Z')),
    fixed: 3_600_000 / 5_000,
  };
}
