import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { deleteByPrefix } from '../src/lib/delete-by-prefix.js';
import { findOrStartRedis } from '../src/lib/local-redis.js';
import { answerFigures } from './answers.js';
import { BENCH_DAY, fullScan, ours } from './collection.js';
import { collectionTable } from './collection-table.js';
import { spawnEmulator } from './emulator-process.js';
import { chatBurst, idlePolling } from './chat-burst.js';
import { eventPath } from './events.js';
import { tenantsRow } from './tenants.js';

/**
 * npm run bench [-- --json] [-- --quick] [-- --answers] [-- --chat] [-- --collection [12x4:500]]
 * [-- --tenants]: figures, not assertions. How managers'
 * answers are read (the corpus and the held-out set); collection at the portal's real limit next
 * to the obvious baseline; the event path on one worker; memory as the portal grows from ten
 * thousand to a million activities around the same team. `--answers` stops after the first.
 */
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const say = (line: string) => {
  if (!json) {
    console.log(line);
  }
};

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
say("Reading managers' answers (test/fixtures/answers)");
results.answers = answerFigures(say);
if (process.argv.includes('--answers')) {
  if (json) {
    console.log(JSON.stringify(results));
  }
  process.exit(0);
}
say('');

/** `--collection [12x4:500]` runs only the collection table (or one of its rows). */
function only(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  if (at < 0) {
    return undefined;
  }
  const next = process.argv[at + 1];
  return next === undefined || next.startsWith('--') ? '' : next;
}

/** `--chat` runs only the chat burst: it ends the try block early, not the process. */
class Done extends Error {}

async function chatBurstSection() {
  say('');
  say('Chat burst at the real limit (50 burst / 2 per second): 50 managers, 10 messages each');
  const burst = await chatBurst(redis, `${prefix}burst:`, 50, quick ? 4 : 10);
  results.chatBurst = burst;
  say(
    `  ${burst.messages} messages answered in ${burst.seconds} s with ${burst.requests} requests (${burst.refusals} refused): p50 ${burst.latencyP50Ms} ms, p99 ${burst.latencyP99Ms} ms from message to answer`,
  );
  const idle = idlePolling();
  results.idlePolling = idle;
  say(
    `  Idle polling, requests an hour (defaults 5 s / 60 s): working time, quiet ${idle.workingQuiet}; outside working time ${idle.outsideWork}; a fixed 5 s pace ${idle.fixed}`,
  );
}

/** `--tenants` runs only the many-portals row. */
async function tenantsSection() {
  say('');
  say(
    `Many portals: ${quick ? 30 : 100} portals of 30 managers, standups at 08:45 in three time zones, each portal 50/2 with 150 ms answers`,
  );
  results.tenants = await tenantsRow(
    redis,
    redisServer.url,
    `${prefix}tenants-`,
    {
      portals: quick ? 30 : 100,
      managers: 30,
      latencyMs: 150,
      workerCounts: [1, 2, 4],
      concurrency: 8,
    },
    say,
  );
}

const redisServer = await findOrStartRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const redis = new Redis(redisServer.url);
const prefix = `bench-${randomUUID().slice(0, 8)}:`;

try {
  if (process.argv.includes('--chat')) {
    await chatBurstSection();
    throw new Done();
  }
  if (process.argv.includes('--tenants')) {
    await tenantsSection();
    throw new Done();
  }
  results.collection = await collectionTable(redis, prefix, quick, say, only('--collection'));
  if (only('--collection') !== undefined) {
    throw new Done();
  }

  say('');
  say('Event path, one worker, loopback, portal limit off');
  const events = await eventPath(redis, `${prefix}events:`, quick ? 200 : 600);
  results.events = events;
  say(
    `  ${events.replies} replies: burst ${events.burstRepliesPerSecond} replies/s; at ${events.steadyRate}/s: p50 ${events.latencyP50Ms} ms, p99 ${events.latencyP99Ms} ms`,
  );

  await chatBurstSection();
  await tenantsSection();

  say('');
  say('Memory of one standup as the portal grows (10 managers, same team)');
  const memory = [];
  for (const filler of [0, quick ? 100_000 : 1_000_000]) {
    const portal = await spawnEmulator({ managers: 10, limit: false, filler, today: BENCH_DAY });
    const mine = await ours(portal, redis, `${prefix}mem-${filler}:`);
    portal.stop();
    memory.push({
      fillerActivities: filler,
      peakHeapMb: mine.peakHeapMb,
      requests: mine.requests,
      seconds: mine.seconds,
    });
    say(
      `  portal + ${filler.toLocaleString('en')} other activities: peak heap +${mine.peakHeapMb} MB, ${mine.requests} requests, ${mine.seconds} s`,
    );
  }
  results.memory = memory;

  say('');
  say('A full scan of every activity (fast technique, streamed; portal limit off)');
  const scans = [];
  for (const filler of quick ? [10_000] : [10_000, 100_000]) {
    const portal = await spawnEmulator({ managers: 10, limit: false, filler, today: BENCH_DAY });
    const scan = await fullScan(portal, redis, `${prefix}scan-${filler}:`);
    portal.stop();
    scans.push(scan);
    say(
      `  ${scan.rows.toLocaleString('en')} rows: ${scan.requests} requests (ceil(rows/50) = ${scan.pagesNeeded}), ${scan.secondsUnlimited} s here, ${scan.secondsAt50x2} s at 50/2, peak heap +${scan.peakHeapMb} MB`,
    );
  }
  results.scans = scans;
} catch (error) {
  if (!(error instanceof Done)) {
    throw error;
  }
} finally {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  redisServer.stop();
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
if (json) {
  console.log(JSON.stringify(results));
}
